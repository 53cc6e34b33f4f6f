package kr.dlcourse.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import kr.dlcourse.augment.Augmentation;
import kr.dlcourse.eval.Predictions;
import kr.dlcourse.nn.Parameters;

/**
 * Checks for the exercises in the notebooks. A check prints one verdict and never throws:
 *
 * <ul>
 *   <li>{@code ⏳ [name] 아직 풀지 않았습니다 ...} when the answer is still missing ({@code null});
 *   <li>{@code ✗ [name] ...} with what is wrong and a hint;
 *   <li>{@code ✔ [name] 통과: ...} with what was checked.
 * </ul>
 *
 * <pre>{@code Check.deeperCnn("챌린지 1", cnnV3, 94_538)}</pre>
 *
 * <p>Checks return nothing, so that a check cell shows only its verdict.
 */
public final class Check {

  public static final String PASS = "✔";
  public static final String FAIL = "✗";
  public static final String TODO = "⏳";

  /** Owns the parameters of student blocks that a check had to initialize: they stay usable. */
  private static final NDManager INITIALIZED = NDManager.newBaseManager();

  private Check() {}

  /**
   * A CNN with more convolution layers than CNN_V1: it must take (1, 3, 32, 32), give (1, 10), have
   * at least four {@link Conv2d} layers and more parameters than {@code baselineParams}.
   */
  public static void deeperCnn(String name, Block answer, long baselineParams) {
    deeperCnnPassed(name, answer, baselineParams);
  }

  /** {@link #deeperCnn} returning whether the answer passed. */
  static boolean deeperCnnPassed(String name, Block answer, long baselineParams) {
    if (answer == null) {
      return todo(name, "CNN_V1에 Conv 블록을 하나 더 붙인 모델을 만들어 변수에 넣으세요.");
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      if (!answer.isInitialized()) {
        answer.initialize(INITIALIZED, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      }
      NDList out = answer.forward(new ParameterStore(manager, false), new NDList(manager.zeros(new Shape(1, 3, 32, 32))), false);
      Shape shape = out.singletonOrThrow().getShape();
      if (!shape.equals(new Shape(1, 10))) {
        return fail(name, "출력 모양이 " + shape + " 입니다. (1, 10)이어야 합니다.", "마지막은 Linear(10)이고, 그 앞에서 globalAvgPool로 공간 크기를 1×1로 줄이세요.");
      }
      int convs = count(answer, Conv2d.class);
      if (convs < 4) {
        return fail(name, "Conv2d 층이 " + convs + "개입니다. CNN_V1(3개)보다 많아야 합니다.", "features의 마지막 ReLU 뒤에 conv3x3(256)과 ReLU를 더해 보세요.");
      }
      long params = Parameters.count(answer);
      if (params <= baselineParams) {
        return fail(name, "파라미터가 " + params + "개로 CNN_V1(" + baselineParams + ")보다 적습니다.", "블록을 더하면 파라미터가 늘어납니다.");
      }
      return pass(name, "Conv 층 " + convs + "개, 파라미터 " + params + "개, 출력 " + shape);
    } catch (RuntimeException e) {
      return fail(name, "모델을 실행하다 오류가 났습니다: " + e.getMessage(), "층을 쌓는 순서와 Shape를 확인하세요.");
    }
  }

  /**
   * A stronger augmentation that includes random erasing: on a batch of grey images it must keep
   * the shape and the [0, 1] range, change pixels, and set some rectangles to 0.
   */
  public static void augmentationWithErasing(String name, Augmentation answer) {
    augmentationWithErasingPassed(name, answer);
  }

  /** {@link #augmentationWithErasing} returning whether the answer passed. */
  static boolean augmentationWithErasingPassed(String name, Augmentation answer) {
    if (answer == null) {
      return todo(name, "기존 증강 뒤에 Augmentations.randomErasing()을 이어 붙이세요.");
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray grey = manager.full(new Shape(64, 3, 32, 32), 0.5f);
      NDArray out = answer.apply(grey, new Random(1));
      if (!out.getShape().equals(grey.getShape())) {
        return fail(name, "모양이 " + out.getShape() + "로 바뀌었습니다.", "증강은 배치 모양 (N, C, H, W)를 그대로 두어야 합니다.");
      }
      float min = out.min().getFloat();
      float max = out.max().getFloat();
      if (min < 0 || max > 1) {
        return fail(name, "값의 범위가 " + min + " ~ " + max + " 입니다.", "정규화 전 0~1 범위를 지켜야 합니다.");
      }
      // random crop pads with zeros within 4 pixels of the border: look for erased pixels inside
      long zeros = out.get(":, :, 4:28, 4:28").eq(0f).sum().getLong();
      if (zeros == 0) {
        return fail(name, "지워진(0이 된) 영역이 하나도 없습니다.", "Augmentations.randomErasing()을 .then(...)으로 이어 붙였나요?");
      }
      return pass(name, String.format("64장의 가운데 24×24에서 지워진 픽셀 %.1f%%, 모양과 범위 유지", 100.0 * zeros / (64 * 3 * 24 * 24)));
    } catch (RuntimeException e) {
      return fail(name, "증강을 실행하다 오류가 났습니다: " + e.getMessage(), "Augmentations의 팩토리를 .then(...)으로 연결하세요.");
    }
  }

  /** A learning-rate schedule that starts at {@code startLr} and ends at most at half of it. */
  public static void decayingSchedule(String name, Tracker answer, double startLr, int totalUpdates) {
    decayingSchedulePassed(name, answer, startLr, totalUpdates);
  }

  /** {@link #decayingSchedule} returning whether the answer passed. */
  static boolean decayingSchedulePassed(String name, Tracker answer, double startLr, int totalUpdates) {
    if (answer == null) {
      return todo(name, "LearningRates.step(...) 또는 LearningRates.cosine(...)으로 스케줄을 만드세요.");
    }
    try {
      double first = answer.getNewValue(1);
      double last = answer.getNewValue(totalUpdates);
      if (Math.abs(first - startLr) > 1e-6 * Math.max(1, startLr)) {
        return fail(name, "첫 학습률이 " + first + " 입니다. " + startLr + "에서 시작해야 합니다.", "스케줄의 첫 인자가 시작 학습률입니다.");
      }
      if (!(last <= startLr / 2 + 1e-9)) {
        return fail(name, "마지막 학습률이 " + last + " 로 충분히 줄지 않았습니다.", "마지막 에폭에는 시작값의 절반 이하여야 합니다. StepLR은 step을 전체 에폭 수보다 짧게, cosine은 전체 에폭 수를 T_max로 주세요.");
      }
      return pass(name, String.format("학습률 %.4g → %.4g", first, last));
    } catch (RuntimeException e) {
      return fail(name, "스케줄을 계산하다 오류가 났습니다: " + e.getMessage(), "배치 수(batchesPerEpoch)를 1 이상으로 주세요.");
    }
  }

  /**
   * The MNIST tutorial's MLP with {@code hidden} hidden units: it must take (1, 1, 28, 28), give
   * (1, 10) and have 784·hidden + hidden + hidden·10 + 10 parameters.
   */
  public static void mlpWithHidden(String name, Block answer, int hidden) {
    mlpWithHiddenPassed(name, answer, hidden);
  }

  /** {@link #mlpWithHidden} returning whether the answer passed. */
  static boolean mlpWithHiddenPassed(String name, Block answer, int hidden) {
    if (answer == null) {
      return todo(name, "은닉층이 " + hidden + "개인 MLP를 만들어 변수에 넣으세요.");
    }
    long expected = 784L * hidden + hidden + hidden * 10L + 10;
    return runs(name, answer, MNIST_INPUT, "MnistModels.mlp(100)을 참고해 Linear의 units를 바꾸세요.", shape -> {
      long params = Parameters.count(answer);
      if (params != expected) {
        return fail(name, "파라미터가 " + params + "개입니다. 은닉층 " + hidden + "개라면 " + expected + "개여야 합니다.",
            "784×" + hidden + " + " + hidden + " (첫 Linear) + " + hidden + "×10 + 10 (둘째 Linear). 은닉층은 하나만 둡니다.");
      }
      return pass(name, "은닉층 " + hidden + "개, 파라미터 " + params + "개, 출력 " + shape);
    });
  }

  /**
   * A deeper MLP for MNIST: it must take (1, 1, 28, 28), give (1, 10), and have at least three
   * {@link Linear} layers (two hidden) and a {@link Dropout}.
   */
  public static void deeperMlp(String name, Block answer) {
    deeperMlpPassed(name, answer);
  }

  /** {@link #deeperMlp} returning whether the answer passed. */
  static boolean deeperMlpPassed(String name, Block answer) {
    if (answer == null) {
      return todo(name, "은닉층 2개 이상과 Dropout이 있는 MLP를 만들어 변수에 넣으세요.");
    }
    return runs(name, answer, MNIST_INPUT, "Flatten → Linear → ReLU → Dropout → Linear → ReLU → Linear(10) 순서로 쌓아 보세요.", shape -> {
      int linears = count(answer, Linear.class);
      if (linears < 3) {
        return fail(name, "Linear 층이 " + linears + "개입니다. 은닉층 2개라면 출력층까지 3개 이상이어야 합니다.", "Linear.builder().setUnits(128).build()와 Activation::relu를 하나 더 넣으세요.");
      }
      if (count(answer, Dropout.class) == 0) {
        return fail(name, "Dropout이 없습니다.", "은닉층 ReLU 뒤에 Dropout.builder().optRate(0.2f).build()를 넣으세요.");
      }
      return pass(name, "Linear " + linears + "개, Dropout " + count(answer, Dropout.class) + "개, 파라미터 " + Parameters.count(answer) + "개, 출력 " + shape);
    });
  }

  /** The class with the lowest test accuracy in {@code predictions}. */
  public static void hardestClass(String name, Integer answer, Predictions predictions) {
    hardestClassPassed(name, answer, predictions);
  }

  /** {@link #hardestClass} returning whether the answer passed. */
  static boolean hardestClassPassed(String name, Integer answer, Predictions predictions) {
    if (answer == null) {
      return todo(name, "perClassAccuracy()에서 정확도가 가장 낮은 클래스의 번호를 찾아 넣으세요.");
    }
    double[] accuracy = predictions.confusionMatrix().perClassAccuracy();
    int hardest = 0;
    for (int c = 1; c < accuracy.length; c++) {
      if (accuracy[c] < accuracy[hardest]) {
        hardest = c;
      }
    }
    if (answer < 0 || answer >= accuracy.length) {
      return fail(name, answer + "은(는) 클래스 번호가 아닙니다.", "0부터 " + (accuracy.length - 1) + " 사이의 번호를 넣으세요.");
    }
    if (accuracy[answer] != accuracy[hardest]) {
      return fail(name, String.format("클래스 %d의 정확도는 %.1f%%로 가장 낮지 않습니다.", answer, 100 * accuracy[answer]),
          "가장 큰 값이 아니라 가장 작은 값의 위치를 찾으세요 (for 문으로 비교).");
    }
    return pass(name, String.format("가장 어려운 클래스는 %s (정확도 %.1f%%)", predictions.classNames().get(hardest), 100 * accuracy[hardest]));
  }

  private static final Shape MNIST_INPUT = new Shape(1, 1, 28, 28);

  /** Initializes and runs {@code answer} on zeros, then applies {@code then} to the output shape. */
  private static boolean runs(String name, Block answer, Shape input, String hint, java.util.function.Predicate<Shape> then) {
    try (NDManager manager = NDManager.newBaseManager()) {
      if (!answer.isInitialized()) {
        answer.initialize(INITIALIZED, DataType.FLOAT32, input);
      }
      NDList out = answer.forward(new ParameterStore(manager, false), new NDList(manager.zeros(input)), false);
      Shape shape = out.singletonOrThrow().getShape();
      if (!shape.equals(new Shape(1, 10))) {
        return fail(name, "입력 " + input + "에 대한 출력 모양이 " + shape + " 입니다. (1, 10)이어야 합니다.", hint);
      }
      return then.test(shape);
    } catch (RuntimeException e) {
      return fail(name, "모델을 실행하다 오류가 났습니다: " + e.getMessage(), hint);
    }
  }

  private static int count(Block block, Class<? extends Block> type) {
    int n = type.isInstance(block) ? 1 : 0;
    for (var child : block.getChildren()) {
      n += count(child.getValue(), type);
    }
    return n;
  }

  static boolean todo(String name, String what) {
    System.out.println(TODO + " [" + name + "] 아직 풀지 않았습니다: " + what);
    return false;
  }

  static boolean fail(String name, String what, String hint) {
    System.out.println(FAIL + " [" + name + "] " + what + "\n   힌트: " + hint);
    return false;
  }

  static boolean pass(String name, String what) {
    System.out.println(PASS + " [" + name + "] 통과: " + what);
    return true;
  }
}
