package kr.dlcourse.viz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import kr.dlcourse.notebook.SideBySide;
import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Figure;

class ChartsTest {

  private static final List<String> DIGITS = List.of("0", "1", "2");

  @Test
  void barsCarryNamesValuesAndColours() {
    String js = Charts.bars("정확도", "Test Accuracy (%)", List.of("FC", "CNN"), new double[] {88.5, 91.25}, "#4ECDC4", "#FF6B6B").asJavascript("d");
    assertTrue(js.contains("91.25") && js.contains("CNN") && js.contains("#FF6B6B"), js);
    assertThrows(IllegalArgumentException.class, () -> Charts.bars("t", "y", List.of("a"), new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> Charts.bars("t", "y", List.of("a", "b"), new double[] {1, 2}, "red"));
  }

  @Test
  void probabilitiesHighlightTrueAndPredictedClass() {
    String js = Charts.probabilities("확신도", DIGITS, new float[] {0.1f, 0.2f, 0.7f}, 1, 2).asJavascript("d");
    assertTrue(js.contains("\"lightblue\",\"green\",\"red\"") || js.contains("'lightblue','green','red'"), js);
    assertThrows(IllegalArgumentException.class, () -> Charts.probabilities("t", DIGITS, new float[] {1f}, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Charts.probabilities("t", DIGITS, new float[] {0.2f, 0.3f, 0.5f}, 3, 0));
  }

  @Test
  void sideBySidePutsAnImageLeftOfAChart() {
    Figure chart = Charts.histograms("h", "x", 4, Map.of("a", new int[256]));
    String html = SideBySide.of(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), chart).html();
    assertTrue(html.indexOf("data:image/png;base64,") < html.indexOf("Plotly.newPlot"), html);
    assertTrue(html.startsWith("<div style=\"display:flex"), html);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SideBySide.of("text"));
    assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
  }
}
