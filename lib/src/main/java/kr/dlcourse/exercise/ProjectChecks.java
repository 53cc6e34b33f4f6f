package kr.dlcourse.exercise;

import static kr.dlcourse.exercise.Check.fail;
import static kr.dlcourse.exercise.Check.pass;
import static kr.dlcourse.exercise.Check.todo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import kr.dlcourse.augment.Augmentation;
import kr.dlcourse.augment.Mixing;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.Normalization;
import kr.dlcourse.eval.Predictions;
import kr.dlcourse.models.ProjectModels;
import kr.dlcourse.nn.Internals;
import kr.dlcourse.nn.Parameters;
import kr.dlcourse.notebook.Numbers;

/**
 * Checks for lesson 39's exercises (notebook 20), in the same verdict format as {@link Check}:
 * {@code ⏳} not done, {@code ✗} with a hint, {@code ✔} with what was checked. Each check names the
 * exercise cell's variable and judges what the answer does on probe data, never how it is written;
 * each also takes the answer itself, for tests and other kernels.
 *
 * <pre>{@code ProjectChecks.mixupCriterion("연습 3-1", "mixupCriterion")}</pre>
 */
public final class ProjectChecks {

  /** Trainable parameters of {@code ProjectModels.resNet18(10)}'s {@code fc}: 512·10 + 10. */
  public static final long RESNET18_FC_PARAMETERS = 5_130L;

  /** Trainable parameters of {@code ProjectModels.resNet18(10)}, as PyTorch counts them. */
  public static final long RESNET18_PARAMETERS = 11_173_962L;

  private static final int PROBE = 64;

  private ProjectChecks() {}

  // ---- 연습 1: the two hardest classes, a hypothesis ----

  /**
   * The names of the two classes with the lowest per-class accuracy in {@code predictions} (any
   * order; on ties any of the tied classes).
   */
  public static void hardestTwo(String name, String variable, Predictions predictions) {
    List<?> answer = Check.answer(name, variable, List.class, "List<String>",
        "perClassAccuracy()에서 정확도가 가장 낮은 두 클래스의 이름을 찾아 " + variable + "에 넣으세요.");
    if (answer != null) {
      hardestTwoPassed(name, answer, predictions);
    }
  }

  /** {@link #hardestTwo(String, String, Predictions)} with the answer itself. */
  public static void hardestTwo(String name, List<String> answer, Predictions predictions) {
    hardestTwoPassed(name, answer, predictions);
  }

  static boolean hardestTwoPassed(String name, List<?> answer, Predictions predictions) {
    if (answer == null) {
      return todo(name, "perClassAccuracy()에서 정확도가 가장 낮은 두 클래스의 이름을 찾아 넣으세요.");
    }
    List<String> classes = predictions.classNames();
    String names = "클래스 이름은 classes.get(번호)로 얻습니다: " + String.join(", ", classes);
    if (answer.size() != 2) {
      return fail(name, "클래스가 " + answer.size() + "개 들어 있습니다. 두 개여야 합니다.", "정확도 순으로 정렬해 앞의 두 개만 고르세요 (.limit(2)).");
    }
    double[] accuracy = predictions.confusionMatrix().perClassAccuracy();
    double[] sorted = accuracy.clone();
    Arrays.sort(sorted);
    double second = sorted[1];
    int[] given = new int[2];
    for (int k = 0; k < 2; k++) {
      Object item = answer.get(k);
      if (!(item instanceof String s)) {
        return fail(name, "목록의 " + (k + 1) + "번째 값 " + item + "이(가) 클래스 이름(String)이 아닙니다.", names);
      }
      given[k] = classes.indexOf(s.trim());
      if (given[k] < 0) {
        return fail(name, "\"" + s + "\"은(는) 클래스 이름이 아닙니다.", names);
      }
    }
    if (given[0] == given[1]) {
      return fail(name, "같은 클래스 " + classes.get(given[0]) + "가 두 번 들어 있습니다.", "서로 다른 두 클래스를 고르세요.");
    }
    for (int c : given) {
      if (accuracy[c] > second) {
        return fail(name, String.format(Locale.ROOT, "%s의 정확도는 %.1f%%로 가장 낮은 두 클래스에 들지 않습니다 (둘째로 낮은 정확도 %.1f%%).",
            classes.get(c), 100 * accuracy[c], 100 * second),
            "가장 높은 값이 아니라 가장 낮은 값부터 고르세요: Comparator.comparingDouble(c -> perClass[c])로 오름차순 정렬.");
      }
    }
    return pass(name, String.format(Locale.ROOT, "가장 어려운 두 클래스: %s (%.1f%%), %s (%.1f%%)",
        classes.get(given[0]), 100 * accuracy[given[0]], classes.get(given[1]), 100 * accuracy[given[1]]));
  }

  /** A hypothesis in words: a sentence or more. Only that it was written can be checked. */
  public static void hypothesis(String name, String variable) {
    String answer = Check.answer(name, variable, String.class, "String",
        "두 클래스가 왜 어려운지 가설을 문장으로 적어 " + variable + "에 넣으세요.");
    if (answer != null) {
      hypothesisPassed(name, answer);
    }
  }

  /**
   * {@link #hypothesis(String, String)} with the answer itself (a separate name: both take
   * strings).
   */
  public static void hypothesisText(String name, String answer) {
    hypothesisPassed(name, answer);
  }

  static boolean hypothesisPassed(String name, String answer) {
    if (answer == null || answer.isBlank()) {
      return todo(name, "두 클래스가 왜 어려운지 가설을 문장으로 적으세요.");
    }
    int letters = answer.replaceAll("\\s+", "").length();
    if (letters < 15) {
      return fail(name, "가설이 " + letters + "자로 너무 짧습니다.",
          "한 문장 이상으로 적으세요: 어떤 클래스와 헷갈렸는지, 그 이유가 시각적 유사성인지 클래스 내 변동인지, 무엇으로 확인할 수 있는지.");
    }
    return pass(name, "가설을 적었습니다 (" + letters + "자). 검사는 가설이 맞는지 판단할 수 없습니다:"
        + " 잘못 분류된 예시와 혼동 쌍, full/class 모드의 결과로 직접 확인하세요.");
  }

  // ---- 연습 2: basic and full augmentation ----

  /** What an augmentation did to the probe batches. */
  record AugmentationEffect(int flipped, int shifted, int maxBorder, int brighter, int contrasted, double maxBrightness, String problem) {}

  /**
   * Random crop with padding 4 and horizontal flip, and no colour change: checked on probe batches
   * by what it does.
   */
  public static void basicAugmentation(String name, String variable) {
    Augmentation answer = Check.answer(name, variable, Augmentation.class, "Augmentation",
        "Augmentations.randomCrop(4)과 horizontalFlip(0.5)를 .then(...)으로 이어 " + variable + "에 넣으세요.");
    if (answer != null) {
      basicAugmentationPassed(name, answer);
    }
  }

  /** {@link #basicAugmentation(String, String)} with the answer itself. */
  public static void basicAugmentation(String name, Augmentation answer) {
    basicAugmentationPassed(name, answer);
  }

  static boolean basicAugmentationPassed(String name, Augmentation answer) {
    if (answer == null) {
      return todo(name, "Augmentations.randomCrop(4)과 horizontalFlip(0.5)를 이어 붙이세요.");
    }
    String hint = "기본 증강은 Augmentations.randomCrop(4).then(Augmentations.horizontalFlip(0.5))입니다.";
    AugmentationEffect e = effect(answer);
    if (e.problem() != null) {
      return fail(name, e.problem(), hint);
    }
    String shape = shapeProblem(e, hint);
    if (shape != null) {
      return fail(name, shape, hint);
    }
    if (e.brighter() > 0 || e.contrasted() > 0) {
      return fail(name, "색이 바뀝니다 (" + PROBE + "장 중 밝기 변화 " + e.brighter() + "장, 대비 변화 " + e.contrasted() + "장). 기본 증강에는 색 변화가 없습니다.",
          "ColorJitter(colorJitter)는 연습 2의 셋째 실험(fullAug)에만 넣으세요. " + hint);
    }
    return pass(name, String.format(Locale.ROOT, "%d장 중 뒤집힘 %d장, 이동 %d장 (최대 %d픽셀), 색 변화 없음",
        PROBE, e.flipped(), e.shifted(), e.maxBorder()));
  }

  /**
   * The lesson's full {@code train_transform}: crop with padding 4, horizontal flip, and brightness
   * and contrast jitter (about ±20%).
   */
  public static void fullAugmentation(String name, String variable) {
    Augmentation answer = Check.answer(name, variable, Augmentation.class, "Augmentation",
        "강의의 train_transform (자르기 + 뒤집기 + ColorJitter(brightness=0.2, contrast=0.2))을 " + variable + "에 넣으세요.");
    if (answer != null) {
      fullAugmentationPassed(name, answer);
    }
  }

  /** {@link #fullAugmentation(String, String)} with the answer itself. */
  public static void fullAugmentation(String name, Augmentation answer) {
    fullAugmentationPassed(name, answer);
  }

  static boolean fullAugmentationPassed(String name, Augmentation answer) {
    if (answer == null) {
      return todo(name, "강의의 train_transform (자르기 + 뒤집기 + ColorJitter(brightness=0.2, contrast=0.2))을 만드세요.");
    }
    String hint = "전체 증강은 Augmentations.randomCrop(4).then(Augmentations.horizontalFlip(0.5)).then(Augmentations.colorJitter(0.2, 0.2, 0))"
        + " (= Augmentations.projectPipeline())입니다.";
    AugmentationEffect e = effect(answer);
    if (e.problem() != null) {
      return fail(name, e.problem(), hint);
    }
    String shape = shapeProblem(e, hint);
    if (shape != null) {
      return fail(name, shape, hint);
    }
    if (e.brighter() == 0 || e.contrasted() == 0) {
      String missing = e.brighter() == 0 && e.contrasted() == 0 ? "밝기와 대비가" : e.brighter() == 0 ? "밝기가" : "대비가";
      return fail(name, PROBE + "장 중 " + missing + " 바뀐 이미지가 하나도 없습니다.", "ColorJitter(brightness=0.2, contrast=0.2)가 빠졌습니다. " + hint);
    }
    if (e.maxBrightness() > 0.3) {
      return fail(name, String.format(Locale.ROOT, "밝기가 최대 %.0f%%까지 바뀝니다. 강의는 brightness=0.2 (±20%%)입니다.", 100 * e.maxBrightness()), hint);
    }
    return pass(name, String.format(Locale.ROOT, "%d장 중 뒤집힘 %d장, 이동 %d장 (최대 %d픽셀), 밝기 변화 %d장 (최대 %.0f%%), 대비 변화 %d장",
        PROBE, e.flipped(), e.shifted(), e.maxBorder(), e.brighter(), 100 * e.maxBrightness(), e.contrasted()));
  }

  private static String shapeProblem(AugmentationEffect e, String hint) {
    if (e.flipped() == 0 && e.shifted() == 0) {
      return PROBE + "장 중 뒤집히거나 이동(자르기)한 이미지가 하나도 없습니다.";
    }
    if (e.flipped() == 0) {
      return PROBE + "장 중 좌우로 뒤집힌 이미지가 하나도 없습니다: RandomHorizontalFlip이 빠졌습니다.";
    }
    if (e.shifted() == 0) {
      return PROBE + "장 중 이동(자르기)한 이미지가 하나도 없습니다: RandomCrop(32, padding=4)이 빠졌습니다.";
    }
    if (e.maxBorder() > 4) {
      return "이미지가 최대 " + e.maxBorder() + "픽셀까지 밀립니다. 강의의 RandomCrop은 padding=4 (최대 4픽셀)입니다.";
    }
    return null;
  }

  /**
   * Runs the augmentation on two probes: a left-to-right ramp (a flip reverses it, a crop brings
   * zero borders) and a two-valued checkerboard (crops and flips keep its values 0.3 and 0.7,
   * brightness scales both, contrast changes their ratio).
   */
  static AugmentationEffect effect(Augmentation answer) {
    int n = PROBE;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray ramp = manager.arange(32).toType(DataType.FLOAT32, false).div(31f).mul(0.7f).add(0.15f).reshape(1, 1, 1, 32);
      NDArray probe = ramp.broadcast(new Shape(n, 3, 32, 32)).duplicate();
      NDArray out = answer.apply(probe, new Random(1));
      if (!out.getShape().equals(probe.getShape())) {
        return new AugmentationEffect(0, 0, 0, 0, 0, 0, "모양이 " + out.getShape() + "로 바뀌었습니다. 증강은 배치 모양 (N, C, H, W)를 그대로 두어야 합니다.");
      }
      float min = out.min().getFloat();
      float max = out.max().getFloat();
      if (min < -1e-4f || max > 1 + 1e-4f) {
        return new AugmentationEffect(0, 0, 0, 0, 0, 0, String.format(Locale.ROOT,
            "값의 범위가 %.3g ~ %.3g 입니다. 정규화 전 0~1 범위를 지켜야 합니다: 정규화는 Batches가 증강 뒤에 합니다.", min, max));
      }
      float[] v = out.toFloatArray();
      int flipped = 0;
      int shifted = 0;
      int maxBorder = 0;
      for (int i = 0; i < n; i++) {
        double left = 0;
        double right = 0;
        int base = i * 3 * 1024;
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            if (x < 16) {
              left += v[base + y * 32 + x];
            } else {
              right += v[base + y * 32 + x];
            }
          }
        }
        flipped += left > right ? 1 : 0;
        int border = Math.max(Math.max(zeroColumns(v, base, true), zeroColumns(v, base, false)),
            Math.max(zeroRows(v, base, true), zeroRows(v, base, false)));
        shifted += border > 0 ? 1 : 0;
        maxBorder = Math.max(maxBorder, border);
      }
      // the checkerboard
      float[] cells = new float[1024];
      for (int j = 0; j < 1024; j++) {
        cells[j] = ((j / 32 + j % 32) % 2 == 0) ? 0.3f : 0.7f;
      }
      NDArray checker = manager.create(cells, new Shape(1, 1, 32, 32)).broadcast(new Shape(n, 3, 32, 32)).duplicate();
      float[] c = answer.apply(checker, new Random(2)).toFloatArray();
      int brighter = 0;
      int contrasted = 0;
      double maxBrightness = 0;
      for (int i = 0; i < n; i++) {
        // jitter maps the checkerboard's visible pixels affinely: out = α·x + β, with α = b·c and
        // β = m·(1 - c) (m: the grey mean contrast blends towards, b·μ); crops and flips keep x
        double hi = 0;
        for (int j = i * 3072; j < i * 3072 + 1024; j++) {
          hi = Math.max(hi, c[j]);
        }
        double lo = hi;
        for (int j = i * 3072; j < i * 3072 + 1024; j++) {
          if (c[j] > 0.15) {
            lo = Math.min(lo, c[j]);
          }
        }
        int nHi = 0;
        int nLo = 0;
        for (int j = i * 3072; j < i * 3072 + 1024; j++) {
          nHi += Math.abs(c[j] - hi) < 1e-4 ? 1 : 0;
          nLo += Math.abs(c[j] - lo) < 1e-4 ? 1 : 0;
        }
        if (hi <= lo) {
          continue;
        }
        double alpha = (hi - lo) / 0.4;
        double beta = hi - 0.7 * alpha;
        double mu = (0.7 * nHi + 0.3 * nLo) / 1024;
        double b = Math.abs(beta) < 1e-4 ? alpha : beta / mu + alpha;
        if (Math.abs(beta) >= 1e-4) {
          contrasted++;
        }
        if (Math.abs(b - 1) > 1e-2) {
          brighter++;
          maxBrightness = Math.max(maxBrightness, Math.abs(b - 1));
        }
      }
      return new AugmentationEffect(flipped, shifted, maxBorder, brighter, contrasted, maxBrightness, null);
    } catch (RuntimeException e) {
      return new AugmentationEffect(0, 0, 0, 0, 0, 0, "증강을 실행하다 오류가 났습니다: " + Answer.describe(e));
    }
  }

  private static int zeroColumns(float[] v, int base, boolean fromLeft) {
    int count = 0;
    for (int step = 0; step < 32; step++) {
      int x = fromLeft ? step : 31 - step;
      for (int y = 0; y < 32; y++) {
        if (v[base + y * 32 + x] != 0) {
          return count;
        }
      }
      count++;
    }
    return count;
  }

  private static int zeroRows(float[] v, int base, boolean fromTop) {
    int count = 0;
    for (int step = 0; step < 32; step++) {
      int y = fromTop ? step : 31 - step;
      for (int x = 0; x < 32; x++) {
        if (v[base + y * 32 + x] != 0) {
          return count;
        }
      }
      count++;
    }
    return count;
  }

  // ---- 연습 3: the Mixup criterion, three alphas ----

  /**
   * The lesson's {@code mixup_criterion} as a function of a batch and the model's output: {@code
   * lam·CE(out, y_a) + (1-lam)·CE(out, y_b)} for a mixed batch, {@code CE(out, y)} for an unmixed
   * one; checked on probe batches with random logits.
   */
  @SuppressWarnings("unchecked")
  public static void mixupCriterion(String name, String variable) {
    BiFunction<?, ?, ?> answer = Check.answer(name, variable, BiFunction.class, "BiFunction<Batch, NDArray, NDArray>",
        "(batch, output) -> lam·CE(output, y_a) + (1-lam)·CE(output, y_b)를 " + variable + "에 넣으세요.");
    if (answer != null) {
      mixupCriterionPassed(name, (BiFunction<Batch, NDArray, NDArray>) answer);
    }
  }

  /** {@link #mixupCriterion(String, String)} with the answer itself. */
  public static void mixupCriterion(String name, BiFunction<Batch, NDArray, NDArray> answer) {
    mixupCriterionPassed(name, answer);
  }

  static boolean mixupCriterionPassed(String name, BiFunction<Batch, NDArray, NDArray> answer) {
    if (answer == null) {
      return todo(name, "(batch, output) -> lam·CE(output, y_a) + (1-lam)·CE(output, y_b)를 만드세요.");
    }
    String hint = "float lam = (float) batch.lambda(); ce.evaluate(batch.labels(), new NDList(output)).mul(lam)"
        + ".add(ce.evaluate(new NDList(batch.partnerLabels()), new NDList(output)).mul(1 - lam))";
    Loss ce = Loss.softmaxCrossEntropyLoss();
    double lam = 0.3;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray logits = probeLogits(manager, 5, 2);
      NDArray y = manager.create(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5});
      NDArray partner = manager.create(new long[] {7, 3, 9, 0, 1, 8, 2, 5, 4, 6, 3, 2, 8, 7, 6, 0});
      double a = ce.evaluate(new NDList(y), new NDList(logits)).getFloat();
      double b = ce.evaluate(new NDList(partner), new NDList(logits)).getFloat();
      double expected = lam * a + (1 - lam) * b;
      double got;
      try (NDManager batchManager = manager.newSubManager()) {
        Batch mixed = new Batch(batchManager, manager.zeros(new Shape(16, 3, 32, 32)), y, partner, lam, new int[16]);
        NDArray out = answer.apply(mixed, logits);
        if (out == null) {
          return fail(name, "섞인 배치에 대해 null을 돌려줍니다.", hint);
        }
        if (out.size() != 1) {
          return fail(name, "손실의 모양이 " + out.getShape() + "입니다. 배치 평균 하나(스칼라)여야 합니다.", "교차 엔트로피는 배치 평균을 돌려줍니다: Loss.softmaxCrossEntropyLoss()를 쓰세요.");
        }
        if (out.getDataType() != DataType.FLOAT32) {
          return fail(name, "손실의 자료형이 " + out.getDataType() + "입니다. 모델의 출력과 같은 FLOAT32여야 학습 루프의 loss.getFloat()와 backward가 동작합니다.",
              "batch.lambda()는 double입니다: NDArray에 곱할 때 (float) batch.lambda()처럼 float로 바꾸세요.");
        }
        got = out.toType(DataType.FLOAT64, false).getDouble(new long[out.getShape().dimension()]);
      }
      if (!close(got, expected)) {
        String what = String.format(Locale.ROOT, "λ=%.1f인 섞인 배치에서 %s이(가) 나왔습니다. λ·CE(y_a) + (1-λ)·CE(y_b) = %s여야 합니다",
            lam, Numbers.human(got), Numbers.human(expected));
        if (close(got, (1 - lam) * a + lam * b)) {
          return fail(name, what + ": λ와 1-λ가 바뀌었습니다.", "batch.lambda()는 배치 자신의 레이블 y_a = batch.y()의 가중치입니다.");
        }
        if (close(got, a)) {
          return fail(name, what + ": 짝의 레이블(y_b)을 쓰지 않았습니다.", "batch.partnerLabels()가 y_b입니다. " + hint);
        }
        if (close(got, b)) {
          return fail(name, what + ": 자신의 레이블(y_a)을 쓰지 않았습니다.", "batch.y() (batch.labels())가 y_a입니다. " + hint);
        }
        if (close(got, a + b)) {
          return fail(name, what + ": 두 손실에 가중치 λ, 1-λ를 곱하지 않았습니다.", hint);
        }
        return fail(name, what + ".", hint);
      }
      double plain;
      try (NDManager batchManager = manager.newSubManager()) {
        Batch unmixed = new Batch(batchManager, manager.zeros(new Shape(16, 3, 32, 32)), y, new int[16]);
        NDArray out = answer.apply(unmixed, logits);
        if (out == null || out.size() != 1) {
          return fail(name, "섞이지 않은 배치에 대해 스칼라 손실을 돌려주지 않습니다.", "batch.isMixed()가 false면 보통의 CE(output, y)를 돌려주세요.");
        }
        plain = out.toType(DataType.FLOAT64, false).getDouble(new long[out.getShape().dimension()]);
      } catch (RuntimeException e) {
        return fail(name, "섞이지 않은 배치(batch.isMixed() == false, partnerLabels() == null)에서 오류가 났습니다: " + Answer.describe(e),
            "if (!batch.isMixed()) return ce.evaluate(batch.labels(), new NDList(output)); 처럼 보통의 CE를 돌려주세요.");
      }
      if (!close(plain, a)) {
        return fail(name, "섞이지 않은 배치에서 " + Numbers.human(plain) + "이(가) 나왔습니다. 보통의 CE(output, y) = " + Numbers.human(a) + "여야 합니다.",
            "batch.isMixed()가 false면 λ = 1이고 y_b가 없습니다: 보통의 CE를 돌려주세요.");
      }
      return pass(name, String.format(Locale.ROOT, "섞인 배치 (λ=%.1f): %s = %.1f·%s + %.1f·%s, 섞이지 않은 배치: CE = %s",
          lam, Numbers.human(got), lam, Numbers.human(a), 1 - lam, Numbers.human(b), Numbers.human(plain)));
    } catch (RuntimeException e) {
      return fail(name, "섞인 배치로 손실을 계산하다 오류가 났습니다: " + Answer.describe(e), hint);
    }
  }

  /** (16, 10) logits from a seeded Java generator (the engine's own seed is left alone). */
  private static NDArray probeLogits(NDManager manager, long seed, double scale) {
    Random random = new Random(seed);
    float[] values = new float[160];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (scale * random.nextGaussian());
    }
    return manager.create(values, new Shape(16, 10));
  }

  private static boolean close(double got, double expected) {
    return Math.abs(got - expected) <= 1e-4 * Math.max(1, Math.abs(expected));
  }

  /** Exactly the three alphas the lesson asks for: 0.2, 0.5 and 1.0, in any order. */
  public static void alphas(String name, String variable) {
    double[] answer = Check.answer(name, variable, double[].class, "double[]",
        "연습 3의 세 알파 값을 배열로 " + variable + "에 넣으세요.");
    if (answer != null) {
      alphasPassed(name, answer);
    }
  }

  /** {@link #alphas(String, String)} with the answer itself. */
  public static void alphas(String name, double[] answer) {
    alphasPassed(name, answer);
  }

  static boolean alphasPassed(String name, double[] answer) {
    if (answer == null) {
      return todo(name, "연습 3의 세 알파 값을 배열로 넣으세요.");
    }
    double[] sorted = answer.clone();
    Arrays.sort(sorted);
    String hint = "강의의 알파는 0.2, 0.5, 1.0입니다: new double[] {0.2, 0.5, 1.0}";
    if (sorted.length != 3) {
      return fail(name, "값이 " + sorted.length + "개입니다. 알파 세 개를 넣으세요.", hint);
    }
    double[] want = {0.2, 0.5, 1.0};
    for (int i = 0; i < 3; i++) {
      if (Math.abs(sorted[i] - want[i]) > 1e-9) {
        return fail(name, "알파 " + Numbers.human(sorted[i]) + "은(는) 연습 3의 값이 아닙니다.", hint);
      }
    }
    return pass(name, "알파 0.2, 0.5, 1.0");
  }

  // ---- 연습 4: freezing a ResNet-18 ----

  /**
   * Feature extraction: applied to a fresh, initialized {@code ProjectModels.resNet18(10)}, only
   * {@code fc}'s 5,130 parameters stay trainable.
   */
  @SuppressWarnings("unchecked")
  public static void freezeAllButFc(String name, String variable) {
    Consumer<?> answer = Check.answer(name, variable, Consumer.class, "Consumer<Block>",
        "model -> { ... }: fc를 뺀 모든 층을 고정하는 함수를 " + variable + "에 넣으세요.");
    if (answer != null) {
      freezeAllButFcPassed(name, (Consumer<Block>) answer);
    }
  }

  /** {@link #freezeAllButFc(String, String)} with the answer itself. */
  public static void freezeAllButFc(String name, Consumer<Block> answer) {
    freezeAllButFcPassed(name, answer);
  }

  static boolean freezeAllButFcPassed(String name, Consumer<Block> answer) {
    if (answer == null) {
      return todo(name, "fc를 뺀 모든 층을 고정하는 함수를 만드세요.");
    }
    String hint = "model.freezeParameters(true)로 전부 고정한 뒤 마지막 층(fc)만 fc.freezeParameters(false)로 푸세요."
        + " fc는 model.getChildren().values()의 마지막 블록입니다.";
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = initializedResNet18(manager);
      answer.accept(model);
      long trainable = Parameters.count(model);
      long fc = Parameters.count(fc(model));
      if (trainable == RESNET18_FC_PARAMETERS && fc == RESNET18_FC_PARAMETERS) {
        return pass(name, String.format("학습되는 파라미터 %,d개, 모두 fc (전체 %,d개 중)", trainable, RESNET18_PARAMETERS));
      }
      if (fc < RESNET18_FC_PARAMETERS) {
        return fail(name, String.format("fc의 파라미터가 %,d개만 학습됩니다 (%,d개여야 합니다): 새 분류기까지 고정했습니다.", fc, RESNET18_FC_PARAMETERS), hint);
      }
      if (trainable >= RESNET18_PARAMETERS) {
        return fail(name, String.format("학습되는 파라미터가 %,d개입니다: 아무 층도 고정되지 않았습니다.", trainable), hint);
      }
      return fail(name, String.format("학습되는 파라미터가 %,d개입니다: fc(%,d개) 말고도 %,d개가 학습됩니다.",
          trainable, RESNET18_FC_PARAMETERS, trainable - RESNET18_FC_PARAMETERS), hint);
    } catch (RuntimeException e) {
      return fail(name, "ResNet-18에 함수를 적용하다 오류가 났습니다: " + Answer.describe(e), hint);
    }
  }

  /**
   * Fine-tuning: applied to a ResNet-18 frozen but for {@code fc}, every weight is trainable again
   * (11,173,962) and BatchNorm's running statistics are not.
   */
  @SuppressWarnings("unchecked")
  public static void unfreezeAll(String name, String variable) {
    Consumer<?> answer = Check.answer(name, variable, Consumer.class, "Consumer<Block>",
        "model -> { ... }: 모든 층을 다시 학습되게 하는 함수를 " + variable + "에 넣으세요.");
    if (answer != null) {
      unfreezeAllPassed(name, (Consumer<Block>) answer);
    }
  }

  /** {@link #unfreezeAll(String, String)} with the answer itself. */
  public static void unfreezeAll(String name, Consumer<Block> answer) {
    unfreezeAllPassed(name, answer);
  }

  static boolean unfreezeAllPassed(String name, Consumer<Block> answer) {
    if (answer == null) {
      return todo(name, "모든 층을 다시 학습되게 하는 함수를 만드세요.");
    }
    String hint = "model.freezeParameters(false, p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)";
    try (NDManager manager = NDManager.newBaseManager()) {
      Block model = initializedResNet18(manager);
      model.freezeParameters(true);
      fc(model).freezeParameters(false);
      answer.accept(model);
      long trainable = Parameters.count(model);
      if (trainable == RESNET18_PARAMETERS) {
        return pass(name, String.format("학습되는 파라미터 %,d개 (전체), BatchNorm의 running mean/var는 학습하지 않음", trainable));
      }
      if (trainable > RESNET18_PARAMETERS) {
        return fail(name, String.format("학습되는 파라미터가 %,d개로 전체(%,d개)보다 %,d개 많습니다: BatchNorm의 running mean/var까지 옵티마이저에 넘어갑니다.",
            trainable, RESNET18_PARAMETERS, trainable - RESNET18_PARAMETERS),
            "그것들은 가중치가 아니라 통계입니다. DJL의 freezeParameters(false)는 그것까지 풉니다: " + hint);
      }
      return fail(name, String.format("학습되는 파라미터가 %,d개입니다. 모두 풀면 %,d개여야 합니다.", trainable, RESNET18_PARAMETERS), hint);
    } catch (RuntimeException e) {
      return fail(name, "ResNet-18에 함수를 적용하다 오류가 났습니다: " + Answer.describe(e), hint);
    }
  }

  private static Block initializedResNet18(NDManager manager) {
    Block model = ProjectModels.resNet18(10);
    model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
    return model;
  }

  private static Block fc(Block model) {
    List<Block> children = model.getChildren().values();
    return children.get(children.size() - 1);
  }

  // ---- 연습 5: everything combined ----

  /**
   * The combined run's training loader: the lesson's full augmentation (checked on probe batches
   * as {@link #fullAugmentation}), CIFAR-10 normalization, and a Mixup or CutMix mixing.
   */
  public static void combinedLoader(String name, String variable) {
    Batches answer = Check.answer(name, variable, Batches.class, "Batches",
        "전체 증강 + 정규화 + Mixup 또는 CutMix를 갖춘 학습 로더를 " + variable + "에 넣으세요.");
    if (answer != null) {
      combinedLoaderPassed(name, answer);
    }
  }

  /** {@link #combinedLoader(String, String)} with the answer itself. */
  public static void combinedLoader(String name, Batches answer) {
    combinedLoaderPassed(name, answer);
  }

  static boolean combinedLoaderPassed(String name, Batches answer) {
    if (answer == null) {
      return todo(name, "전체 증강 + 정규화 + Mixup 또는 CutMix를 갖춘 학습 로더를 만드세요.");
    }
    String hint = "trainData.batches(128).shuffle(Course.seed()).augment(Augmentations.projectPipeline(), Course.seed())"
        + ".normalize(Normalization.CIFAR10).mix(CutMix.of(1.0), Course.seed())";
    Object augmentation = Internals.field(answer, "augmentation");
    if (!(augmentation instanceof Augmentation aug)) {
      return fail(name, "로더에 증강이 없습니다.", ".augment(Augmentations.projectPipeline(), Course.seed())를 붙이세요. 예: " + hint);
    }
    AugmentationEffect e = effect(aug);
    String problem = e.problem() != null ? e.problem() : shapeProblem(e, hint);
    if (problem == null && (e.brighter() == 0 || e.contrasted() == 0)) {
      problem = "로더의 증강이 밝기·대비를 바꾸지 않습니다: ColorJitter가 빠졌습니다.";
    }
    if (problem != null) {
      return fail(name, "로더의 증강: " + problem, "전체 증강 Augmentations.projectPipeline()을 쓰세요. 예: " + hint);
    }
    Object normalization = Internals.field(answer, "normalization");
    if (!(normalization instanceof Normalization norm) || !Arrays.equals(norm.mean(), Normalization.CIFAR10.mean())
        || !Arrays.equals(norm.std(), Normalization.CIFAR10.std())) {
      return fail(name, "로더가 CIFAR-10 평균/표준편차로 정규화하지 않습니다.", ".normalize(Normalization.CIFAR10)을 붙이세요. 예: " + hint);
    }
    Mixing mixing = answer.mixing();
    if (mixing == null) {
      return fail(name, "로더가 배치를 섞지 않습니다 (Mixup/CutMix 없음).", ".mix(Mixup.of(0.2), Course.seed()) 또는 .mix(CutMix.of(1.0), Course.seed())를 붙이세요.");
    }
    return pass(name, String.format(Locale.ROOT, "전체 증강 (뒤집힘 %d장, 이동 %d장, 밝기·대비 변화), CIFAR-10 정규화, 믹싱 %s", e.flipped(), e.shifted(), mixing));
  }

  /** {@code CrossEntropyLoss(label_smoothing=0.1)}: checked on probe logits against the formula. */
  public static void labelSmoothing(String name, String variable) {
    Loss answer = Check.answer(name, variable, Loss.class, "Loss",
        "label smoothing 0.1의 교차 엔트로피를 " + variable + "에 넣으세요.");
    if (answer != null) {
      labelSmoothingPassed(name, answer);
    }
  }

  /** {@link #labelSmoothing(String, String)} with the answer itself. */
  public static void labelSmoothing(String name, Loss answer) {
    labelSmoothingPassed(name, answer);
  }

  static boolean labelSmoothingPassed(String name, Loss answer) {
    if (answer == null) {
      return todo(name, "label smoothing 0.1의 교차 엔트로피를 만드세요.");
    }
    String hint = "new LabelSmoothingLoss(0.1f)가 nn.CrossEntropyLoss(label_smoothing=0.1)입니다.";
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray logits = probeLogits(manager, 7, 3);
      NDArray y = manager.create(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 1, 4, 1, 5, 9});
      NDArray logProbs = logits.logSoftmax(1);
      double ce = logProbs.mul(y.oneHot(10, DataType.FLOAT32)).sum(new int[] {1}).neg().mean().getFloat();
      double uniform = logProbs.mean(new int[] {1}).neg().mean().getFloat();
      double expected = 0.9 * ce + 0.1 * uniform;
      NDArray out = answer.evaluate(new NDList(y), new NDList(logits));
      if (out.size() != 1) {
        return fail(name, "손실의 모양이 " + out.getShape() + "입니다. 배치 평균 하나(스칼라)여야 합니다.", hint);
      }
      double got = out.toType(DataType.FLOAT64, false).getDouble(new long[out.getShape().dimension()]);
      if (close(got, expected)) {
        return pass(name, "탐침 로짓에서 " + Numbers.human(got) + " = 0.9·CE(" + Numbers.human(ce) + ") + 0.1·(균등 분포의 CE " + Numbers.human(uniform) + ")");
      }
      double epsilon = (got - ce) / (uniform - ce);
      if (close(got, ce)) {
        return fail(name, "보통의 교차 엔트로피와 같습니다 (" + Numbers.human(got) + "): label smoothing이 없습니다.", hint);
      }
      if (epsilon > 0 && epsilon < 1) {
        return fail(name, String.format(Locale.ROOT, "손실 %s은(는) label smoothing ε≈%.2f의 값입니다. 연습 5는 ε = 0.1입니다 (기댓값 %s).",
            Numbers.human(got), epsilon, Numbers.human(expected)), hint);
      }
      return fail(name, "손실이 " + Numbers.human(got) + "입니다. label smoothing 0.1의 교차 엔트로피는 " + Numbers.human(expected) + "입니다.", hint);
    } catch (RuntimeException e) {
      return fail(name, "손실을 계산하다 오류가 났습니다: " + Answer.describe(e), hint);
    }
  }

  /**
   * Cosine annealing ({@code CosineAnnealingLR(T_max=epochs)}): from {@code startLr} at the first
   * update, never rising, about half way at the middle, and about 0 at the last update.
   */
  public static void cosineSchedule(String name, String variable, double startLr, int epochs, int batchesPerEpoch) {
    ParameterTracker answer = Check.answer(name, variable, ParameterTracker.class, "Tracker",
        startLr + "에서 0까지 줄어드는 코사인 스케줄을 " + variable + "에 넣으세요.");
    if (answer != null) {
      cosineSchedulePassed(name, answer, startLr, epochs, batchesPerEpoch);
    }
  }

  /** {@link #cosineSchedule(String, String, double, int, int)} with the answer itself. */
  public static void cosineSchedule(String name, ParameterTracker answer, double startLr, int epochs, int batchesPerEpoch) {
    cosineSchedulePassed(name, answer, startLr, epochs, batchesPerEpoch);
  }

  static boolean cosineSchedulePassed(String name, ParameterTracker answer, double startLr, int epochs, int batchesPerEpoch) {
    if (answer == null) {
      return todo(name, Numbers.human(startLr) + "에서 0까지 줄어드는 코사인 스케줄을 만드세요.");
    }
    String hint = "LearningRates.cosine(" + Numbers.human(startLr) + ", epochs, perEpoch)가 CosineAnnealingLR(T_max=epochs)입니다"
        + " (DJL의 스케줄은 업데이트(배치)마다 셉니다).";
    int total = epochs * batchesPerEpoch;
    try {
      double[] lr = new double[total + 1];
      for (int u = 1; u <= total; u++) {
        lr[u] = answer.getNewValue("", u);
        if (!Double.isFinite(lr[u])) {
          return fail(name, "업데이트 " + u + "의 학습률이 " + lr[u] + "입니다.", hint);
        }
      }
      if (Math.abs(lr[1] - startLr) > 0.05 * startLr) {
        return fail(name, "첫 학습률이 " + Numbers.human(lr[1]) + "입니다. " + Numbers.human(startLr) + "에서 시작해야 합니다.", hint);
      }
      for (int u = 2; u <= total; u++) {
        if (lr[u] > lr[u - 1] + 1e-9 * startLr) {
          return fail(name, "업데이트 " + u + "에서 학습률이 " + Numbers.human(lr[u - 1]) + " → " + Numbers.human(lr[u]) + "로 커집니다.",
              "코사인 어닐링은 줄어들기만 합니다 (재시작 없음). " + hint);
        }
      }
      // CosineAnnealingLR(T_max=epochs) stepped per epoch gives c(e) in epoch e; stepped per update
      // it falls from c(e) to c(e + 1) within it: either way every rate lies between the two
      double tol = 0.03 * startLr;
      for (int u = 1; u <= total; u++) {
        int e = (u - 1) / batchesPerEpoch;
        double upper = startLr * (1 + Math.cos(Math.PI * e / epochs)) / 2;
        double lower = startLr * (1 + Math.cos(Math.PI * (e + 1) / epochs)) / 2;
        if (lr[u] > upper + tol) {
          return fail(name, "에폭 " + (e + 1) + "에서 학습률이 " + Numbers.human(lr[u]) + "로 코사인 곡선(이 에폭 최대 " + Numbers.human(upper) + ")보다 큽니다.",
              "T_max를 전체 에폭 수(" + epochs + ")로 주세요: 마지막 에폭에 0 가까이 내려가야 합니다. " + hint);
        }
        if (lr[u] < lower - tol) {
          return fail(name, "에폭 " + (e + 1) + "에서 학습률이 " + Numbers.human(lr[u]) + "로 코사인 곡선(이 에폭 최소 " + Numbers.human(lower) + ")보다 작습니다.",
              "계단(StepLR)이나 지수 감소가 아니라 코사인으로, 전체 에폭에 걸쳐 줄이세요. " + hint);
        }
      }
      double middle = lr[Math.max(1, total / 2)];
      return pass(name, "학습률 " + Numbers.human(lr[1]) + " → " + Numbers.human(middle) + " (가운데) → " + Numbers.human(lr[total])
          + " (마지막), 에폭마다 CosineAnnealingLR(T_max=" + epochs + ")의 곡선 안");
    } catch (RuntimeException e) {
      return fail(name, "스케줄을 계산하다 오류가 났습니다: " + Answer.describe(e), hint);
    }
  }
}
