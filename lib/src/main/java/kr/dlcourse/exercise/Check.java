package kr.dlcourse.exercise;

import ai.djl.ndarray.NDArray;
import kr.dlcourse.notebook.Numbers;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import kr.dlcourse.augment.Augmentation;
import kr.dlcourse.eval.Predictions;
import kr.dlcourse.nn.Parameters;

/**
 * Checks for the exercises in the notebooks. A check cell names the variable the exercise cell
 * declares, so it gives a verdict whatever happened there, and never throws:
 *
 * <ul>
 *   <li>{@code ⏳ [name] 아직 풀지 않았습니다 ...} when the answer is still {@code null} or the
 *       declaration is gone;
 *   <li>{@code ✗ [name] ...} with what is wrong and a hint, also when the exercise cell did not
 *       compile or threw (then with the student's line and the error in Korean);
 *   <li>{@code ✔ [name] 통과: ...} with what was checked.
 * </ul>
 *
 * <pre>{@code Check.deeperCnn("챌린지 1", "cnnV3", 94_538)}</pre>
 *
 * <p>Checks judge what the answer does (its output shapes, parameters, whether it is nonlinear,
 * whether dropout is random, what an augmentation does to a probe batch, the learning rate at every
 * update), not how it is written: the helper's builders, DJL's own blocks and trackers, streams,
 * {@code int} or {@code Integer} all pass when they do the right thing. Numbers are rounded for
 * people. Each check also takes the answer itself ({@code Check.deeperCnn("챌린지 1", cnnV3,
 * 94_538)}), for other kernels and tests.
 */
public final class Check {

  public static final String PASS = "✔";
  public static final String FAIL = "✗";
  public static final String TODO = "⏳";

  /** Owns the parameters of student blocks that a check had to initialize: they stay usable. */
  private static final NDManager INITIALIZED = NDManager.newBaseManager();

  private static final Shape CIFAR_INPUT = new Shape(1, 3, 32, 32);
  private static final Shape MNIST_INPUT = new Shape(1, 1, 28, 28);

  private Check() {}

  // ---- 06 챌린지 1 ----

  /**
   * A CNN with more convolution layers than CNN_V1: it must take (N, 3, 32, 32), give (N, 10), have
   * at least four {@link Conv2d} layers and more parameters than {@code baselineParams}.
   */
  public static void deeperCnn(String name, String variable, long baselineParams) {
    String todo = "CNN_V1에 Conv 블록을 하나 더 붙인 모델을 만들어 " + variable + "에 넣으세요.";
    Block answer = answer(name, variable, Block.class, "SequentialBlock", todo);
    if (answer != null) {
      deeperCnnPassed(name, answer, baselineParams);
    }
  }

  /** {@link #deeperCnn(String, String, long)} with the answer itself. */
  public static void deeperCnn(String name, Block answer, long baselineParams) {
    deeperCnnPassed(name, answer, baselineParams);
  }

  static boolean deeperCnnPassed(String name, Block answer, long baselineParams) {
    if (answer == null) {
      return todo(name, "CNN_V1에 Conv 블록을 하나 더 붙인 모델을 만들어 변수에 넣으세요.");
    }
    String hint = "features의 마지막 ReLU 뒤에 conv3x3(256)과 ReLU를 더하고, classifier는 CNN_V1과 같게 두세요.";
    return runs(name, answer, CIFAR_INPUT, hint, shape -> {
      int convs = count(answer, Conv2d.class);
      if (convs < 4) {
        return fail(name, "Conv2d 층이 " + convs + "개입니다. CNN_V1(3개)보다 많아야 합니다.", hint);
      }
      long params = Parameters.count(answer);
      if (params <= baselineParams) {
        return fail(name, String.format("파라미터가 %,d개로 CNN_V1(%,d개)보다 많지 않습니다.", params, baselineParams),
            "블록을 더하면 파라미터가 늘어납니다. 더한 층이 모델 안에 들어갔는지 확인하세요.");
      }
      return pass(name, String.format("Conv 층 %d개, 파라미터 %,d개, 출력 %s", convs, params, shape));
    });
  }

  // ---- 06 챌린지 2 ----

  /**
   * Section 5's augmentation followed by random erasing. On a probe batch it must keep the shape
   * and the [0, 1] range and do all four things: flip some images, shift some (zero borders),
   * change their brightness, and erase a rectangle in some.
   */
  public static void augmentationWithErasing(String name, String variable) {
    Augmentation answer = answer(name, variable, Augmentation.class, "Augmentation",
        "5절의 증강(Augmentations.lessonPipeline()) 뒤에 Augmentations.randomErasing()을 이어 붙여 " + variable + "에 넣으세요.");
    if (answer != null) {
      augmentationWithErasingPassed(name, answer);
    }
  }

  /** {@link #augmentationWithErasing(String, String)} with the answer itself. */
  public static void augmentationWithErasing(String name, Augmentation answer) {
    augmentationWithErasingPassed(name, answer);
  }

  static boolean augmentationWithErasingPassed(String name, Augmentation answer) {
    if (answer == null) {
      return todo(name, "5절의 증강(Augmentations.lessonPipeline()) 뒤에 Augmentations.randomErasing()을 이어 붙이세요.");
    }
    String pipeline = "5절의 증강은 Augmentations.lessonPipeline()입니다: 그 뒤에 .then(Augmentations.randomErasing())을 붙이세요.";
    int n = 64;
    try (NDManager manager = NDManager.newBaseManager()) {
      // a left-to-right ramp (0.15 → 0.85): flips reverse it, shifts bring zero borders, erasing zero rectangles
      NDArray ramp = manager.arange(32).toType(DataType.FLOAT32, false).div(31f).mul(0.7f).add(0.15f).reshape(1, 1, 1, 32);
      NDArray probe = ramp.broadcast(new Shape(n, 3, 32, 32)).duplicate();
      NDArray out = answer.apply(probe, new Random(1));
      if (!out.getShape().equals(probe.getShape())) {
        return fail(name, "모양이 " + out.getShape() + "로 바뀌었습니다.", "증강은 배치 모양 (N, C, H, W)를 그대로 두어야 합니다.");
      }
      float min = out.min().getFloat();
      float max = out.max().getFloat();
      if (min < -1e-4f || max > 1 + 1e-4f) {
        return fail(name, String.format("값의 범위가 %.3g ~ %.3g 입니다.", min, max), "정규화 전 0~1 범위를 지켜야 합니다: 정규화는 Batches가 증강 뒤에 합니다.");
      }
      float[] v = out.toFloatArray();
      int flipped = 0;
      int shifted = 0;
      int erased = 0;
      for (int i = 0; i < n; i++) {
        double left = 0;
        double right = 0;
        boolean zeroBorder = true;
        boolean zeroInside = false;
        for (int c = 0; c < 3; c++) {
          for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
              float p = v[((i * 3 + c) * 32 + y) * 32 + x];
              if (x < 16) {
                left += p;
              } else {
                right += p;
              }
              if (p == 0 && x >= 6 && x < 26 && y >= 6 && y < 26) {
                zeroInside = true;
              }
            }
          }
        }
        flipped += left > right ? 1 : 0;
        erased += zeroInside ? 1 : 0;
        for (int[] edge : new int[][] {{0, -1}, {31, -1}, {-1, 0}, {-1, 31}}) {
          zeroBorder = true;
          for (int k = 0; k < 32 && zeroBorder; k++) {
            int y = edge[0] >= 0 ? edge[0] : k;
            int x = edge[1] >= 0 ? edge[1] : k;
            zeroBorder = v[((i * 3) * 32 + y) * 32 + x] == 0;
          }
          if (zeroBorder) {
            shifted++;
            break;
          }
        }
      }
      double brightnessSpread = brightnessSpread(answer, manager);
      if (erased == 0) {
        return fail(name, "64장 중 가운데에 지워진(0이 된) 사각형이 있는 이미지가 하나도 없습니다.", "Augmentations.randomErasing()을 .then(...)으로 이어 붙였나요?");
      }
      if (flipped < n / 8 || shifted < n / 8 || brightnessSpread < 0.01) {
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (flipped < n / 8) {
          missing.add("좌우 뒤집기");
        }
        if (shifted < n / 8) {
          missing.add("자르기(이동)");
        }
        if (brightnessSpread < 0.01) {
          missing.add("색 변화");
        }
        return fail(name, "RandomErasing은 있지만 5절의 증강 중 다음이 일어나지 않습니다: " + String.join(", ", missing) + ".", pipeline);
      }
      return pass(name, String.format(Locale.ROOT, "64장 중 뒤집힘 %d장, 이동 %d장, 지움 %d장, 밝기 변화 있음; 모양과 0~1 범위 유지", flipped, shifted, erased));
    } catch (RuntimeException e) {
      return fail(name, "증강을 실행하다 오류가 났습니다: " + Answer.describe(e), "Augmentations의 팩토리를 .then(...)으로 연결하세요.");
    }
  }

  /** How much the brightness of a uniformly grey batch varies from image to image after augmentation. */
  private static double brightnessSpread(Augmentation answer, NDManager manager) {
    NDArray out = answer.apply(manager.full(new Shape(64, 3, 32, 32), 0.5f), new Random(2));
    float[] v = out.toFloatArray();
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < 64; i++) {
      double s = 0;
      int k = 0;
      for (int j = i * 3072; j < (i + 1) * 3072; j++) {
        if (v[j] != 0) {
          s += v[j];
          k++;
        }
      }
      double mean = k == 0 ? 0 : s / k;
      sum += mean;
      sumSq += mean * mean;
    }
    double mean = sum / 64;
    return Math.sqrt(Math.max(0, sumSq / 64 - mean * mean));
  }

  // ---- 06 챌린지 3 ----

  /**
   * A learning-rate schedule that starts at {@code startLr}, never rises above it, has not
   * collapsed by the end of the first epoch, stays above 0 until the last epoch, and ends at most
   * at half of it. DJL counts updates (batches), so {@code batchesPerEpoch} tells epochs apart.
   */
  public static void decayingSchedule(String name, String variable, double startLr, int epochs, int batchesPerEpoch) {
    ParameterTracker answer = answer(name, variable, ParameterTracker.class, "Tracker",
        "LearningRates.step(...), LearningRates.cosine(...) 또는 DJL의 Tracker로 스케줄을 만들어 " + variable + "에 넣으세요.");
    if (answer != null) {
      decayingSchedulePassed(name, answer, startLr, epochs, batchesPerEpoch);
    }
  }

  /** {@link #decayingSchedule(String, String, double, int, int)} with the answer itself. */
  public static void decayingSchedule(String name, ParameterTracker answer, double startLr, int epochs, int batchesPerEpoch) {
    decayingSchedulePassed(name, answer, startLr, epochs, batchesPerEpoch);
  }

  static boolean decayingSchedulePassed(String name, ParameterTracker answer, double startLr, int epochs, int batchesPerEpoch) {
    if (answer == null) {
      return todo(name, "LearningRates.step(...) 또는 LearningRates.cosine(...)으로 스케줄을 만드세요.");
    }
    int total = epochs * batchesPerEpoch;
    String perUpdate = "DJL의 스케줄은 에폭이 아니라 업데이트(배치)마다 셉니다: LearningRates.*(…, perEpoch)처럼 에폭당 배치 수(perEpoch)를 주거나,"
        + " DJL 트래커라면 전체 업데이트 수(epochs3 * perEpoch)나 optStepSize(perEpoch)를 쓰세요.";
    try {
      double[] lr = new double[total + 1];
      for (int u = 1; u <= total; u++) {
        lr[u] = answer.getNewValue("", u);
        if (!Double.isFinite(lr[u])) {
          return fail(name, "업데이트 " + u + "의 학습률이 " + lr[u] + "입니다.", "유한한 수를 돌려주는 스케줄을 만드세요.");
        }
      }
      if (Math.abs(lr[1] - startLr) > 0.05 * startLr) {
        return fail(name, "첫 학습률이 " + Numbers.human(lr[1]) + "입니다. " + Numbers.human(startLr) + "에서 시작해야 합니다.",
            "LearningRates의 첫 인자, DJL 트래커의 setBaseValue(...)가 시작 학습률입니다.");
      }
      for (int u = 1; u <= total; u++) {
        if (lr[u] > startLr * 1.02) {
          return fail(name, "업데이트 " + u + "에서 학습률이 " + Numbers.human(lr[u]) + "로 시작값보다 커집니다.", "줄어들기만 하는 스케줄을 만드세요.");
        }
      }
      double endOfFirstEpoch = lr[Math.min(batchesPerEpoch, total)];
      if (epochs > 1 && endOfFirstEpoch < 0.3 * startLr) {
        return fail(name, "첫 에폭이 끝날 때 학습률이 이미 " + Numbers.human(endOfFirstEpoch) + "입니다 (시작값의 "
            + Math.round(100 * endOfFirstEpoch / startLr) + "%): 남은 에폭은 거의 배우지 못합니다.", perUpdate);
      }
      for (int u = 1; u <= (epochs - 1) * batchesPerEpoch; u++) {
        if (lr[u] <= 0) {
          return fail(name, "업데이트 " + u + "(에폭 " + ((u - 1) / batchesPerEpoch + 1) + ")에서 학습률이 0이 됩니다: 그 뒤로는 배우지 않습니다.", perUpdate);
        }
      }
      if (!(lr[total] <= startLr / 2 + 1e-9)) {
        return fail(name, "마지막 학습률이 " + Numbers.human(lr[total]) + "로 충분히 줄지 않았습니다.",
            "마지막 에폭에는 시작값의 절반 이하여야 합니다. StepLR은 step을 전체 에폭 수보다 짧게, cosine은 전체 에폭 수를 T_max로 주세요.");
      }
      return pass(name, "학습률 " + Numbers.human(lr[1]) + " → " + Numbers.human(endOfFirstEpoch) + " (첫 에폭 끝) → " + Numbers.human(lr[total]) + " (마지막)");
    } catch (RuntimeException e) {
      return fail(name, "스케줄을 계산하다 오류가 났습니다: " + Answer.describe(e), "에폭당 배치 수(perEpoch)를 1 이상으로 주세요.");
    }
  }

  // ---- 07 Try 1, Try 2 ----

  /**
   * The MNIST tutorial's MLP with {@code hidden} hidden units: it must take (N, 1, 28, 28), give (N,
   * 10), have 784·hidden + hidden + hidden·10 + 10 parameters, and be nonlinear (an activation
   * between the layers).
   */
  public static void mlpWithHidden(String name, String variable, int hidden) {
    Block answer = answer(name, variable, Block.class, "Block", "은닉층이 " + hidden + "개인 MLP를 만들어 " + variable + "에 넣으세요.");
    if (answer != null) {
      mlpWithHiddenPassed(name, answer, hidden);
    }
  }

  /** {@link #mlpWithHidden(String, String, int)} with the answer itself. */
  public static void mlpWithHidden(String name, Block answer, int hidden) {
    mlpWithHiddenPassed(name, answer, hidden);
  }

  static boolean mlpWithHiddenPassed(String name, Block answer, int hidden) {
    if (answer == null) {
      return todo(name, "은닉층이 " + hidden + "개인 MLP를 만들어 변수에 넣으세요.");
    }
    long expected = 784L * hidden + hidden + hidden * 10L + 10;
    return runs(name, answer, MNIST_INPUT, "MnistModels.mlp(100)을 참고해 Linear의 units를 바꾸세요.", shape -> {
      long params = Parameters.count(answer);
      if (params != expected) {
        return fail(name, String.format("파라미터가 %,d개입니다. 은닉층 %d개라면 %,d개여야 합니다.", params, hidden, expected),
            "784×" + hidden + " + " + hidden + " (첫 Linear) + " + hidden + "×10 + 10 (둘째 Linear). 은닉층은 하나만 둡니다.");
      }
      if (!nonlinear(answer, MNIST_INPUT)) {
        return fail(name, "모델이 선형입니다: 두 Linear 사이에 활성화 함수가 없습니다.", "첫 Linear 뒤에 Activation::relu를 넣으세요.");
      }
      return pass(name, String.format("은닉층 %d개, 파라미터 %,d개, 출력 %s", hidden, params, shape));
    });
  }

  /**
   * A deeper MLP for MNIST: it must take (N, 1, 28, 28), give (N, 10), have at least three {@link
   * Linear} layers (two hidden), be nonlinear, and drop units at random while training (and not
   * when evaluating).
   */
  public static void deeperMlp(String name, String variable) {
    Block answer = answer(name, variable, Block.class, "Block", "은닉층 2개 이상과 Dropout이 있는 MLP를 만들어 " + variable + "에 넣으세요.");
    if (answer != null) {
      deeperMlpPassed(name, answer);
    }
  }

  /** {@link #deeperMlp(String, String)} with the answer itself. */
  public static void deeperMlp(String name, Block answer) {
    deeperMlpPassed(name, answer);
  }

  static boolean deeperMlpPassed(String name, Block answer) {
    if (answer == null) {
      return todo(name, "은닉층 2개 이상과 Dropout이 있는 MLP를 만들어 변수에 넣으세요.");
    }
    String hint = "Flatten → Linear → ReLU → Dropout → Linear → ReLU → Dropout → Linear(10) 순서로 쌓아 보세요.";
    return runs(name, answer, MNIST_INPUT, hint, shape -> {
      int linears = count(answer, Linear.class);
      if (linears < 3) {
        return fail(name, "Linear 층이 " + linears + "개입니다. 은닉층 2개라면 출력층까지 3개 이상이어야 합니다.", "Linear.builder().setUnits(128).build()와 Activation::relu를 하나 더 넣으세요.");
      }
      if (!nonlinear(answer, MNIST_INPUT)) {
        return fail(name, "모델이 선형입니다: Linear 사이에 활성화 함수가 없습니다.", "은닉층 Linear 뒤마다 Activation::relu를 넣으세요.");
      }
      if (!dropsAtRandom(answer, MNIST_INPUT)) {
        return fail(name, "학습할 때 출력이 무작위로 달라지지 않습니다: Dropout이 없거나 비율이 0입니다.", "은닉층 ReLU 뒤에 Dropout.builder().optRate(0.2f).build()를 넣으세요.");
      }
      return pass(name, String.format("Linear %d개, 비선형, Dropout이 학습 때만 동작, 파라미터 %,d개, 출력 %s", linears, Parameters.count(answer), shape));
    });
  }

  // ---- 07 Try 3 ----

  /** The class with the lowest test accuracy in {@code predictions} (any with the lowest, on ties). */
  public static void hardestClass(String name, String variable, Predictions predictions) {
    Number answer = answer(name, variable, Number.class, "int 또는 Integer",
        "perClassAccuracy()에서 정확도가 가장 낮은 클래스의 번호를 찾아 " + variable + "에 넣으세요.");
    if (answer != null) {
      hardestClassPassed(name, answer, predictions);
    }
  }

  /** {@link #hardestClass(String, String, Predictions)} with the answer itself. */
  public static void hardestClass(String name, Integer answer, Predictions predictions) {
    hardestClassPassed(name, answer, predictions);
  }

  static boolean hardestClassPassed(String name, Number answer, Predictions predictions) {
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
    if (answer.doubleValue() != answer.longValue() || answer.longValue() < 0 || answer.longValue() >= accuracy.length) {
      return fail(name, answer + "은(는) 클래스 번호가 아닙니다.", "0부터 " + (accuracy.length - 1) + " 사이의 번호를 넣으세요.");
    }
    int given = answer.intValue();
    if (accuracy[given] != accuracy[hardest]) {
      return fail(name, String.format("클래스 %d의 정확도는 %.1f%%로 가장 낮지 않습니다.", given, 100 * accuracy[given]),
          "가장 큰 값이 아니라 가장 작은 값의 위치를 찾으세요 (for 문으로 비교하거나 IntStream으로).");
    }
    return pass(name, String.format("가장 어려운 클래스는 %s (정확도 %.1f%%)", predictions.classNames().get(given), 100 * accuracy[given]));
  }

  // ---- helpers ----

  /**
   * The student's answer in {@code variable}, or null after printing the verdict when there is none
   * to judge (never declared, did not compile, threw, null, or of another type).
   */
  static <T> T answer(String name, String variable, Class<T> type, String typeName, String todo) {
    Answer a = Answer.named(variable);
    switch (a.state()) {
      case NO_KERNEL -> {
        fail(name, "이 검사는 코스 커널(Java (DL course))에서 실습 셀의 " + variable + "를 찾습니다.",
            "코스 커널로 노트북을 여세요. 다른 커널에서는 Check." + "메서드(\"" + name + "\", " + variable + ", ...)처럼 변수를 직접 넘기세요.");
        return null;
      }
      case MISSING -> {
        todo(name, "실습 셀에 " + variable + " 선언이 없습니다. " + todo + " (실습 셀을 실행했는지, 선언을 지우지 않았는지 확인하세요)");
        return null;
      }
      case NOT_COMPILED -> {
        fail(name, "실습 셀이 컴파일되지 않아 " + variable + "를 검사할 수 없습니다: " + a.problem(),
            "실습 셀의 빨간 오류를 고쳐 다시 실행한 뒤 이 셀을 실행하세요.");
        return null;
      }
      case THREW -> {
        fail(name, "실습 셀이 실행 중 오류로 멈췄습니다: " + a.problem() + (a.line() == null ? "" : " (실습 셀의 `" + a.line() + "`)"),
            "그 줄을 고쳐 실습 셀을 다시 실행한 뒤 이 셀을 실행하세요.");
        return null;
      }
      default -> {
        // a value
      }
    }
    Object value = a.value();
    if (value == null) {
      todo(name, todo);
      return null;
    }
    if (!type.isInstance(value)) {
      fail(name, variable + "의 타입이 " + value.getClass().getSimpleName() + "입니다.", variable + "는 " + typeName + " 이어야 합니다.");
      return null;
    }
    return type.cast(value);
  }

  /** Initializes and runs {@code answer} on a batch of two, then applies {@code then} to the output shape of one image. */
  private static boolean runs(String name, Block answer, Shape input, String hint, Predicate<Shape> then) {
    try (NDManager manager = NDManager.newBaseManager()) {
      if (!answer.isInitialized()) {
        answer.initialize(INITIALIZED, DataType.FLOAT32, input);
      }
      Shape one = forward(answer, manager, input, false).getShape();
      if (!one.equals(new Shape(1, 10))) {
        return fail(name, "입력 " + input + "에 대한 출력 모양이 " + one + " 입니다. (1, 10)이어야 합니다.", hint);
      }
      Shape two = forward(answer, manager, new Shape(2, input.get(1), input.get(2), input.get(3)), true).getShape();
      if (!two.equals(new Shape(2, 10))) {
        return fail(name, "이미지 2장의 배치에 대한 출력 모양이 " + two + " 입니다. (2, 10)이어야 합니다.", "배치 차원(첫 차원)을 그대로 두세요: Flatten은 Blocks.batchFlattenBlock()을 쓰세요.");
      }
      return then.test(one);
    } catch (RuntimeException e) {
      return fail(name, "모델을 실행하다 오류가 났습니다: " + Answer.describe(e), hint);
    }
  }

  private static NDArray forward(Block block, NDManager manager, Shape shape, boolean training) {
    NDArray x = manager.randomNormal(0, 1, shape, DataType.FLOAT32);
    return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow();
  }

  /** Whether {@code f((a + b) / 2) ≠ (f(a) + f(b)) / 2}: an affine model would be equal. */
  private static boolean nonlinear(Block block, Shape input) {
    try (NDManager m = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(m, false);
      NDArray a = m.randomNormal(0, 1, input, DataType.FLOAT32);
      NDArray b = m.randomNormal(0, 1, input, DataType.FLOAT32);
      NDArray fa = block.forward(store, new NDList(a), false).singletonOrThrow();
      NDArray fb = block.forward(store, new NDList(b), false).singletonOrThrow();
      NDArray fm = block.forward(store, new NDList(a.add(b).div(2f)), false).singletonOrThrow();
      float gap = fm.sub(fa.add(fb).div(2f)).abs().max().getFloat();
      float scale = fa.abs().max().getFloat() + fb.abs().max().getFloat() + 1e-6f;
      return gap > 1e-4f * scale;
    }
  }

  /** Whether two training-mode passes of the same input differ while two evaluation passes agree. */
  private static boolean dropsAtRandom(Block block, Shape input) {
    try (NDManager m = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(m, false);
      NDArray x = m.randomNormal(0, 1, new Shape(8, input.get(1), input.get(2), input.get(3)), DataType.FLOAT32);
      NDArray t1 = block.forward(store, new NDList(x), true).singletonOrThrow();
      NDArray t2 = block.forward(store, new NDList(x), true).singletonOrThrow();
      NDArray e1 = block.forward(store, new NDList(x), false).singletonOrThrow();
      NDArray e2 = block.forward(store, new NDList(x), false).singletonOrThrow();
      return !t1.allClose(t2) && e1.allClose(e2);
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
