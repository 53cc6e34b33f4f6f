package kr.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kr.dlcourse.notebook.CourseException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class HistoryTest {

  static History run(String name, int epochs) {
    List<EpochResult> rows = new java.util.ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      rows.add(new EpochResult(e, 2.0 / e, 0.5 + 0.1 * e, 2.2 / e, 0.45 + 0.1 * e, 1e-3, 3.25));
    }
    return History.of(name, rows);
  }

  @Test
  void learningCurvesTickAtWholeEpochsWithKoreanLabels() {
    History h = run("CNN_V1", 3);
    for (String js :
        new String[] {
          h.accuracyChart().asJavascript("d"),
          h.lossChart().asJavascript("d"),
          History.compare("검증 정확도: SGD vs Adam", "val_acc", h, run("Adam", 2)).asJavascript("d")
        }) {
      assertTrue(js.contains("dtick: '1'"), "whole epochs, never 1.2, 1.4: " + js);
      assertTrue(js.contains("tickformat: 'd'"), js);
      assertTrue(js.contains("title: '에폭'"), js);
    }
    String accuracy = h.accuracyChart().asJavascript("d");
    assertTrue(accuracy.contains("title: 'CNN_V1 정확도'"), accuracy);
    assertTrue(accuracy.contains("name: '훈련 (train_acc)'") && accuracy.contains("name: '검증 (val_acc)'"), accuracy);
    String loss = h.lossChart().asJavascript("d");
    assertTrue(loss.contains("title: 'CNN_V1 손실'") && loss.contains("name: '검증 (val_loss)'"), loss);
    String seconds = History.compare("에폭당 시간", "seconds", h).asJavascript("d");
    assertTrue(seconds.contains("title: '시간(초)'"), seconds);
    assertFalse(accuracy.matches("(?s).*title: '(epoch|accuracy|loss)'.*"), accuracy);
  }

  @Test
  void longRunsTickEveryFewEpochs() {
    String js = run("long", 60).lossChart().asJavascript("d");
    assertTrue(js.contains("dtick: '5'"), js);
  }

  @Test
  void mistakesAreExplainedInKorean() {
    History h = run("a", 2);
    CourseException e = assertThrows(CourseException.class, () -> History.compare("t", "val_accuracy", h));
    assertTrue(e.getMessage().contains("'val_accuracy'") && e.getMessage().contains("val_acc"), e.getMessage());
    assertThrows(CourseException.class, () -> History.compare("t", "epoch", h));
    assertThrows(CourseException.class, () -> History.compare("t", "val_acc"));
    e =
        assertThrows(
            CourseException.class,
            () -> History.fromTable("x", Table.create("x", IntColumn.create("epoch", 1))));
    assertTrue(e.getMessage().startsWith("학습 기록 표에는"), e.getMessage());
  }

  @Test
  void toStringIsKorean() {
    assertEquals("CNN_V1: 에폭 3개, 최고 검증 정확도 0.750 (에폭 3)", run("CNN_V1", 3).toString());
    assertEquals("빈 기록: 에폭 0개", History.of("빈 기록", List.of()).toString());
  }
}
