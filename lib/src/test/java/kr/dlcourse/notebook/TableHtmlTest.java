package kr.dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
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
    assertTrue(html.contains("<caption>epochs (전체 120행 중 처음 20행)</caption>"), html.substring(0, 80));
    assertFalse(html.contains("<td>21</td>"));
  }

  @Test
  void decimalsAreRoundedForReadingAndSecondsToOneDecimal() {
    // the numbers of 02's, 06's and 07's summaries before rounding
    Table t =
        Table.create(
            "MLP vs CNN_V1",
            StringColumn.create("model", "MLP", "CNN_V1"),
            IntColumn.create("params", 789_258, 94_538),
            LongColumn.create("파라미터", 789_258_123_456L, 1L),
            DoubleColumn.create("val_acc", 0.9383333333333334, 0.5744747680028279),
            DoubleColumn.create("train_loss", 2.7280622990000003, 3.5512494985),
            DoubleColumn.create("seconds", 2.7280622990000003, 0.043),
            DoubleColumn.create("s/epoch", 3.5512494985, 12.0),
            DoubleColumn.create("평균 시간(s)", 1.25, 10.0),
            DoubleColumn.create("lr", 0.001, 1.5e-7),
            DoubleColumn.create("테스트 정확도(%)", 91.6, 88.88888),
            DoubleColumn.create("count", 789258.4, Double.NaN),
            FloatColumn.create("prob", 0.9f, 0.123456f));
    String html = TableHtml.html(t);
    for (String cell :
        new String[] {
          "<td>789258</td>", "<td>789258123456</td>", "<td>0.9383</td>", "<td>0.5745</td>",
          "<td>2.728</td>", "<td>3.551</td>", "<td>2.7</td>", "<td>0.043</td>", "<td>3.6</td>",
          "<td>12.0</td>", "<td>1.3</td>", "<td>10.0</td>", "<td>0.001</td>", "<td>1.5e-07</td>",
          "<td>91.6</td>", "<td>88.89</td>", "<td>0.9</td>", "<td>0.1235</td>"
        }) {
      assertTrue(html.contains(cell), cell + " in " + html);
    }
    assertEquals(2, count(html, "<td>789258</td>"), "ints unchanged, a big double to whole digits");
    assertFalse(html.contains("0.9383333"), html);
    assertFalse(html.contains("NaN"), "a missing value is an empty cell");
    assertEquals(0.9383333333333334, t.doubleColumn("val_acc").get(0), "the table keeps every digit");
    assertTrue(t.print().contains("0.9383333333333334"), "only the HTML view is rounded");
  }

  @Test
  void roundingRules() {
    assertEquals("0.9383", TableHtml.format(0.9383333333333334, false));
    assertEquals("1", TableHtml.format(1.0, false));
    assertEquals("0", TableHtml.format(-0.0, false));
    assertEquals("-0.1235", TableHtml.format(-0.123456, false));
    assertEquals("12346", TableHtml.format(12345.6, false));
    assertEquals("0.00003162", TableHtml.format(3.16227766e-5, false));
    assertEquals("1e-06", TableHtml.format(1e-6, false));
    assertEquals("", TableHtml.format(Double.NaN, true));
    assertEquals("0.0", TableHtml.format(0.0, true));
    assertEquals("2.7", TableHtml.format(2.7280622990000003, true));
    assertEquals("0.15", TableHtml.format(0.15, false));
    assertEquals("0.2", TableHtml.format(0.15, true));
    assertTrue(TableHtml.isSeconds("seconds") && TableHtml.isSeconds("Time (sec)") && TableHtml.isSeconds("학습 시간"));
    assertTrue(TableHtml.isSeconds("에폭당 초") && TableHtml.isSeconds("s/epoch") && TableHtml.isSeconds("평균 시간(s)"));
    assertFalse(TableHtml.isSeconds("val_acc") || TableHtml.isSeconds("loss") || TableHtml.isSeconds("정확도(%)"));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
