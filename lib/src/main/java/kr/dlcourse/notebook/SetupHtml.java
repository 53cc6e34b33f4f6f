package kr.dlcourse.notebook;

import kr.dlcourse.setup.SetupReport;

/**
 * The first cell's output: the environment as a small table, plus the offline plotly.js that every
 * later chart of the notebook draws with.
 */
public final class SetupHtml {

  private SetupHtml() {}

  /**
   * @param report what {@code Course.setup()} returned
   * @return HTML for a {@code text/html} output
   */
  public static String html(SetupReport report) {
    StringBuilder html = new StringBuilder("<table class=\"dlcourse-setup\">");
    report
        .entries()
        .forEach(
            (label, value) ->
                html.append("<tr><th style=\"text-align:left\">")
                    .append(label)
                    .append("</th><td style=\"text-align:left\">")
                    .append(TextHtml.escape(value))
                    .append("</td></tr>"));
    return html.append("</table>\n").append(PlotlyJs.loaderScript()).toString();
  }
}
