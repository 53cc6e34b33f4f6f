package kr.dlcourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * One batch: images {@code x} (B, C, H, W) float32 and labels {@code y} (B) int64, owned by the
 * batch's own manager. Closing the batch frees both; a {@link Batches} loop closes each batch when
 * it moves on to the next one.
 */
public final class Batch implements AutoCloseable {

  private final NDManager manager;
  private final NDArray x;
  private final NDArray y;
  private final int[] indices;

  Batch(NDManager manager, NDArray x, NDArray y, int[] indices) {
    this.manager = manager;
    this.x = x;
    this.y = y;
    this.indices = indices;
  }

  /** Images, (B, C, H, W) float32, normalized as the {@link Batches} asked. */
  public NDArray x() {
    return x;
  }

  /** Labels, (B) int64. */
  public NDArray y() {
    return y;
  }

  /** The number of images in this batch. */
  public int size() {
    return indices.length;
  }

  /** Which images of the dataset this batch holds, in order. */
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
