package kr.dlcourse.notebook;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.plotly.components.Figure;

/** Turns a jsplot {@link Figure} into a self-drawing HTML fragment for a notebook output. */
public final class FigureHtml {

  private static final Pattern SCRIPT_BODY =
      Pattern.compile("<script[^>]*>(.*)</script>", Pattern.DOTALL);

  /**
   * What a chart's box says until plotly.js draws over it. Scripts of a notebook that was saved and
   * reopened run only once the notebook is trusted, and rerunning {@code Course.setup()} does not
   * redraw older outputs: trusting the notebook or rerunning the chart's own cell does.
   */
  static final String WAITING =
      "<span class=\"dlcourse-plot-waiting\" style=\"color:#888\">차트가 아직 그려지지 않았습니다."
          + " 이 셀을 다시 실행하거나 노트북을 신뢰하세요: JupyterLab은 명령 팔레트(Ctrl+Shift+C)에서"
          + " 'Trust Notebook', Notebook은 File → Trust Notebook.</span>";

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
      throw new CourseException("차트 오류", "jsplot이 이 차트의 <script>를 만들지 않았습니다.");
    }
    String draw = "document.getElementById('" + divId + "').textContent='';\n" + body.group(1);
    String library = PlotlyJs.delivered() ? "" : PlotlyJs.loaderScript();
    return "<div id=\""
        + divId
        + "\" class=\"dlcourse-plot\">"
        + WAITING
        + "</div>\n"
        + library
        + PlotlyJs.deferredScript(draw);
  }
}
