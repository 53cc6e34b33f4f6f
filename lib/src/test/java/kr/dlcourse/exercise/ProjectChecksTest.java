package kr.dlcourse.exercise;

import static kr.dlcourse.exercise.CheckTest.printed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import kr.dlcourse.augment.Augmentations;
import kr.dlcourse.augment.CutMix;
import kr.dlcourse.augment.Mixup;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.data.Normalization;
import kr.dlcourse.eval.Predictions;
import kr.dlcourse.setup.Course;
import kr.dlcourse.train.LabelSmoothingLoss;
import kr.dlcourse.train.LearningRates;
import org.junit.jupiter.api.Test;

class ProjectChecksTest {

  private static void starts(String out, String start) {
    assertTrue(out.startsWith(start), out);
  }

  @Test
  void hardestTwoAcceptsTiesAndAnyOrder() {
    // accuracies: a 100%, b 50%, c 50%, d 0%
    Predictions p = Predictions.of(new int[] {0, 0, 1, 1, 2, 2, 3, 3}, new int[] {0, 0, 1, 0, 2, 0, 0, 0},
        new float[8][4], List.of("a", "b", "c", "d"));
    starts(printed(() -> ProjectChecks.hardestTwoPassed("연습 1-3", null, p), false), "⏳ [연습 1-3] 아직 풀지 않았습니다");
    starts(printed(() -> ProjectChecks.hardestTwoPassed("연습 1-3", List.of("d", "b"), p), true), "✔ [연습 1-3] 통과: 가장 어려운 두 클래스: d (0.0%), b (50.0%)");
    starts(printed(() -> ProjectChecks.hardestTwoPassed("연습 1-3", List.of("c", "d"), p), true), "✔ [연습 1-3] 통과: 가장 어려운 두 클래스: c");
    starts(printed(() -> ProjectChecks.hardestTwoPassed("연습 1-3", List.of("a", "d"), p), false), "✗ [연습 1-3] a의 정확도는 100.0%로 가장 낮은 두 클래스에 들지 않습니다");
    starts(printed(() -> ProjectChecks.hardestTwoPassed("연습 1-3", List.of("d"), p), false), "✗ [연습 1-3] 클래스가 1개 들어 있습니다.");
    starts(printed(() -> ProjectChecks.hardestTwoPassed("연습 1-3", List.of(3, 1), p), false), "✗ [연습 1-3] 목록의 1번째 값 3이(가) 클래스 이름(String)이 아닙니다.");
    starts(printed(() -> ProjectChecks.hardestTwoPassed("연습 1-3", List.of("d", "cat"), p), false), "✗ [연습 1-3] \"cat\"은(는) 클래스 이름이 아닙니다.");
    starts(printed(() -> ProjectChecks.hardestTwoPassed("연습 1-3", List.of("d", "d"), p), false), "✗ [연습 1-3] 같은 클래스 d가 두 번");
  }

  @Test
  void aHypothesisCanOnlyBeSeenToBeWritten() {
    starts(printed(() -> ProjectChecks.hypothesisPassed("연습 1-4", null), false), "⏳ [연습 1-4]");
    starts(printed(() -> ProjectChecks.hypothesisPassed("연습 1-4", "  "), false), "⏳ [연습 1-4]");
    starts(printed(() -> ProjectChecks.hypothesisPassed("연습 1-4", "고양이 어려움"), false), "✗ [연습 1-4] 가설이 6자로 너무 짧습니다.");
    String ok = printed(() -> ProjectChecks.hypothesisPassed("연습 1-4", "cat과 dog는 32×32에서 털과 얼굴 모양이 비슷해 헷갈립니다."), true);
    starts(ok, "✔ [연습 1-4] 통과: 가설을 적었습니다 (");
    assertTrue(ok.contains("검사는 가설이 맞는지 판단할 수 없습니다"), ok);
  }

  @Test
  void augmentationsAreJudgedByWhatTheyDo() {
    Course.setup();
    starts(printed(() -> ProjectChecks.basicAugmentationPassed("연습 2-2", null), false), "⏳ [연습 2-2]");
    starts(printed(() -> ProjectChecks.basicAugmentationPassed("연습 2-2", Augmentations.randomCrop(4).then(Augmentations.horizontalFlip(0.5))), true),
        "✔ [연습 2-2] 통과: 64장 중 뒤집힘");
    // the other order is the same augmentation
    starts(printed(() -> ProjectChecks.basicAugmentationPassed("연습 2-2", Augmentations.horizontalFlip(0.5).then(Augmentations.randomCrop(4))), true),
        "✔ [연습 2-2] 통과");
    starts(printed(() -> ProjectChecks.basicAugmentationPassed("연습 2-2", Augmentations.projectPipeline()), false), "✗ [연습 2-2] 색이 바뀝니다");
    starts(printed(() -> ProjectChecks.basicAugmentationPassed("연습 2-2", Augmentations.randomCrop(4)), false), "✗ [연습 2-2] 64장 중 좌우로 뒤집힌 이미지가 하나도 없습니다");
    starts(printed(() -> ProjectChecks.basicAugmentationPassed("연습 2-2", Augmentations.horizontalFlip(0.5)), false), "✗ [연습 2-2] 64장 중 이동(자르기)한 이미지가 하나도 없습니다");
    starts(printed(() -> ProjectChecks.basicAugmentationPassed("연습 2-2", Augmentations.randomCrop(8).then(Augmentations.horizontalFlip(0.5))), false),
        "✗ [연습 2-2] 이미지가 최대 8픽셀까지 밀립니다.");

    starts(printed(() -> ProjectChecks.fullAugmentationPassed("연습 2-3", Augmentations.projectPipeline()), true), "✔ [연습 2-3] 통과: 64장 중 뒤집힘");
    // the same steps written out, and 1강's pipeline with saturation: right too
    printed(() -> ProjectChecks.fullAugmentationPassed("연습 2-3", Augmentations.horizontalFlip(0.5).then(Augmentations.randomCrop(4))
        .then(Augmentations.colorJitter(0.2, 0.2, 0))), true);
    printed(() -> ProjectChecks.fullAugmentationPassed("연습 2-3", Augmentations.lessonPipeline()), true);
    starts(printed(() -> ProjectChecks.fullAugmentationPassed("연습 2-3", Augmentations.randomCrop(4).then(Augmentations.horizontalFlip(0.5))), false),
        "✗ [연습 2-3] 64장 중 밝기와 대비가 바뀐 이미지가 하나도 없습니다.");
    starts(printed(() -> ProjectChecks.fullAugmentationPassed("연습 2-3", Augmentations.randomCrop(4).then(Augmentations.horizontalFlip(0.5))
        .then(Augmentations.colorJitter(0, 0.2, 0))), false), "✗ [연습 2-3] 64장 중 밝기가 바뀐 이미지가 하나도 없습니다.");
    starts(printed(() -> ProjectChecks.fullAugmentationPassed("연습 2-3", Augmentations.randomCrop(4).then(Augmentations.horizontalFlip(0.5))
        .then(Augmentations.colorJitter(0.2, 0, 0))), false), "✗ [연습 2-3] 64장 중 대비가 바뀐 이미지가 하나도 없습니다.");
    starts(printed(() -> ProjectChecks.fullAugmentationPassed("연습 2-3", Augmentations.randomCrop(4).then(Augmentations.horizontalFlip(0.5))
        .then(Augmentations.colorJitter(0.6, 0.2, 0))), false), "✗ [연습 2-3] 밝기가 최대");
    starts(printed(() -> ProjectChecks.fullAugmentationPassed("연습 2-3", (x, r) -> { throw new IllegalStateException("boom"); }), false),
        "✗ [연습 2-3] 증강을 실행하다 오류가 났습니다: 지금 상태에서는 할 수 없는 호출입니다 (boom)");
  }

  @Test
  void theMixupCriterionIsComparedWithTheFormula() {
    Course.setup();
    Loss ce = Loss.softmaxCrossEntropyLoss();
    BiFunction<Batch, NDArray, NDArray> right = (b, out) -> b.isMixed()
        ? ce.evaluate(b.labels(), new NDList(out)).mul((float) b.lambda()).add(ce.evaluate(new NDList(b.partnerLabels()), new NDList(out)).mul(1 - (float) b.lambda()))
        : ce.evaluate(b.labels(), new NDList(out));
    starts(printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", null), false), "⏳ [연습 3-1]");
    starts(printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", right), true), "✔ [연습 3-1] 통과: 섞인 배치 (λ=0.3)");
    // written by hand with log-softmax, and without isMixed (lambda is 1 and the partner term vanishes... only if guarded)
    BiFunction<Batch, NDArray, NDArray> byHand = (b, out) -> {
      NDArray logp = out.logSoftmax(1);
      NDArray a = logp.mul(b.y().oneHot(10, DataType.FLOAT32)).sum(new int[] {1}).neg().mean();
      if (b.partnerLabels() == null) {
        return a;
      }
      NDArray c = logp.mul(b.partnerLabels().oneHot(10, DataType.FLOAT32)).sum(new int[] {1}).neg().mean();
      return a.mul((float) b.lambda()).add(c.mul(1 - (float) b.lambda()));
    };
    printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", byHand), true);
    starts(printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", (b, out) ->
        ce.evaluate(b.labels(), new NDList(out)).mul(1 - (float) b.lambda()).add(ce.evaluate(new NDList(b.partnerLabels()), new NDList(out)).mul((float) b.lambda()))), false),
        "✗ [연습 3-1] λ=0.3인 섞인 배치에서");
    String swapped = printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", (b, out) ->
        ce.evaluate(b.labels(), new NDList(out)).mul(1 - (float) b.lambda()).add(ce.evaluate(new NDList(b.partnerLabels()), new NDList(out)).mul((float) b.lambda()))), false);
    assertTrue(swapped.contains("λ와 1-λ가 바뀌었습니다"), swapped);
    String onlyA = printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", (b, out) -> ce.evaluate(b.labels(), new NDList(out))), false);
    assertTrue(onlyA.contains("짝의 레이블(y_b)을 쓰지 않았습니다"), onlyA);
    String unweighted = printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", (b, out) ->
        ce.evaluate(b.labels(), new NDList(out)).add(ce.evaluate(new NDList(b.partnerLabels()), new NDList(out)))), false);
    assertTrue(unweighted.contains("가중치 λ, 1-λ를 곱하지 않았습니다"), unweighted);
    starts(printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", (b, out) ->
        ce.evaluate(b.labels(), new NDList(out)).mul((float) b.lambda()).add(ce.evaluate(new NDList(b.partnerLabels()), new NDList(out)).mul(1 - (float) b.lambda()))), false),
        "✗ [연습 3-1] 섞이지 않은 배치(batch.isMixed() == false, partnerLabels() == null)에서 오류가 났습니다");
    starts(printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", (b, out) -> ce.evaluate(b.labels(), new NDList(out)).mul(b.lambda())
        .add(ce.evaluate(new NDList(b.partnerLabels()), new NDList(out)).mul(1 - b.lambda()))), false), "✗ [연습 3-1] 손실의 자료형이 float64입니다.");
    starts(printed(() -> ProjectChecks.mixupCriterionPassed("연습 3-1", (b, out) -> out.sum(new int[] {1})), false), "✗ [연습 3-1] 손실의 모양이 (16)입니다.");

    starts(printed(() -> ProjectChecks.alphasPassed("연습 3-2", null), false), "⏳ [연습 3-2]");
    starts(printed(() -> ProjectChecks.alphasPassed("연습 3-2", new double[] {0.2, 0.5, 1.0}), true), "✔ [연습 3-2] 통과: 알파 0.2, 0.5, 1.0");
    printed(() -> ProjectChecks.alphasPassed("연습 3-2", new double[] {1, 0.5, 0.2}), true);
    starts(printed(() -> ProjectChecks.alphasPassed("연습 3-2", new double[] {0.2, 0.4, 1.0}), false), "✗ [연습 3-2] 알파 0.4은(는) 연습 3의 값이 아닙니다.");
    starts(printed(() -> ProjectChecks.alphasPassed("연습 3-2", new double[] {0.2}), false), "✗ [연습 3-2] 값이 1개입니다.");
  }

  @Test
  void freezingIsCountedInTrainableParameters() {
    Course.setup();
    Consumer<Block> freeze = model -> {
      model.freezeParameters(true);
      List<Block> children = model.getChildren().values();
      children.get(children.size() - 1).freezeParameters(false);
    };
    starts(printed(() -> ProjectChecks.freezeAllButFcPassed("연습 4-1", null), false), "⏳ [연습 4-1]");
    starts(printed(() -> ProjectChecks.freezeAllButFcPassed("연습 4-1", freeze), true), "✔ [연습 4-1] 통과: 학습되는 파라미터 5,130개, 모두 fc");
    // by name, parameter by parameter
    Consumer<Block> byName = model -> model.getParameters().forEach(p -> p.getValue().freeze(!p.getKey().contains("fc")));
    printed(() -> ProjectChecks.freezeAllButFcPassed("연습 4-1", byName), true);
    starts(printed(() -> ProjectChecks.freezeAllButFcPassed("연습 4-1", model -> model.freezeParameters(true)), false),
        "✗ [연습 4-1] fc의 파라미터가 0개만 학습됩니다");
    starts(printed(() -> ProjectChecks.freezeAllButFcPassed("연습 4-1", model -> { }), false),
        "✗ [연습 4-1] 학습되는 파라미터가 11,173,962개입니다: 아무 층도 고정되지 않았습니다.");
    starts(printed(() -> ProjectChecks.freezeAllButFcPassed("연습 4-1", model -> model.getChildren().values().get(0).freezeParameters(true)), false),
        "✗ [연습 4-1] 학습되는 파라미터가 11,172,234개입니다: fc(5,130개) 말고도");

    starts(printed(() -> ProjectChecks.unfreezeAllPassed("연습 4-2", null), false), "⏳ [연습 4-2]");
    starts(printed(() -> ProjectChecks.unfreezeAllPassed("연습 4-2", model -> model.freezeParameters(false,
        p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)), true),
        "✔ [연습 4-2] 통과: 학습되는 파라미터 11,173,962개");
    printed(() -> ProjectChecks.unfreezeAllPassed("연습 4-2", model -> model.getParameters().forEach(p -> {
      if (!p.getKey().endsWith("runningMean") && !p.getKey().endsWith("runningVar")) {
        p.getValue().freeze(false);
      }
    })), true);
    starts(printed(() -> ProjectChecks.unfreezeAllPassed("연습 4-2", model -> model.freezeParameters(false)), false),
        "✗ [연습 4-2] 학습되는 파라미터가 11,183,562개로 전체(11,173,962개)보다 9,600개 많습니다");
    starts(printed(() -> ProjectChecks.unfreezeAllPassed("연습 4-2", model -> { }), false),
        "✗ [연습 4-2] 학습되는 파라미터가 5,130개입니다. 모두 풀면 11,173,962개여야 합니다.");
  }

  @Test
  void theCombinedRunsPartsAreCheckedByBehaviour() {
    Course.setup();
    byte[] pixels = new byte[8 * 3 * 32 * 32];
    Arrays.fill(pixels, (byte) 100);
    ImageDataset data = ImageDataset.of("probe", pixels, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new Shape(3, 32, 32),
        List.of("a", "b", "c", "d", "e", "f", "g", "h"), List.of("a", "b", "c", "d", "e", "f", "g", "h"));
    starts(printed(() -> ProjectChecks.combinedLoaderPassed("연습 5-1", null), false), "⏳ [연습 5-1]");
    Batches right = data.batches(4).shuffle(1).augment(Augmentations.projectPipeline(), 1).normalize(Normalization.CIFAR10).mix(CutMix.of(1.0), 1);
    starts(printed(() -> ProjectChecks.combinedLoaderPassed("연습 5-1", right), true), "✔ [연습 5-1] 통과: 전체 증강");
    Batches mixupFirst = data.batches(4).mix(Mixup.of(0.2), 1).normalize(Normalization.CIFAR10).augment(Augmentations.lessonPipeline(), 1);
    printed(() -> ProjectChecks.combinedLoaderPassed("연습 5-1", mixupFirst), true);
    starts(printed(() -> ProjectChecks.combinedLoaderPassed("연습 5-1", data.batches(4).normalize(Normalization.CIFAR10).mix(Mixup.of(0.2), 1)), false),
        "✗ [연습 5-1] 로더에 증강이 없습니다.");
    starts(printed(() -> ProjectChecks.combinedLoaderPassed("연습 5-1", data.batches(4).augment(Augmentations.randomCrop(4)
        .then(Augmentations.horizontalFlip(0.5)), 1).normalize(Normalization.CIFAR10).mix(Mixup.of(0.2), 1)), false),
        "✗ [연습 5-1] 로더의 증강: 로더의 증강이 밝기·대비를 바꾸지 않습니다");
    starts(printed(() -> ProjectChecks.combinedLoaderPassed("연습 5-1", data.batches(4).augment(Augmentations.projectPipeline(), 1).mix(Mixup.of(0.2), 1)), false),
        "✗ [연습 5-1] 로더가 CIFAR-10 평균/표준편차로 정규화하지 않습니다.");
    starts(printed(() -> ProjectChecks.combinedLoaderPassed("연습 5-1", data.batches(4).augment(Augmentations.projectPipeline(), 1).normalize(Normalization.CIFAR10)), false),
        "✗ [연습 5-1] 로더가 배치를 섞지 않습니다");

    starts(printed(() -> ProjectChecks.labelSmoothingPassed("연습 5-2", null), false), "⏳ [연습 5-2]");
    starts(printed(() -> ProjectChecks.labelSmoothingPassed("연습 5-2", new LabelSmoothingLoss(0.1f)), true), "✔ [연습 5-2] 통과: 탐침 로짓에서");
    starts(printed(() -> ProjectChecks.labelSmoothingPassed("연습 5-2", Loss.softmaxCrossEntropyLoss()), false),
        "✗ [연습 5-2] 보통의 교차 엔트로피와 같습니다");
    starts(printed(() -> ProjectChecks.labelSmoothingPassed("연습 5-2", new LabelSmoothingLoss(0.2f)), false),
        "✗ [연습 5-2] 손실 ");
    assertTrue(printed(() -> ProjectChecks.labelSmoothingPassed("연습 5-2", new LabelSmoothingLoss(0.2f)), false).contains("ε≈0.20"));
    // DJL's own loss on smoothed one-hot targets, written by hand: right
    Loss byHand = new Loss("smoothed") {
      @Override
      public NDArray evaluate(NDList label, NDList prediction) {
        NDArray logp = prediction.singletonOrThrow().logSoftmax(1);
        NDArray target = label.singletonOrThrow().oneHot(10, DataType.FLOAT32).mul(0.9f).add(0.01f);
        return logp.mul(target).sum(new int[] {1}).neg().mean();
      }
    };
    printed(() -> ProjectChecks.labelSmoothingPassed("연습 5-2", byHand), true);

    int epochs = 4;
    int perEpoch = 10;
    starts(printed(() -> ProjectChecks.cosineSchedulePassed("연습 5-3", null, 0.1, epochs, perEpoch), false), "⏳ [연습 5-3]");
    starts(printed(() -> ProjectChecks.cosineSchedulePassed("연습 5-3", LearningRates.cosine(0.1, epochs, perEpoch), 0.1, epochs, perEpoch), true),
        "✔ [연습 5-3] 통과: 학습률 0.1 → 0.0854 (가운데) → 0.0146 (마지막)");
    printed(() -> ProjectChecks.cosineSchedulePassed("연습 5-3",
        Tracker.cosine().setBaseValue(0.1f).optFinalValue(0f).setMaxUpdates(epochs * perEpoch).build(), 0.1, epochs, perEpoch), true);
    starts(printed(() -> ProjectChecks.cosineSchedulePassed("연습 5-3", LearningRates.step(0.1, 1, 0.1, perEpoch), 0.1, epochs, perEpoch), false),
        "✗ [연습 5-3] 에폭 2에서 학습률이 0.01로 코사인 곡선(이 에폭 최소 0.05)보다 작습니다.");
    starts(printed(() -> ProjectChecks.cosineSchedulePassed("연습 5-3", LearningRates.cosine(0.1, epochs * 2, perEpoch), 0.1, epochs, perEpoch), false),
        "✗ [연습 5-3] 에폭 2에서 학습률이 0.0962로 코사인 곡선(이 에폭 최대 0.0854)보다 큽니다.");
    starts(printed(() -> ProjectChecks.cosineSchedulePassed("연습 5-3", LearningRates.constant(0.1), 0.1, epochs, perEpoch), false),
        "✗ [연습 5-3] 에폭 2에서 학습률이 0.1로 코사인 곡선");
    starts(printed(() -> ProjectChecks.cosineSchedulePassed("연습 5-3", LearningRates.cosine(0.01, epochs, perEpoch), 0.1, epochs, perEpoch), false),
        "✗ [연습 5-3] 첫 학습률이 0.01입니다. 0.1에서 시작해야 합니다.");
  }
}
