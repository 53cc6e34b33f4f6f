package kr.dlcourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * One batch: inputs {@code x} and labels {@code y}, owned by the batch's own manager. Closing the
 * batch frees both; a loop ({@link Batches}, {@code TabularBatches}) closes each batch when it moves
 * on to the next one. Images come as (B, C, H, W) float32 with (B) int64 labels; table rows as (B,
 * F) float32 with (B) int64 class indices, or (B, 1) float32 targets for binary data.
 */
public final class Batch implements AutoCloseable {

  private final NDManager manager;
  private final NDArray x;
  private final NDArray y;
  private final int[] indices;
  private final NDArray partnerLabels;
  private final double lambda;

  /**
   * @param manager owns {@code x} and {@code y}; closed with the batch
   * @param indices which samples of the data the batch holds, in order
   */
  public Batch(NDManager manager, NDArray x, NDArray y, int[] indices) {
    this(manager, x, y, null, 1, indices);
  }

  /**
   * A mixed batch (Mixup, CutMix): {@code x} mixes each image with a partner of the same batch;
   * the loss is {@code lambda·loss(y) + (1-lambda)·loss(partnerLabels)}.
   *
   * @param partnerLabels the partners' labels {@code y[index]}, or null for an unmixed batch
   * @param lambda the weight of {@code y}, in [0, 1]
   */
  public Batch(NDManager manager, NDArray x, NDArray y, NDArray partnerLabels, double lambda, int[] indices) {
    this.manager = manager;
    this.x = x;
    this.y = y;
    this.partnerLabels = partnerLabels;
    this.lambda = lambda;
    this.indices = indices;
  }

  /** Whether the images were mixed with partners (Mixup, CutMix): then the loss has two terms. */
  public boolean isMixed() {
    return partnerLabels != null;
  }

  /** The partners' labels {@code y_b = y[index]} of a mixed batch; null when not mixed. */
  public NDArray partnerLabels() {
    return partnerLabels;
  }

  /** The weight {@code lam} of the batch's own labels {@code y_a = y}: 1 when not mixed. */
  public double lambda() {
    return lambda;
  }

  /** Inputs: images (B, C, H, W) float32, normalized as the {@link Batches} asked, or table rows (B, F). */
  public NDArray x() {
    return x;
  }

  /** Labels: (B) int64 class indices, or (B, 1) float32 0/1 targets for binary table data. */
  public NDArray y() {
    return y;
  }

  /** The number of samples in this batch. */
  public int size() {
    return indices.length;
  }

  /** Which samples of the data this batch holds, in order. */
  public int[] indices() {
    return indices.clone();
  }

  /** The batch's manager: arrays computed from the batch can be attached to it. */
  public NDManager manager() {
    return manager;
  }

  /** {@code x} and {@code y} as DJL's usual pair of lists (data, labels). */
  public NDList data() {
    return new NDList(x);
  }

  public NDList labels() {
    return new NDList(y);
  }

  @Override
  public void close() {
    manager.close();
  }
}
