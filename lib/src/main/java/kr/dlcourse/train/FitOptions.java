package kr.dlcourse.train;

import ai.djl.training.tracker.Tracker;

/**
 * Options of {@link Training#fit}: a name for logs and charts, whether to end with the best
 * epoch's weights, the learning-rate schedule to report per epoch, and an optional log line every
 * n batches.
 *
 * <pre>{@code FitOptions.named("CNN_V2 (SGD)").keepBest().learningRate(lr)}</pre>
 */
public final class FitOptions {
  private final String name;
  private final boolean keepBest;
  private final Tracker learningRate;
  private final int logEvery;

  private FitOptions(String name, boolean keepBest, Tracker learningRate, int logEvery) {
    this.name = name;
    this.keepBest = keepBest;
    this.learningRate = learningRate;
    this.logEvery = logEvery;
  }

  /** Options with this run name, last-epoch weights kept, no schedule reported. */
  public static FitOptions named(String name) {
    return new FitOptions(name, false, null, 0);
  }

  /** End with the weights of the epoch with the best validation accuracy. */
  public FitOptions keepBest() {
    return new FitOptions(name, true, learningRate, logEvery);
  }

  /** The schedule the optimizer uses, so that each epoch's learning rate is recorded. */
  public FitOptions learningRate(Tracker tracker) {
    return new FitOptions(name, keepBest, tracker, logEvery);
  }

  /**
   * Also print the MNIST tutorial's line every {@code batches} batches: {@code Epoch [1/3], Batch
   * [100/469]  Loss: 0.4321, Train Acc: 87.65%} (running means over the epoch so far).
   */
  public FitOptions logEvery(int batches) {
    if (batches < 1) {
      throw kr.dlcourse.notebook.CourseException.argument("logEvery(n)의 n은 1 이상의 배치 수여야 합니다 (받은 값: " + batches + "). 예: FitOptions.named(\"MLP\").logEvery(100)");
    }
    return new FitOptions(name, keepBest, learningRate, batches);
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

  /** Batches between log lines; 0 for none. */
  public int logEvery() {
    return logEvery;
  }
}
