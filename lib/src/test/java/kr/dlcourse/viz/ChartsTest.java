package kr.dlcourse.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.SideBySide;
import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;

class ChartsTest {

  private static final List<String> DIGITS = List.of("0", "1", "2");

  @Test
  void barsCarryNamesValuesAndColours() {
    String js = Charts.bars("정확도", "Test Accuracy (%)", List.of("FC", "CNN"), new double[] {88.5, 91.25}, "#4ECDC4", "#FF6B6B").asJavascript("d");
    assertTrue(js.contains("91.25") && js.contains("CNN") && js.contains("#FF6B6B"), js);
    CourseException e = assertThrows(CourseException.class, () -> Charts.bars("t", "y", List.of("a"), new double[] {1, 2}));
    assertEquals("인자 오류: 이름과 값의 개수가 같아야 합니다 (이름 1개, 값 2개).", e.toString());
    e = assertThrows(CourseException.class, () -> Charts.bars("t", "y", List.of("a", "b"), new double[] {1, 2}, "red"));
    assertTrue(e.getMessage().contains("색은 막대마다"), e.getMessage());
  }

  @Test
  void probabilitiesHighlightTrueAndPredictedClass() {
    String js = Charts.probabilities("확신도", DIGITS, new float[] {0.1f, 0.2f, 0.7f}, 1, 2).asJavascript("d");
    assertTrue(js.contains("\"lightblue\",\"green\",\"red\"") || js.contains("'lightblue','green','red'"), js);
    assertTrue(js.contains("title: '클래스 (초록: 정답 1, 빨강: 예측 2)'") && js.contains("title: '확률'"), js);
    assertTrue(js.contains("name: '확률'"), js);
    assertThrows(CourseException.class, () -> Charts.probabilities("t", DIGITS, new float[] {1f}, 0, 0));
    CourseException e =
        assertThrows(CourseException.class, () -> Charts.probabilities("t", DIGITS, new float[] {0.2f, 0.3f, 0.5f}, 3, 0));
    assertTrue(e.getMessage().contains("0~2"), e.getMessage());
  }

  @Test
  void sideBySidePutsAnImageLeftOfAChart() {
    Figure chart = Charts.histograms("h", "x", 4, Map.of("a", new int[256]));
    String html = SideBySide.of(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), chart).html();
    assertTrue(html.indexOf("data:image/png;base64,") < html.indexOf("Plotly.newPlot"), html);
    assertTrue(html.startsWith("<div style=\"display:flex"), html);
    CourseException e = assertThrows(CourseException.class, () -> SideBySide.of("text"));
    assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("표(Table)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> SideBySide.of(chart, null));
    assertTrue(e.getMessage().contains("null"), e.getMessage());
  }

  @Test
  void histogramArgumentsAreCheckedInKorean() {
    CourseException e = assertThrows(CourseException.class, () -> Charts.histograms("h", "x", 0, Map.of()));
    assertTrue(e.getMessage().startsWith("bins는 1 이상 256 이하"), e.getMessage());
    e = assertThrows(CourseException.class, () -> Charts.histograms("h", "x", 4, Map.of("car", new int[3])));
    assertTrue(e.getMessage().contains("'car'") && e.getMessage().contains("256개"), e.getMessage());
  }

  @Test
  void epochAxesTickAtWholeEpochs() {
    String js = new Figure(Layout.builder("학습률").xAxis(Charts.epochAxis(3)).build()).asJavascript("d");
    assertTrue(js.contains("dtick: '1'"), js);
    assertTrue(js.contains("tickformat: 'd'"), js);
    assertTrue(js.contains("title: '에폭'"), js);
    assertTrue(js.contains("tickmode: 'linear'"), "ticks every dtick from 0: " + js);
    assertEquals(1, Charts.epochTickStep(1));
    assertEquals(1, Charts.epochTickStep(20));
    assertEquals(2, Charts.epochTickStep(21));
    assertEquals(5, Charts.epochTickStep(100));
    assertEquals(10, Charts.epochTickStep(101));
    assertEquals(20, Charts.epochTickStep(300));
    assertEquals(50, Charts.epochTickStep(1000));
    assertTrue(Charts.epochTickStep(Integer.MAX_VALUE) > 0);
  }
}
