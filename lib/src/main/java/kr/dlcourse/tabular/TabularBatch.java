package kr.dlcourse.tabular;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * One batch of rows: features {@code x} (B, F) float32 and labels {@code y}, owned by the batch's
 * own manager. {@code y} is (B) int64 class indices for {@link TabularData#of}, (B, 1) float32
 * 0/1 targets for {@link TabularData#binary}. Closing the batch frees both; a {@link
 * TabularBatches} loop closes each batch when it moves on to the next one.
 *
 * <pre>{@code
 * for (TabularBatch b : train.batches(16).shuffle(42)) {
 *   NDArray out = trainer.forward(b.data()).singletonOrThrow();
 *   NDArray loss = trainer.getLoss().evaluate(b.labels(), new NDList(out));
 * }
 * }</pre>
 */
public final class TabularBatch implements AutoCloseable {

  private final NDManager manager;
  private final NDArray x;
  private final NDArray y;
  private final int[] indices;

  TabularBatch(NDManager manager, NDArray x, NDArray y, int[] indices) {
    this.manager = manager;
    this.x = x;
    this.y = y;
    this.indices = indices;
  }

  /** Features, (B, F) float32. */
  public NDArray x() {
    return x;
  }

  /** Labels: (B) int64 class indices, or (B, 1) float32 0/1 targets for binary data. */
  public NDArray y() {
    return y;
  }

  /** The number of rows in this batch. */
  public int size() {
    return indices.length;
  }

  /** Which rows of the data this batch holds, in order. */
  public int[] indices() {
    return indices.clone();
  }

  /** The batch's manager: arrays computed from the batch can be attached to it. */
  public NDManager manager() {
    return manager;
  }

  /** {@code x} as DJL's list of inputs, for {@code trainer.forward(b.data())}. */
  public NDList data() {
    return new NDList(x);
  }

  /** {@code y} as DJL's list of labels, for {@code loss.evaluate(b.labels(), out)}. */
  public NDList labels() {
    return new NDList(y);
  }

  @Override
  public void close() {
    manager.close();
  }
}
