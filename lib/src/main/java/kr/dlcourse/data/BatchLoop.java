package kr.dlcourse.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import kr.dlcourse.notebook.StoppedException;

/**
 * One loop over batches, shared by image {@link Batches} and tabular batches: takes the samples in
 * {@code order}, {@code batchSize} at a time, closes each batch when the loop takes the next (and
 * the last when it ends), and stops before a batch with a {@link StoppedException} when the ■ button
 * was pressed.
 *
 * @param <B> the batch type, which owns its arrays
 */
public final class BatchLoop<B extends AutoCloseable> implements Iterator<B> {

  private final String name;
  private final int[] order;
  private final int batchSize;
  private final int batches;
  private final Function<int[], B> gather;
  private int next;
  private B open;

  /**
   * @param name the data's name, for the stop message
   * @param order the sample indices in the order of this loop
   * @param batchSize samples per batch
   * @param batches how many batches this loop gives (the last may be partial)
   * @param gather makes the batch of the given sample indices
   */
  public BatchLoop(String name, int[] order, int batchSize, int batches, Function<int[], B> gather) {
    this.name = name;
    this.order = order;
    this.batchSize = batchSize;
    this.batches = batches;
    this.gather = gather;
  }

  @Override
  public boolean hasNext() {
    if (next < batches) {
      return true;
    }
    closeOpen();
    return false;
  }

  @Override
  public B next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    closeOpen();
    StoppedException.check(() -> String.format("%s의 배치 %d/%d를 읽기 전에 멈췄습니다.", name, next + 1, batches));
    int from = next * batchSize;
    int[] indices = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
    next++;
    open = gather.apply(indices);
    return open;
  }

  private void closeOpen() {
    if (open != null) {
      try {
        open.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        open = null;
      }
    }
  }
}
