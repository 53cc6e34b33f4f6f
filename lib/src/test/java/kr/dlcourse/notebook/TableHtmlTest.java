package kr.dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableHtmlTest {

  @Test
  void smallTablesShowEveryRowWithTheirNameAsCaption() {
    Table t =
        Table.create(
            "모델 비교 <요약>",
            StringColumn.create("모델", "MLP", "CNN<V1>"),
            IntColumn.create("파라미터", 789_258, 94_538));
    String html = TableHtml.html(t);
    assertTrue(html.startsWith("<table><caption>모델 비교 &lt;요약&gt;</caption>"), html);
    assertTrue(html.contains("<th>파라미터</th>"));
    assertTrue(html.contains("CNN&lt;V1&gt;"), "cell text is escaped");
    assertEquals(3, count(html, "<tr>"), "header and two rows");
  }

  @Test
  void longTablesShowTheirFirstRowsAndSaySo() {
    Table t = Table.create("epochs", IntColumn.indexColumn("epoch", 120, 1));
    String html = TableHtml.html(t);
    assertEquals(1 + TableHtml.HEAD_ROWS, count(html, "<tr>"));
    assertTrue(html.contains("(first 20 of 120 rows)"), html.substring(0, 80));
    assertFalse(html.contains("<td>21</td>"));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
