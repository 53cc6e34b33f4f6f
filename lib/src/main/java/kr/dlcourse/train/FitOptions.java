package kr.dlcourse.train;

import ai.djl.training.tracker.Tracker;
import kr.dlcourse.notebook.CourseException;

/**
 * Options of {@link Training#fit}: a name for logs and charts, which weights to end with (the last
 * epoch's, the best validation accuracy's, or early stopping's best validation loss), the
 * learning-rate schedule to report per epoch, and an optional log line every n batches.
 *
 * <pre>{@code
 * FitOptions.named("CNN_V2 (SGD)").keepBest().learningRate(lr)
 * FitOptions.named("ConvNet").earlyStopping(5)   // the cats-vs-dogs lesson: stop on validation loss
 * }</pre>
 */
public final class FitOptions {
  private final String name;
  private final boolean keepBest;
  private final Tracker learningRate;
  private final int logEvery;
  private final int patience;
  private final boolean testLog;

  private FitOptions(String name, boolean keepBest, Tracker learningRate, int logEvery, int patience) {
    this(name, keepBest, learningRate, logEvery, patience, false);
  }

  private FitOptions(String name, boolean keepBest, Tracker learningRate, int logEvery, int patience, boolean testLog) {
    this.name = name;
    this.keepBest = keepBest;
    this.learningRate = learningRate;
    this.logEvery = logEvery;
    this.patience = patience;
    this.testLog = testLog;
  }

  /** Options with this run name, last-epoch weights kept, no schedule reported. */
  public static FitOptions named(String name) {
    return new FitOptions(name, false, null, 0, 0);
  }

  /**
   * Log as lesson 39 does, where the held-out data is the test set: {@code Epoch 3: Train
   * Acc=61.20%, Test Acc=64.05%} after each epoch and, with {@link #keepBest()}, {@code 최고 테스트
   * 정확도: 64.05%} at the end.
   *
   * <pre>{@code FitOptions.named("CIFAR10CNN").keepBest().logTestAccuracy()}</pre>
   */
  public FitOptions logTestAccuracy() {
    return new FitOptions(name, keepBest, learningRate, logEvery, patience, true);
  }

  /** Whether epochs are logged as lesson 39 logs them ({@link #logTestAccuracy()}). */
  public boolean logsTestAccuracy() {
    return testLog;
  }

  /** End with the weights of the epoch with the best validation accuracy. */
  public FitOptions keepBest() {
    if (patience > 0) {
      throw both();
    }
    return new FitOptions(name, true, learningRate, logEvery, patience, testLog);
  }

  /**
   * Stop when the validation loss has not improved (gone below its lowest so far) for {@code
   * patience} epochs in a row, and end with the weights of the epoch with the lowest validation
   * loss, like Keras's {@code EarlyStopping(monitor="val_loss", patience=..., restore_best_weights=True)}
   * with the lesson's best checkpoint. When it stops, {@link Training#fit} prints one line (검증
   * 손실이 N 에폭 동안 나아지지 않아 에폭 E에서 멈춥니다. 가장 좋았던 에폭 B의 가중치로 돌려놓습니다.), and the
   * history holds only the epochs that ran. It needs validation batches. It decides on the weights
   * itself, so it does not go with {@link #keepBest()} (best validation accuracy).
   *
   * <pre>{@code
   * History h = Training.fit(trainer, train, val, 30, FitOptions.named("ConvNet").earlyStopping(5));
   * }</pre>
   *
   * @param patience epochs without improvement before stopping, 1 or more
   */
  public FitOptions earlyStopping(int patience) {
    if (patience < 1) {
      throw CourseException.argument(
          "earlyStopping(patience)의 patience는 1 이상의 에폭 수여야 합니다 (받은 값: "
              + patience
              + "). 검증 손실이 이만큼의 에폭 동안 나아지지 않으면 멈춥니다. 예: FitOptions.named(\"ConvNet\").earlyStopping(5)");
    }
    if (keepBest) {
      throw both();
    }
    return new FitOptions(name, keepBest, learningRate, logEvery, patience, testLog);
  }

  private static CourseException both() {
    return CourseException.argument(
        "keepBest()와 earlyStopping(n)은 함께 쓸 수 없습니다: keepBest()는 검증 정확도가 가장 높은 에폭의 가중치를,"
            + " earlyStopping(n)은 검증 손실이 가장 낮은 에폭의 가중치를 남깁니다. 둘 중 하나만 쓰세요."
            + " 예: FitOptions.named(\"ConvNet\").earlyStopping(5)");
  }

  /** The schedule the optimizer uses, so that each epoch's learning rate is recorded. */
  public FitOptions learningRate(Tracker tracker) {
    return new FitOptions(name, keepBest, tracker, logEvery, patience, testLog);
  }

  /**
   * Also print the MNIST tutorial's line every {@code batches} batches: {@code Epoch [1/3], Batch
   * [100/469]  Loss: 0.4321, Train Acc: 87.65%} (running means over the epoch so far).
   */
  public FitOptions logEvery(int batches) {
    if (batches < 1) {
      throw CourseException.argument("logEvery(n)의 n은 1 이상의 배치 수여야 합니다 (받은 값: " + batches + "). 예: FitOptions.named(\"MLP\").logEvery(100)");
    }
    return new FitOptions(name, keepBest, learningRate, batches, patience, testLog);
  }

  public String name() {
    return name;
  }

  /** Whether {@link Training#fit} ends with the best epoch's weights (by validation accuracy). */
  public boolean keepsBest() {
    return keepBest;
  }

  /** Whether {@link Training#fit} stops early on the validation loss ({@link #earlyStopping(int)}). */
  public boolean stopsEarly() {
    return patience > 0;
  }

  /** Epochs without a lower validation loss before {@link Training#fit} stops; 0 when it does not stop early. */
  public int patience() {
    return patience;
  }

  public Tracker learningRate() {
    return learningRate;
  }

  /** Batches between log lines; 0 for none. */
  public int logEvery() {
    return logEvery;
  }
}
