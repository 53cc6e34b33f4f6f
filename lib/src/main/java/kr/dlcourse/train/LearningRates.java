package kr.dlcourse.train;

import ai.djl.training.tracker.Tracker;
import kr.dlcourse.notebook.Numbers;
import kr.dlcourse.notebook.CourseException;

/**
 * Learning-rate schedules counted in epochs, like PyTorch's {@code StepLR} and {@code
 * CosineAnnealingLR} stepped once per epoch. DJL counts optimizer updates, so each schedule needs
 * the number of batches per epoch.
 *
 * <pre>{@code
 * Tracker lr = LearningRates.cosine(0.01, epochs, trainBatches.count());
 * Optimizer sgd = Optimizer.sgd().setLearningRateTracker(lr).optMomentum(0.9f).build();
 * }</pre>
 */
public final class LearningRates {

  private LearningRates() {}

  /** The same rate throughout. */
  public static Tracker constant(double lr) {
    return Tracker.fixed((float) lr);
  }

  /**
   * {@code StepLR(step_size, gamma)}: the rate is multiplied by {@code gamma} every {@code
   * stepEpochs} epochs.
   */
  public static Tracker step(double lr, int stepEpochs, double gamma, int batchesPerEpoch) {
    check(lr, batchesPerEpoch);
    if (stepEpochs < 1 || !(gamma > 0)) {
      throw CourseException.argument("step(lr, stepEpochs, gamma, batchesPerEpoch)의 stepEpochs는 1 이상, gamma는 0보다 커야 합니다 (받은 값: "
          + stepEpochs + ", " + Numbers.human(gamma) + "). 예: LearningRates.step(0.01, 3, 0.1, perEpoch)");
    }
    return update -> (float) (lr * Math.pow(gamma, epochOf(update, batchesPerEpoch) / stepEpochs));
  }

  /**
   * {@code CosineAnnealingLR(T_max=epochs, eta_min=0)}: from {@code lr} down to 0 along half a cosine
   * over {@code epochs}.
   */
  public static Tracker cosine(double lr, int epochs, int batchesPerEpoch) {
    check(lr, batchesPerEpoch);
    if (epochs < 1) {
      throw CourseException.argument("cosine(lr, epochs, batchesPerEpoch)의 epochs는 1 이상이어야 합니다 (받은 값: " + epochs
          + "). 예: LearningRates.cosine(0.01, epochs, perEpoch)");
    }
    return update -> {
      int epoch = Math.min(epochOf(update, batchesPerEpoch), epochs);
      return (float) (lr * (1 + Math.cos(Math.PI * epoch / epochs)) / 2);
    };
  }


  private static int epochOf(int update, int batchesPerEpoch) {
    // DJL numbers updates from 1; update k belongs to epoch (k - 1) / batchesPerEpoch (0-based)
    return Math.max(0, update - 1) / batchesPerEpoch;
  }

  private static void check(double lr, int batchesPerEpoch) {
    if (!(lr > 0) || batchesPerEpoch < 1) {
      throw CourseException.argument("학습률(lr)은 0보다 크고, 에폭당 배치 수(batchesPerEpoch)는 1 이상이어야 합니다 (받은 값: lr "
          + Numbers.human(lr) + ", batchesPerEpoch " + batchesPerEpoch + "). 에폭당 배치 수는 trainLoader.count()로 얻습니다.");
    }
  }
}
