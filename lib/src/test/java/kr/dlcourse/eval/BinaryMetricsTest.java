package kr.dlcourse.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kr.dlcourse.notebook.CourseException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class BinaryMetricsTest {

  static final List<String> CANCER = List.of("malignant", "benign");

  /** True malignant 0: 40 found, 3 missed; true benign 1: 2 false alarms, 69 correct. */
  static BinaryMetrics handMade() {
    int[][] l = ConfusionMatrixTest.labels(new int[][] {{40, 3}, {2, 69}});
    return BinaryMetrics.of(l[0], l[1], CANCER, 0);
  }

  @Test
  void countsAndMeasuresMatchHandComputation() {
    BinaryMetrics m = handMade();
    assertEquals(40, m.tp());
    assertEquals(2, m.fp());
    assertEquals(3, m.fn());
    assertEquals(69, m.tn());
    assertEquals(114, m.total());
    assertEquals(109 / 114.0, m.accuracy(), 1e-12);
    assertEquals(40 / 42.0, m.precision(), 1e-12);
    assertEquals(40 / 43.0, m.recall(), 1e-12);
    assertEquals(m.recall(), m.sensitivity());
    assertEquals(69 / 71.0, m.specificity(), 1e-12);
    assertEquals(80 / 85.0, m.f1(), 1e-12);
    assertEquals("malignant", m.positiveName());
    assertEquals("benign", m.negativeName());
  }

  @Test
  void theOtherClassAsPositiveSwapsTheRoles() {
    int[][] l = ConfusionMatrixTest.labels(new int[][] {{40, 3}, {2, 69}});
    BinaryMetrics benign = ConfusionMatrix.of(l[0], l[1], CANCER).binary(1);
    assertEquals(69, benign.tp());
    assertEquals(3, benign.fp());
    assertEquals(2, benign.fn());
    assertEquals(40, benign.tn());
    assertEquals(handMade().specificity(), benign.recall(), 1e-12);
  }

  @Test
  void agreesWithTheClassificationReport() {
    BinaryMetrics m = handMade();
    Table report = m.confusionMatrix().report();
    assertEquals(m.precision(), report.doubleColumn("precision").get(0), 1e-12);
    assertEquals(m.recall(), report.doubleColumn("recall").get(0), 1e-12);
    assertEquals(m.f1(), report.doubleColumn("f1-score").get(0), 1e-12);
    assertEquals(m.specificity(), report.doubleColumn("recall").get(1), 1e-12, "specificity = recall of the negative class");
    assertEquals(m.accuracy(), report.doubleColumn("f1-score").get(2), 1e-12, "the accuracy row");
  }

  @Test
  void moreThanTwoClassesIsOneAgainstTheRest() {
    BinaryMetrics m = ConfusionMatrixTest.handMade().binary(2); // counts {{5,2,1},{2,3,0},{0,1,4}}
    assertEquals(4, m.tp());
    assertEquals(1, m.fp());
    assertEquals(1, m.fn());
    assertEquals(12, m.tn());
    assertEquals("c 외", m.negativeName());
  }

  @Test
  void tablesAreInKoreanWithTheCounts() {
    BinaryMetrics m = handMade();
    Table t = m.table();
    assertEquals(List.of("지표", "값", "계산", "뜻"), t.columnNames());
    assertEquals(5, t.rowCount());
    assertEquals(m.specificity(), t.doubleColumn("값").get(3), 1e-12);
    assertEquals("TN / (TN + FP) = 69 / 71", t.stringColumn("계산").get(3));
    assertTrue(t.stringColumn("뜻").get(2).contains("놓친 malignant 3개"), t.stringColumn("뜻").get(2));
    assertTrue(t.name().contains("찾는 클래스 positive = malignant"), t.name());
    Table counts = m.countsTable();
    assertEquals(List.of("실제 \\ 예측", "예측 malignant", "예측 benign"), counts.columnNames());
    assertEquals(40, counts.intColumn(1).get(0));
    assertEquals(3, counts.intColumn(2).get(0));
    assertEquals(2, counts.intColumn(1).get(1));
    assertEquals(69, counts.intColumn(2).get(1));
  }

  @Test
  void koreanClassNamesGetTheirParticles() {
    int[][] l = ConfusionMatrixTest.labels(new int[][] {{40, 3}, {2, 69}});
    Table t = BinaryMetrics.of(l[0], l[1], List.of("악성", "양성"), 0).table();
    assertEquals("악성이라고 예측한 것 중 실제 악성의 비율", t.stringColumn("뜻").get(1));
    assertEquals("실제 악성 중 악성으로 찾아낸 비율 (놓친 악성 3개)", t.stringColumn("뜻").get(2));
    assertEquals("실제 양성 중 양성으로 맞힌 비율 (잘못된 경보 2개)", t.stringColumn("뜻").get(3));
    assertEquals("라고", BinaryMetrics.iraGo("세토사"));
    assertEquals("로", BinaryMetrics.euro("세토사"));
    assertEquals("로", BinaryMetrics.euro("물"), "ㄹ takes 로");
    assertEquals("(으)로", BinaryMetrics.euro("malignant"));
  }

  @Test
  void nothingToDivideByGivesZero() {
    BinaryMetrics m = BinaryMetrics.of(new int[] {1, 1}, new int[] {1, 1}, 0);
    assertEquals(0, m.precision());
    assertEquals(0, m.recall());
    assertEquals(0, m.f1());
    assertEquals(1, m.specificity());
  }

  @Test
  void badPositiveClassIsExplained() {
    CourseException e =
        assertThrows(CourseException.class, () -> BinaryMetrics.of(new int[] {0, 1}, new int[] {0, 1}, 2));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("찾는 클래스(positive) 2은(는) 클래스 번호가 아닙니다"), e.getMessage());
  }
}
