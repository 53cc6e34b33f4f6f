package kr.dlcourse.train;

import ai.djl.training.tracker.Tracker;

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
      throw new IllegalArgumentException("stepEpochs must be 1 or more and gamma positive, got " + stepEpochs + ", " + gamma);
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
      throw new IllegalArgumentException("epochs must be 1 or more, got " + epochs);
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
      throw new IllegalArgumentException(
          "lr must be positive and batchesPerEpoch 1 or more, got " + lr + ", " + batchesPerEpoch);
    }
  }
}
