package kr.dlcourse.notebook;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;

/** Turns a jsplot {@link Figure} into a self-drawing HTML fragment for a notebook output. */
public final class FigureHtml {

  private static final Pattern SCRIPT_BODY =
      Pattern.compile("<script[^>]*>(.*)</script>", Pattern.DOTALL);

  private FigureHtml() {}

  /**
   * The chart as HTML: a {@code <div>} and a script that draws into it with the offline plotly.js.
   * The first chart of a kernel session also carries the library itself (see {@link PlotlyJs}).
   *
   * @param figure a jsplot figure, e.g. from {@code LinePlot.create(...)}
   * @return HTML for a {@code text/html} output
   */
  public static String html(Figure figure) {
    // jsplot also names a JavaScript variable after the div: the id must be a valid identifier.
    String divId = "dlcourse_plot_" + UUID.randomUUID().toString().replace("-", "");
    Matcher body = SCRIPT_BODY.matcher(figure.asJavascript(divId));
    if (!body.find()) {
      throw new IllegalStateException("jsplot produced no <script> for the figure");
    }
    String draw = "document.getElementById('" + divId + "').textContent='';\n" + body.group(1);
    String library = PlotlyJs.delivered() ? "" : PlotlyJs.loaderScript();
    return "<div id=\""
        + divId
        + "\" class=\"dlcourse-plot\"><span style=\"color:#888\">Chart: waiting for plotly.js"
        + " (if it stays blank, run the notebook's first cell: Course.setup())</span></div>\n"
        + library
        + PlotlyJs.deferredScript(draw);
  }
}
