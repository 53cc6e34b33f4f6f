package kr.dlcourse.train;

/**
 * One epoch of training: average loss and accuracy on the training batches (as the lesson's {@code
 * train_epoch} returns them) and on the validation batches ({@code eval_epoch}).
 *
 * @param epoch 1, 2, ...
 * @param trainLoss mean loss per training image
 * @param trainAccuracy fraction of training images predicted right, 0-1
 * @param valLoss mean loss per validation image
 * @param valAccuracy fraction of validation images predicted right, 0-1
 * @param learningRate the learning rate used in this epoch (NaN when no schedule was given)
 * @param seconds wall time of the epoch (training and validation)
 */
public record EpochResult(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double valLoss,
    double valAccuracy,
    double learningRate,
    double seconds) {

  /** The lesson's log line: {@code [Ep 1/5] train=0.412/1.623  val=0.470/1.480}. */
  public String logLine(int epochs) {
    return String.format(
        java.util.Locale.ROOT,
        "[Ep %d/%d] train=%.3f/%.3f  val=%.3f/%.3f  (%.1f s)",
        epoch, epochs, trainAccuracy, trainLoss, valAccuracy, valLoss, seconds);
  }
}
