package kr.dlcourse.exercise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import kr.dlcourse.augment.Augmentations;
import kr.dlcourse.models.Cifar10Models;
import kr.dlcourse.setup.Course;
import kr.dlcourse.train.LearningRates;
import org.junit.jupiter.api.Test;

class CheckTest {

  /** Runs a check, returning what it printed; the check itself must not throw. */
  static String printed(BooleanSupplier check, boolean expected) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      boolean result = check.getAsBoolean();
      if (result != expected) {
        throw new AssertionError("expected " + expected + ": " + out.toString(StandardCharsets.UTF_8));
      }
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void deeperCnnNotDoneWrongAndRight() {
    Course.setup();
    assertTrue(printed(() -> Check.deeperCnn("c1", null, 94_538), false).startsWith("⏳ [c1] 아직 풀지 않았습니다"));
    String same = printed(() -> Check.deeperCnn("c1", Cifar10Models.cnnV1(10), 94_538), false);
    assertTrue(same.startsWith("✗ [c1] Conv2d 층이 3개입니다"), same);
    assertTrue(same.contains("힌트"), same);
    var deeper = Cifar10Models.cnnV1(10);
    ((ai.djl.nn.SequentialBlock) deeper.getChildren().get(0).getValue())
        .add(Cifar10Models.conv3x3(256)).add(ai.djl.nn.Activation::relu);
    String ok = printed(() -> Check.deeperCnn("c1", deeper, 94_538), true);
    assertTrue(ok.startsWith("✔ [c1] 통과: Conv 층 4개"), ok);
  }

  @Test
  void erasingAndScheduleChecks() {
    Course.setup();
    assertTrue(printed(() -> Check.augmentationWithErasing("c2", Augmentations.lessonPipeline()), false).contains("지워진(0이 된) 영역이 하나도 없습니다"));
    String ok = printed(() -> Check.augmentationWithErasing("c2", Augmentations.lessonPipeline().then(Augmentations.randomErasing())), true);
    assertTrue(ok.startsWith("✔ [c2] 통과"), ok);
    assertFalse(printed(() -> Check.decayingSchedule("c3", LearningRates.constant(0.01), 0.01, 100), false).isEmpty());
    String cos = printed(() -> Check.decayingSchedule("c3", LearningRates.cosine(0.01, 10, 10), 0.01, 100), true);
    assertTrue(cos.startsWith("✔ [c3] 통과"), cos);
    String broken = printed(() -> Check.decayingSchedule("c3", u -> { throw new IllegalStateException("boom"); }, 0.01, 100), false);
    assertTrue(broken.startsWith("✗ [c3] 스케줄을 계산하다 오류가 났습니다: boom"), broken);
  }
}
