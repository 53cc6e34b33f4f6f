package kr.dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.components.Figure;

class PlotlyJsTest {

  @Test
  void theWebjarHoldsPlotly2() {
    String source = PlotlyJs.source();
    assertTrue(source.startsWith("/**\n* plotly.js v" + PlotlyJs.VERSION), source.substring(0, 40));
    assertTrue(source.length() > 5_000_000);
  }

  @Test
  void theEmbeddedLibraryUnpacksToTheExactSource() throws Exception {
    String loader = PlotlyJs.loaderScript();
    Matcher payload = Pattern.compile("var b='([A-Za-z0-9+/=]+)'").matcher(loader);
    assertTrue(payload.find(), "the loader embeds base64 data");
    byte[] gz = Base64.getDecoder().decode(payload.group(1));
    assertTrue(gz.length < 3_000_000, "compressed to " + gz.length + " bytes");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertEquals(PlotlyJs.source(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertTrue(loader.contains("DecompressionStream('gzip')"));
    assertTrue(loader.contains("new Function('define','module','exports'"), "hides RequireJS");
    assertFalse(loader.contains("require("), "no RequireJS");
    assertFalse(loader.contains("http"), "no network");
  }

  @Test
  void onlyTheFirstChartOfASessionCarriesTheLibrary() {
    PlotlyJs.resetForTest();
    Figure figure = chart("손실 곡선");
    String first = FigureHtml.html(figure);
    String second = FigureHtml.html(figure);

    assertTrue(first.length() > 2_000_000, "first chart embeds plotly.js");
    assertTrue(second.length() < 10_000, "second chart is small: " + second.length());
    String firstId = divId(first);
    assertNotEquals(firstId, divId(second), "every output draws into its own div");
    assertTrue(firstId.matches("[A-Za-z_][A-Za-z0-9_]*"), "jsplot declares var target_" + firstId);
    assertTrue(second.contains("document.getElementById('" + divId(second) + "')"));
    assertTrue(second.contains("title: '손실 곡선'"), "the Hangul title reaches plotly");
    assertTrue(second.contains("Plotly.newPlot"));
    assertTrue(second.contains(PlotlyJs.QUEUE), "waits for plotly.js when it is not loaded yet");
  }

  @Test
  void anUndrawnChartSaysInKoreanHowToShowIt() {
    String html = FigureHtml.html(chart("차트"));
    Matcher waiting = Pattern.compile("<span class=\"dlcourse-plot-waiting\"[^>]*>(.*?)</span>").matcher(html);
    assertTrue(waiting.find(), html.substring(0, 300));
    String text = waiting.group(1);
    assertTrue(text.contains("다시 실행") && text.contains("신뢰") && text.contains("Trust Notebook"), text);
    assertFalse(text.contains("Course.setup()"), "rerunning the setup cell does not redraw old outputs");
    assertFalse(text.matches("(?s).*\\b(waiting|Chart|blank)\\b.*"), "no English sentence: " + text);
    assertTrue(text.split("<br>").length <= 2, "two lines at most");
    assertTrue(
        html.contains("document.getElementById('" + divId(html) + "').textContent='';"),
        "drawing the chart removes the notice");
  }

  @Test
  void setupOutputAlwaysCarriesTheLibrary() {
    kr.dlcourse.setup.SetupReport report = kr.dlcourse.setup.Course.setup();
    String html = SetupHtml.html(report);
    assertTrue(html.contains("<th style=\"text-align:left\">장치</th><td style=\"text-align:left\">CPU</td>"), html.substring(0, 400));
    assertTrue(html.contains("<th style=\"text-align:left\">모드</th>"));
    assertFalse(html.substring(0, html.indexOf("</table>")).matches("(?s).*(Device|Engine|Threads|Seed|Mode|small data).*"), "Korean labels");
    assertTrue(html.contains("DecompressionStream"));
    assertTrue(SetupHtml.html(report).contains("DecompressionStream"), "also when run twice");
  }

  private static String divId(String html) {
    Matcher m = Pattern.compile("<div id=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find());
    return m.group(1);
  }

  static Figure chart(String title) {
    Table t =
        Table.create(
            "t", DoubleColumn.create("epoch", 1, 2, 3), DoubleColumn.create("loss", 2.0, 1.2, 0.8));
    return LinePlot.create(title, t, "epoch", "loss");
  }
}
