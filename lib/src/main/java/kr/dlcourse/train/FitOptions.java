package kr.dlcourse.train;

import ai.djl.training.tracker.Tracker;

/**
 * Options of {@link Training#fit}: a name for logs and charts, whether to end with the best
 * epoch's weights, and the learning-rate schedule to report per epoch.
 *
 * <pre>{@code FitOptions.named("CNN_V2 (SGD)").keepBest().learningRate(lr)}</pre>
 */
public final class FitOptions {
  private final String name;
  private final boolean keepBest;
  private final Tracker learningRate;

  private FitOptions(String name, boolean keepBest, Tracker learningRate) {
    this.name = name;
    this.keepBest = keepBest;
    this.learningRate = learningRate;
  }

  /** Options with this run name, last-epoch weights kept, no schedule reported. */
  public static FitOptions named(String name) {
    return new FitOptions(name, false, null);
  }

  /** End with the weights of the epoch with the best validation accuracy. */
  public FitOptions keepBest() {
    return new FitOptions(name, true, learningRate);
  }

  /** The schedule the optimizer uses, so that each epoch's learning rate is recorded. */
  public FitOptions learningRate(Tracker tracker) {
    return new FitOptions(name, keepBest, tracker);
  }

  public String name() {
    return name;
  }

  /** Whether {@link Training#fit} ends with the best epoch's weights. */
  public boolean keepsBest() {
    return keepBest;
  }

  public Tracker learningRate() {
    return learningRate;
  }
}
