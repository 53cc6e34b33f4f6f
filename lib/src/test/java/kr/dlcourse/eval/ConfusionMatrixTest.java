package kr.dlcourse.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import kr.dlcourse.notebook.CourseException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ConfusionMatrixTest {

  /** Rows = true a, b, c; columns = predicted a, b, c. */
  static final int[][] COUNTS = {{5, 2, 1}, {2, 3, 0}, {0, 1, 4}};

  static final List<String> NAMES = List.of("a", "b", "c");

  /** Labels that give {@link #COUNTS}: [0] true, [1] predicted. */
  static int[][] labels(int[][] counts) {
    List<int[]> pairs = new ArrayList<>();
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts.length; p++) {
        for (int n = 0; n < counts[t][p]; n++) {
          pairs.add(new int[] {t, p});
        }
      }
    }
    return new int[][] {
      pairs.stream().mapToInt(pair -> pair[0]).toArray(),
      pairs.stream().mapToInt(pair -> pair[1]).toArray()
    };
  }

  static ConfusionMatrix handMade() {
    int[][] l = labels(COUNTS);
    return ConfusionMatrix.of(l[0], l[1], NAMES);
  }

  @Test
  void countsAccuracyAndPerClassAccuracy() {
    ConfusionMatrix cm = handMade();
    assertArrayEquals(COUNTS, cm.counts());
    assertEquals(2, cm.count(1, 0));
    assertEquals(18, cm.total());
    assertEquals(12 / 18.0, cm.accuracy(), 1e-12);
    assertArrayEquals(new double[] {5 / 8.0, 3 / 5.0, 4 / 5.0}, cm.perClassAccuracy(), 1e-12);
    cm.counts()[0][0] = 99;
    assertEquals(5, cm.count(0, 0), "counts() is a copy");
  }

  @Test
  void emptyClassesGiveZeroNotNaN() {
    ConfusionMatrix cm =
        ConfusionMatrix.of(new int[] {0, 0, 1}, new int[] {0, 1, 1}, List.of("x", "y", "z"));
    assertArrayEquals(new double[] {0.5, 1, 0}, cm.perClassAccuracy(), 1e-12);
    Table report = cm.report();
    assertEquals(0, report.doubleColumn("precision").get(2), 1e-12);
    assertEquals(0, report.doubleColumn("f1-score").get(2), 1e-12);
    ConfusionMatrix empty = ConfusionMatrix.of(new int[0], new int[0], List.of("x"));
    assertEquals(0, empty.accuracy());
    assertEquals(0, empty.perClassAccuracy()[0]);
  }

  @Test
  void topConfusedPairsByCountThenTrueThenPredicted() {
    ConfusionMatrix cm = handMade();
    assertEquals(
        List.of(
            new ConfusionMatrix.Pair(0, 1, 2),
            new ConfusionMatrix.Pair(1, 0, 2),
            new ConfusionMatrix.Pair(0, 2, 1)),
        cm.topConfusedPairs(3));
    assertEquals(4, cm.topConfusedPairs(10).size(), "only off-diagonal cells above 0");
    assertEquals(new ConfusionMatrix.Pair(2, 1, 1), cm.topConfusedPairs(10).get(3));
    CourseException e = assertThrows(CourseException.class, () -> cm.topConfusedPairs(0));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("k는 1 이상이어야 합니다 (받은 값: 0)"), e.getMessage());
    assertTrue(e.getMessage().contains("cm.topConfusedPairs(3)"), e.getMessage());
  }

  @Test
  void reportMatchesHandComputation() {
    Table report = handMade().report();
    assertEquals(
        List.of("class", "precision", "recall", "f1-score", "support"), report.columnNames());
    assertEquals(
        List.of("a", "b", "c", "accuracy", "macro avg", "weighted avg"),
        report.stringColumn("class").asList());
    double[] precision = {5 / 7.0, 3 / 6.0, 4 / 5.0};
    double[] recall = {5 / 8.0, 3 / 5.0, 4 / 5.0};
    double[] f1 = {2 / 3.0, 6 / 11.0, 0.8};
    int[] support = {8, 5, 5};
    for (int c = 0; c < 3; c++) {
      assertEquals(precision[c], report.doubleColumn("precision").get(c), 1e-12);
      assertEquals(recall[c], report.doubleColumn("recall").get(c), 1e-12);
      assertEquals(f1[c], report.doubleColumn("f1-score").get(c), 1e-12);
      assertEquals(support[c], report.intColumn("support").get(c));
    }
    assertTrue(report.doubleColumn("precision").isMissing(3), "accuracy row has no precision");
    assertEquals(12 / 18.0, report.doubleColumn("f1-score").get(3), 1e-12);
    assertEquals((5 / 7.0 + 0.5 + 0.8) / 3, report.doubleColumn("precision").get(4), 1e-12);
    assertEquals((2 / 3.0 + 6 / 11.0 + 0.8) / 3, report.doubleColumn("f1-score").get(4), 1e-12);
    assertEquals(
        (8 * 5 / 7.0 + 5 * 0.5 + 5 * 0.8) / 18, report.doubleColumn("precision").get(5), 1e-12);
    assertEquals(
        12 / 18.0, report.doubleColumn("recall").get(5), 1e-12, "weighted recall = accuracy");
    assertEquals(18, report.intColumn("support").get(5));
  }

  @Test
  void reportMatchesScikitLearnsClassificationReport() {
    // classification_report(t, p, target_names=["a", "b", "c"], digits=4) for the same labels
    // (Debian python3-sklearn 1.2.1): rows, then precision, recall, f1-score, support
    double[][] sklearn = {
      {0.7143, 0.6250, 0.6667, 8},
      {0.5000, 0.6000, 0.5455, 5},
      {0.8000, 0.8000, 0.8000, 5},
      {Double.NaN, Double.NaN, 0.6667, 18},
      {0.6714, 0.6750, 0.6707, 18},
      {0.6786, 0.6667, 0.6700, 18}
    };
    Table report = handMade().report();
    for (int r = 0; r < sklearn.length; r++) {
      for (int j = 0; j < 3; j++) {
        double value = report.doubleColumn(j + 1).getDouble(r);
        if (Double.isNaN(sklearn[r][j])) {
          assertTrue(Double.isNaN(value), "row " + r + " column " + j + " is blank");
        } else {
          assertEquals(sklearn[r][j], Math.round(value * 1e4) / 1e4, 1e-9, "row " + r + " column " + j);
        }
      }
      assertEquals((int) sklearn[r][3], report.intColumn("support").get(r), "support of row " + r);
    }
  }

  @Test
  void tablesHaveOneRowPerClass() {
    ConfusionMatrix cm = handMade();
    Table table = cm.table();
    assertEquals(List.of("true \\ predicted", "a", "b", "c"), table.columnNames());
    assertEquals(3, table.rowCount());
    assertEquals(List.of("a", "b", "c"), table.stringColumn(0).asList());
    assertEquals(2, table.intColumn("a").get(1), "row b, column a");
    Table perClass = cm.perClassTable();
    assertEquals(List.of("class", "correct", "total", "accuracy"), perClass.columnNames());
    assertEquals(3, perClass.rowCount());
    assertEquals(3, perClass.intColumn("correct").get(1));
    assertEquals(0.8, perClass.doubleColumn("accuracy").get(2), 1e-12);
  }

  @Test
  void chartsNameTheClasses() {
    ConfusionMatrix cm =
        ConfusionMatrix.of(
            new int[] {0, 1, 2}, new int[] {0, 2, 2}, List.of("airplane", "cat", "dog"));
    String js = cm.heatmap("Confusion Matrix").asJavascript("d");
    for (String expected :
        List.of(
            "heatmap",
            "airplane",
            "cat",
            "dog",
            "Predicted",
            "True",
            "reversed",
            "Confusion Matrix")) {
      assertTrue(js.contains(expected), expected + " missing in\n" + js);
    }
    // seaborn's annot=True: every cell's count at (predicted, true), drawn before plotly.js plots
    int annotations = js.split("showarrow: false").length - 1;
    assertEquals(9, annotations, js);
    assertTrue(js.contains("{x: 'dog', y: 'cat', text: '1', showarrow: false, font: {color: 'white'}}"), js);
    assertTrue(js.contains("{x: 'cat', y: 'cat', text: '0', showarrow: false, font: {color: 'black'}}"), js);
    assertTrue(js.indexOf("layout.annotations") < js.indexOf("Plotly.newPlot"), js);
    assertTrue(js.contains("colorscale = 'Blues'"), js);
    ConfusionMatrix quoted = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, List.of("it's", "b"));
    assertTrue(quoted.heatmap("q").asJavascript("d").contains("x: 'it\\'s'"), "a quote in a class name is escaped");
    String bars = cm.perClassChart("클래스별 정확도").asJavascript("d");
    assertTrue(bars.contains("bar") && bars.contains("100.0") && bars.contains("클래스별 정확도"), bars);
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    CourseException e =
        assertThrows(
            CourseException.class,
            () -> ConfusionMatrix.of(new int[3], new int[2], NAMES));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("정답 레이블은 3개인데 예측은 2개입니다"), e.getMessage());
    e =
        assertThrows(
            CourseException.class,
            () -> ConfusionMatrix.of(new int[] {0, 5}, new int[2], NAMES));
    assertTrue(e.getMessage().contains("1번 샘플의 정답 레이블 5은(는) 클래스 번호가 아닙니다"), e.getMessage());
    e =
        assertThrows(
            CourseException.class,
            () -> ConfusionMatrix.of(new int[2], new int[] {-1, 0}, NAMES));
    assertTrue(e.getMessage().contains("0번 샘플의 예측 레이블 -1은(는)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> handMade().count(3, 0));
    assertTrue(e.getMessage().contains("정답 클래스(trueClass) 3은(는) 클래스 번호가 아닙니다: 클래스가 3개이므로 0~2"), e.getMessage());
  }
}
