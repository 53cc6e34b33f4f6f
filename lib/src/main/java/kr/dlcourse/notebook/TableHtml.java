package kr.dlcourse.notebook;

import java.io.StringWriter;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.Destination;
import tech.tablesaw.io.html.HtmlWriteOptions;

/** Turns a Tablesaw {@link Table} into an HTML table for a notebook output. */
public final class TableHtml {

  /** Tables longer than this show their first {@link #HEAD_ROWS} rows only. */
  public static final int MAX_ROWS = 50;

  static final int HEAD_ROWS = 20;

  private TableHtml() {}

  /**
   * The table as HTML with its name as caption; long tables are cut to their first rows, with the
   * full size in the caption.
   *
   * @param table any Tablesaw table
   * @return HTML for a {@code text/html} output
   */
  public static String html(Table table) {
    Table shown = table.rowCount() > MAX_ROWS ? table.first(HEAD_ROWS) : table;
    StringWriter out = new StringWriter();
    shown.write().usingOptions(HtmlWriteOptions.builder(new Destination(out)).build());
    String caption = TextHtml.escape(table.name() == null ? "" : table.name());
    if (shown != table) {
      caption += " (first " + HEAD_ROWS + " of " + table.rowCount() + " rows)";
    }
    String html = out.toString();
    if (!caption.isBlank()) {
      html =
          html.replaceFirst(
              "<table>",
              java.util.regex.Matcher.quoteReplacement(
                  "<table><caption>" + caption.strip() + "</caption>"));
    }
    return html;
  }
}
