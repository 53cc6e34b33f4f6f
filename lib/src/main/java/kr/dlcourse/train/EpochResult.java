package kr.dlcourse.train;

/**
 * One epoch of training: average loss and accuracy on the training batches (as the lesson's {@code
 * train_epoch} returns them) and on the validation batches ({@code eval_epoch}).
 *
 * @param epoch 1, 2, ...
 * @param trainLoss mean loss per training image
 * @param trainAccuracy fraction of training images predicted right, 0-1
 * @param valLoss mean loss per validation image (NaN when trained without validation)
 * @param valAccuracy fraction of validation images predicted right, 0-1 (NaN without validation)
 * @param learningRate the learning rate used in this epoch (NaN when no schedule was given)
 * @param seconds wall time of the training pass (validation not included), as lesson 3편 times it
 */
public record EpochResult(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double valLoss,
    double valAccuracy,
    double learningRate,
    double seconds) {

  /**
   * The lesson's log line, accuracy/loss: {@code [Ep 1/5] train=0.412/1.623  val=0.470/1.480  (9.8
   * s)}, without the {@code val} part when there was no validation.
   */
  public String logLine(int epochs) {
    String val = Double.isNaN(valAccuracy) ? "" : String.format(java.util.Locale.ROOT, "  val=%.3f/%.3f", valAccuracy, valLoss);
    return String.format(
        java.util.Locale.ROOT, "[Ep %d/%d] train=%.3f/%.3f%s  (%.1f s)", epoch, epochs, trainAccuracy, trainLoss, val, seconds);
  }

  /**
   * Lesson 39's log line, where the held-out data is the test set: {@code Epoch 3: Train Acc=61.20%,
   * Test Acc=64.05%}.
   */
  public String testLogLine() {
    return String.format(
        java.util.Locale.ROOT, "Epoch %d: Train Acc=%.2f%%, Test Acc=%.2f%%", epoch, 100 * trainAccuracy, 100 * valAccuracy);
  }
}
