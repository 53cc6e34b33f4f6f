package kr.dlcourse.tabular;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.BatchLoop;
import kr.dlcourse.nn.NativeArrays;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.StoppedException;

/**
 * Batches over {@link TabularData}, like PyTorch's {@code DataLoader(dataset, batch_size=16,
 * shuffle=True)}: each batch's rows are copied into one float32 array (B, F) and one label array.
 *
 * <pre>{@code
 * TabularBatches trainLoader = train.batches(16).shuffle(42);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *   for (Batch b : trainLoader) {   // a new order every epoch
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>A loop closes each batch when it takes the next, and the last one when it ends, so arrays
 * made from a batch (attached to {@link Batch#manager()}) are freed with it. Each batch has
 * a manager of its own. A stop request (■) ends a loop before its next batch with a {@link
 * StoppedException}. With {@code shuffle}, every new loop over the same {@code TabularBatches}
 * (every epoch) uses a new order, reproducible from the seed. The last batch is smaller when the
 * batch size does not divide the rows, unless {@link #dropLast()}.
 */
public final class TabularBatches implements Iterable<Batch> {

  private final TabularData data;
  private final Device device;
  private final int batchSize;
  private Long seed;
  private boolean dropLast;
  private int epoch;

  TabularBatches(TabularData data, Device device, int batchSize) {
    if (batchSize < 1) {
      throw CourseException.argument(
          "배치 크기(batchSize)는 1 이상이어야 합니다 (받은 값: " + batchSize + "). 예: train.batches(16)");
    }
    this.data = data;
    this.device = device;
    this.batchSize = batchSize;
  }

  /** Shuffles the rows anew for each loop (each epoch), from this seed ({@code shuffle=True}). */
  public TabularBatches shuffle(long seed) {
    this.seed = seed;
    return this;
  }

  /** Leaves out the last batch when it is smaller than the batch size ({@code drop_last=True}). */
  public TabularBatches dropLast() {
    this.dropLast = true;
    return this;
  }

  /** The number of batches in one loop ({@code len(loader)}). */
  public int count() {
    return dropLast ? data.size() / batchSize : (data.size() + batchSize - 1) / batchSize;
  }

  /** The batch size asked for (the last batch may be smaller). */
  public int batchSize() {
    return batchSize;
  }

  /** The data these batches come from. */
  public TabularData data() {
    return data;
  }

  /**
   * The first batch of a new loop ({@code next(iter(loader))}), to close when done: {@code try
   * (Batch b = loader.first()) { ... }}.
   */
  public Batch first() {
    if (count() == 0) {
      throw CourseException.argument(
          data.name()
              + "에서 배치를 하나도 만들 수 없습니다 (행 "
              + data.size()
              + "개, 배치 크기 "
              + batchSize
              + (dropLast ? ", dropLast" : "")
              + "). 배치 크기가 행 수보다 크지 않은지 확인하세요.");
    }
    return iterator().next();
  }

  @Override
  public Iterator<Batch> iterator() {
    int[] order;
    if (seed == null) {
      order = new int[data.size()];
      Arrays.setAll(order, i -> i);
    } else {
      order = Permutations.of(data.size(), new Random(seed + 1_000_003L * epoch++));
    }
    return new BatchLoop<>(data.name(), order, batchSize, count(), this::gather);
  }

  Batch gather(int[] indices) {
    int f = data.featureCount();
    float[] source = data.values();
    int[] labelArray = data.labelArray();
    float[] rows = new float[indices.length * f];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(source, indices[k] * f, rows, k * f, f);
    }
    NDManager batchManager = NDManager.newBaseManager(device);
    NDArray x = NativeArrays.float32(batchManager, rows, new Shape(indices.length, f));
    NDArray y;
    if (data.isBinary()) {
      float[] targets = new float[indices.length];
      for (int k = 0; k < indices.length; k++) {
        targets[k] = labelArray[indices[k]];
      }
      y = NativeArrays.float32(batchManager, targets, new Shape(indices.length, 1));
    } else {
      long[] labels = new long[indices.length];
      for (int k = 0; k < indices.length; k++) {
        labels[k] = labelArray[indices[k]];
      }
      y = NativeArrays.int64(batchManager, labels);
    }
    return new Batch(batchManager, x, y, indices);
  }
}
