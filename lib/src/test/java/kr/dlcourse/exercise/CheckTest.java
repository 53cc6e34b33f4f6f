package kr.dlcourse.exercise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import kr.dlcourse.augment.Augmentations;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.List;
import kr.dlcourse.eval.Predictions;
import kr.dlcourse.models.Cifar10Models;
import kr.dlcourse.models.MnistModels;
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
    assertTrue(printed(() -> Check.deeperCnnPassed("c1", null, 94_538), false).startsWith("⏳ [c1] 아직 풀지 않았습니다"));
    String same = printed(() -> Check.deeperCnnPassed("c1", Cifar10Models.cnnV1(10), 94_538), false);
    assertTrue(same.startsWith("✗ [c1] Conv2d 층이 3개입니다"), same);
    assertTrue(same.contains("힌트"), same);
    var deeper = Cifar10Models.cnnV1(10);
    ((ai.djl.nn.SequentialBlock) deeper.getChildren().get(0).getValue())
        .add(Cifar10Models.conv3x3(256)).add(ai.djl.nn.Activation::relu);
    String ok = printed(() -> Check.deeperCnnPassed("c1", deeper, 94_538), true);
    assertTrue(ok.startsWith("✔ [c1] 통과: Conv 층 4개"), ok);
  }

  @Test
  void erasingAndScheduleChecks() {
    Course.setup();
    assertTrue(printed(() -> Check.augmentationWithErasingPassed("c2", Augmentations.lessonPipeline()), false).contains("지워진(0이 된) 영역이 하나도 없습니다"));
    String ok = printed(() -> Check.augmentationWithErasingPassed("c2", Augmentations.lessonPipeline().then(Augmentations.randomErasing())), true);
    assertTrue(ok.startsWith("✔ [c2] 통과"), ok);
    assertFalse(printed(() -> Check.decayingSchedulePassed("c3", LearningRates.constant(0.01), 0.01, 100), false).isEmpty());
    String cos = printed(() -> Check.decayingSchedulePassed("c3", LearningRates.cosine(0.01, 10, 10), 0.01, 100), true);
    assertTrue(cos.startsWith("✔ [c3] 통과"), cos);
    String broken = printed(() -> Check.decayingSchedulePassed("c3", u -> { throw new IllegalStateException("boom"); }, 0.01, 100), false);
    assertTrue(broken.startsWith("✗ [c3] 스케줄을 계산하다 오류가 났습니다: boom"), broken);
  }

  @Test
  void mnistExerciseChecks() {
    Course.setup();
    assertTrue(printed(() -> Check.mlpWithHiddenPassed("t1", null, 200), false).startsWith("⏳ [t1]"));
    String wrongSize = printed(() -> Check.mlpWithHiddenPassed("t1", MnistModels.mlp(100), 200), false);
    assertTrue(wrongSize.startsWith("✗ [t1] 파라미터가 79510개입니다. 은닉층 200개라면 159010개여야 합니다."), wrongSize);
    assertTrue(printed(() -> Check.mlpWithHiddenPassed("t1", MnistModels.mlp(200), 200), true).startsWith("✔ [t1] 통과"));
    String threeOutputs = printed(() -> Check.mlpWithHiddenPassed("t1", new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build()), 200), false);
    assertTrue(threeOutputs.contains("(1, 3)"), threeOutputs);

    String noDropout = printed(() -> Check.deeperMlpPassed("t2", new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(64).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(32).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(10).build())), false);
    assertTrue(noDropout.startsWith("✗ [t2] Dropout이 없습니다."), noDropout);
    assertTrue(printed(() -> Check.deeperMlpPassed("t2", MnistModels.mlp(50)), false).startsWith("✗ [t2] Linear 층이 2개입니다"));
    String ok = printed(() -> Check.deeperMlpPassed("t2", new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(64).build()).add(Activation::relu).add(Dropout.builder().optRate(0.2f).build())
        .add(Linear.builder().setUnits(32).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(10).build())), true);
    assertTrue(ok.startsWith("✔ [t2] 통과: Linear 3개, Dropout 1개"), ok);

    Predictions p = Predictions.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 0, 2, 2},
        new float[6][3], List.of("a", "b", "c"));
    assertTrue(printed(() -> Check.hardestClassPassed("t3", null, p), false).startsWith("⏳"));
    assertTrue(printed(() -> Check.hardestClassPassed("t3", 0, p), false).startsWith("✗ [t3] 클래스 0의 정확도는 100.0%로"));
    assertTrue(printed(() -> Check.hardestClassPassed("t3", 7, p), false).startsWith("✗ [t3] 7은(는) 클래스 번호가 아닙니다."));
    assertTrue(printed(() -> Check.hardestClassPassed("t3", 1, p), true).startsWith("✔ [t3] 통과: 가장 어려운 클래스는 b (정확도 50.0%)"));
  }
}
