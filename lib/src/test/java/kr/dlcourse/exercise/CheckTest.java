package kr.dlcourse.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import kr.dlcourse.augment.Augmentations;
import ai.djl.nn.Activation;
import ai.djl.training.tracker.Tracker;
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
  void erasingNeedsSectionFivePipelineHoweverWritten() {
    Course.setup();
    assertTrue(printed(() -> Check.augmentationWithErasingPassed("c2", Augmentations.lessonPipeline()), false).contains("지워진(0이 된) 사각형이 있는 이미지가 하나도 없습니다"));
    String alone = printed(() -> Check.augmentationWithErasingPassed("c2", Augmentations.randomErasing()), false);
    assertTrue(alone.startsWith("✗ [c2] RandomErasing은 있지만 5절의 증강 중 다음이 일어나지 않습니다: 좌우 뒤집기, 자르기(이동), 색 변화."), alone);
    assertTrue(alone.contains("Augmentations.lessonPipeline()"), alone);
    String noFlip = printed(() -> Check.augmentationWithErasingPassed("c2",
        Augmentations.randomCrop(4).then(Augmentations.colorJitter(0.2, 0.2, 0)).then(Augmentations.randomErasing())), false);
    assertTrue(noFlip.contains("5절의 증강 중 다음이 일어나지 않습니다: 좌우 뒤집기."), noFlip);
    String ok = printed(() -> Check.augmentationWithErasingPassed("c2", Augmentations.lessonPipeline().then(Augmentations.randomErasing())), true);
    assertTrue(ok.startsWith("✔ [c2] 통과"), ok);
    // the same pipeline written step by step, and erasing first: both do what was asked
    printed(() -> Check.augmentationWithErasingPassed("c2", Augmentations.horizontalFlip(0.5).then(Augmentations.randomCrop(4))
        .then(Augmentations.colorJitter(0.2, 0.2, 0)).then(Augmentations.randomErasing())), true);
    printed(() -> Check.augmentationWithErasingPassed("c2", Augmentations.randomErasing().then(Augmentations.lessonPipeline())), true);
  }

  @Test
  void schedulesAreJudgedByTheirRateAtEveryUpdate() {
    Course.setup();
    int epochs = 2;
    int perEpoch = 20;
    String constant = printed(() -> Check.decayingSchedulePassed("c3", LearningRates.constant(0.01), 0.01, epochs, perEpoch), false);
    assertTrue(constant.startsWith("✗ [c3] 마지막 학습률이 0.01로 충분히 줄지 않았습니다."), constant);
    String cos = printed(() -> Check.decayingSchedulePassed("c3", LearningRates.cosine(0.01, epochs, perEpoch), 0.01, epochs, perEpoch), true);
    assertTrue(cos.startsWith("✔ [c3] 통과: 학습률 0.01 → 0.01 (첫 에폭 끝) → 0.005 (마지막)"), cos);
    printed(() -> Check.decayingSchedulePassed("c3", LearningRates.step(0.01, 1, 0.1, perEpoch), 0.01, epochs, perEpoch), true);
    // the measured wrong answer: batches per epoch 1, the rate is 0 from the third update
    String perUpdate = printed(() -> Check.decayingSchedulePassed("c3", LearningRates.cosine(0.01, epochs, 1), 0.01, epochs, perEpoch), false);
    assertTrue(perUpdate.startsWith("✗ [c3] 첫 에폭이 끝날 때 학습률이 이미 0입니다 (시작값의 0%)"), perUpdate);
    assertTrue(perUpdate.contains("에폭당 배치 수(perEpoch)"), perUpdate);
    String tenEpochs = printed(() -> Check.decayingSchedulePassed("c3", LearningRates.cosine(0.01, 10, 1), 0.01, 10, perEpoch), false);
    assertTrue(tenEpochs.startsWith("✗ [c3] 첫 에폭이 끝날 때 학습률이 이미 0입니다"), tenEpochs);
    // DJL's own trackers, counted in updates, are right answers
    String djlCosine = printed(() -> Check.decayingSchedulePassed("c3",
        Tracker.cosine().setBaseValue(0.01f).optFinalValue(0f).setMaxUpdates(epochs * perEpoch).build(), 0.01, epochs, perEpoch), true);
    assertTrue(djlCosine.startsWith("✔ [c3] 통과: 학습률 0.00998"), djlCosine);
    printed(() -> Check.decayingSchedulePassed("c3", Tracker.factor().setBaseValue(0.01f).setFactor(0.97f).build(), 0.01, epochs, perEpoch), true);
    String tooFast = printed(() -> Check.decayingSchedulePassed("c3", Tracker.factor().setBaseValue(0.01f).setFactor(0.96f).build(), 0.01, epochs, 60), false);
    assertTrue(tooFast.contains("첫 에폭이 끝날 때 학습률이 이미"), tooFast);
    String start = printed(() -> Check.decayingSchedulePassed("c3", LearningRates.cosine(0.1, epochs, perEpoch), 0.01, epochs, perEpoch), false);
    assertTrue(start.startsWith("✗ [c3] 첫 학습률이 0.1입니다. 0.01에서 시작해야 합니다."), start);
    String broken = printed(() -> Check.decayingSchedulePassed("c3", (Tracker) u -> { throw new IllegalStateException("boom"); }, 0.01, epochs, perEpoch), false);
    assertTrue(broken.startsWith("✗ [c3] 스케줄을 계산하다 오류가 났습니다: 지금 상태에서는 할 수 없는 호출입니다 (boom)"), broken);
  }

  @Test
  void numbersAreRoundedForPeople() {
    assertEquals("0.01", kr.dlcourse.notebook.Numbers.human(0.009999999776482582));
    assertEquals("0.1", kr.dlcourse.notebook.Numbers.human(0.10000000149011612));
    assertEquals("0.00998", kr.dlcourse.notebook.Numbers.human(0.009982922114431858));
    assertEquals("0", kr.dlcourse.notebook.Numbers.human(0));
  }

  @Test
  void outsideTheCourseKernelANamedAnswerSaysWhereItWorks() {
    String out = printed(() -> { Check.deeperCnn("c1", "cnnV3", 94_538); return false; }, false);
    assertTrue(out.startsWith("✗ [c1] 이 검사는 코스 커널(Java (DL course))에서 실습 셀의 cnnV3를 찾습니다."), out);
  }

  @Test
  void mnistExerciseChecks() {
    Course.setup();
    assertTrue(printed(() -> Check.mlpWithHiddenPassed("t1", null, 200), false).startsWith("⏳ [t1]"));
    String wrongSize = printed(() -> Check.mlpWithHiddenPassed("t1", MnistModels.mlp(100), 200), false);
    assertTrue(wrongSize.startsWith("✗ [t1] 파라미터가 79,510개입니다. 은닉층 200개라면 159,010개여야 합니다."), wrongSize);
    assertTrue(printed(() -> Check.mlpWithHiddenPassed("t1", MnistModels.mlp(200), 200), true).startsWith("✔ [t1] 통과"));
    String threeOutputs = printed(() -> Check.mlpWithHiddenPassed("t1", new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build()), 200), false);
    assertTrue(threeOutputs.contains("(1, 3)"), threeOutputs);

    String noDropout = printed(() -> Check.deeperMlpPassed("t2", new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(64).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(32).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(10).build())), false);
    assertTrue(noDropout.startsWith("✗ [t2] 학습할 때 출력이 무작위로 달라지지 않습니다"), noDropout);
    String linear = printed(() -> Check.deeperMlpPassed("t2", new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(64).build()).add(Dropout.builder().optRate(0.2f).build())
        .add(Linear.builder().setUnits(32).build()).add(Linear.builder().setUnits(10).build())), false);
    assertTrue(linear.startsWith("✗ [t2] 모델이 선형입니다"), linear);
    String noActivation = printed(() -> Check.mlpWithHiddenPassed("t1", new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(200).build()).add(Linear.builder().setUnits(10).build()), 200), false);
    assertTrue(noActivation.startsWith("✗ [t1] 모델이 선형입니다"), noActivation);
    assertTrue(printed(() -> Check.deeperMlpPassed("t2", MnistModels.mlp(50)), false).startsWith("✗ [t2] Linear 층이 2개입니다"));
    String ok = printed(() -> Check.deeperMlpPassed("t2", new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(64).build()).add(Activation::relu).add(Dropout.builder().optRate(0.2f).build())
        .add(Linear.builder().setUnits(32).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(10).build())), true);
    assertTrue(ok.startsWith("✔ [t2] 통과: Linear 3개, 비선형, Dropout이 학습 때만 동작"), ok);

    Predictions p = Predictions.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 0, 2, 2},
        new float[6][3], List.of("a", "b", "c"));
    assertTrue(printed(() -> Check.hardestClassPassed("t3", null, p), false).startsWith("⏳"));
    assertTrue(printed(() -> Check.hardestClassPassed("t3", 0, p), false).startsWith("✗ [t3] 클래스 0의 정확도는 100.0%로"));
    assertTrue(printed(() -> Check.hardestClassPassed("t3", 7, p), false).startsWith("✗ [t3] 7은(는) 클래스 번호가 아닙니다."));
    assertTrue(printed(() -> Check.hardestClassPassed("t3", 1, p), true).startsWith("✔ [t3] 통과: 가장 어려운 클래스는 b (정확도 50.0%)"));
    assertTrue(printed(() -> Check.hardestClassPassed("t3", 1L, p), true).startsWith("✔ [t3] 통과"), "a long is a number too");
  }
}
