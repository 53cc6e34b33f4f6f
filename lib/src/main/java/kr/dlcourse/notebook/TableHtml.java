package kr.dlcourse.notebook;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.io.Destination;
import tech.tablesaw.io.html.HtmlWriteOptions;

/**
 * Turns a Tablesaw {@link Table} into an HTML table for a notebook output, with decimals rounded for
 * people to read (the table itself keeps every digit).
 */
public final class TableHtml {

  /** Tables longer than this show their first {@link #HEAD_ROWS} rows only. */
  public static final int MAX_ROWS = 50;

  static final int HEAD_ROWS = 20;

  /** Significant digits a decimal number keeps ({@code 0.93833} shows as {@code 0.9383}). */
  static final int SIGNIFICANT_DIGITS = 4;

  /** Parts of a column name that mark a duration in seconds, shown with one decimal. */
  private static final List<String> SECONDS_NAMES =
      List.of("초", "시간", "sec", "s/epoch", "(s)", "time");

  private TableHtml() {}

  /**
   * The table as HTML with its name as caption; long tables are cut to their first rows, with the
   * full size in the caption. Decimal columns ({@code double}, {@code float}) are rounded for
   * reading: seconds (a column name containing 초, 시간, sec, s/epoch, (s) or time) to one decimal,
   * everything else to {@value #SIGNIFICANT_DIGITS} significant digits ({@code 0.9383}, {@code
   * 2.728}, {@code 91.25}); whole-number columns are shown as they are.
   *
   * @param table any Tablesaw table
   * @return HTML for a {@code text/html} output
   */
  public static String html(Table table) {
    Table shown = table.rowCount() > MAX_ROWS ? table.first(HEAD_ROWS) : table.copy();
    for (Column<?> column : shown.columns()) {
      if (column instanceof DoubleColumn || column instanceof FloatColumn) {
        ((tech.tablesaw.api.NumberColumn<?, ?>) column)
            .setPrintFormatter(new Rounded(isSeconds(column.name())));
      }
    }
    StringWriter out = new StringWriter();
    shown.write().usingOptions(HtmlWriteOptions.builder(new Destination(out)).build());
    String caption = TextHtml.escape(table.name() == null ? "" : table.name());
    if (table.rowCount() > MAX_ROWS) {
      caption += " (전체 " + table.rowCount() + "행 중 처음 " + HEAD_ROWS + "행)";
    }
    String html = out.toString();
    if (!caption.isBlank()) {
      html =
          html.replaceFirst(
              "<table>", Matcher.quoteReplacement("<table><caption>" + caption.strip() + "</caption>"));
    }
    return html;
  }

  static boolean isSeconds(String columnName) {
    String name = columnName.toLowerCase(Locale.ROOT);
    return SECONDS_NAMES.stream().anyMatch(name::contains);
  }

  /**
   * A number as a table cell shows it.
   *
   * @param value the number; NaN (a missing value) shows as an empty cell
   * @param seconds whether it is a duration in seconds: one decimal ({@code 2.7}); values under 0.1
   *     keep two significant digits ({@code 0.043}) so they do not read as 0
   * @return e.g. {@code 0.9383}, {@code 2.728}, {@code 91.25}, {@code 789258}, {@code 0.001}
   */
  static String format(double value, boolean seconds) {
    if (Double.isNaN(value)) {
      return "";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "∞" : "-∞";
    }
    if (value == 0) {
      return seconds ? "0.0" : "0";
    }
    double magnitude = Math.abs(value);
    BigDecimal rounded;
    // From the shortest decimal text of the double (0.15, not 0.1499999999999999944...).
    BigDecimal decimal = BigDecimal.valueOf(value);
    if (seconds && magnitude >= 0.1) {
      return decimal.setScale(1, RoundingMode.HALF_UP).toPlainString();
    } else if (seconds) {
      rounded = decimal.round(new MathContext(2, RoundingMode.HALF_UP));
    } else if (magnitude >= Math.pow(10, SIGNIFICANT_DIGITS)) {
      // 12345.6 shows as 12346, not 1.235E+4: whole digits are never rounded away.
      rounded = decimal.setScale(0, RoundingMode.HALF_UP);
    } else if (magnitude < 1e-5) {
      // 1.5e-07, not 0.00000015
      return String.format(Locale.ROOT, "%." + (SIGNIFICANT_DIGITS - 1) + "e", value)
          .replaceFirst("\\.?0+e", "e");
    } else {
      rounded = decimal.round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_UP));
    }
    String text = rounded.stripTrailingZeros().toPlainString();
    return text.equals("-0") ? "0" : text;
  }

  /** Tablesaw's cell formatter for a decimal column, by {@link #format(double, boolean)}. */
  private static final class Rounded extends NumberColumnFormatter {

    private final boolean seconds;

    Rounded(boolean seconds) {
      this.seconds = seconds;
    }

    @Override
    public String format(double value) {
      return TableHtml.format(value, seconds);
    }

    @Override
    public String format(float value) {
      // Through its decimal text, so that 0.9f shows as 0.9, not 0.8999999762.
      return TableHtml.format(Float.isNaN(value) ? Double.NaN : Double.parseDouble(Float.toString(value)), seconds);
    }
  }
}
