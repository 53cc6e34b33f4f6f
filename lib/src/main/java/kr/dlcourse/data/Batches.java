package kr.dlcourse.data;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;
import kr.dlcourse.augment.Augmentation;
import kr.dlcourse.augment.Mixing;
import kr.dlcourse.nn.Layouts;
import kr.dlcourse.nn.NativeArrays;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.StoppedException;

/**
 * Batches over an {@link ImageDataset}, like a PyTorch {@code DataLoader}: each batch is gathered
 * from the byte array into one uint8 array, then converted and normalized with two whole-tensor
 * operations. No per-sample arrays, no per-pixel calls. Colour batches come in the channels-last
 * memory layout ({@link Layouts#channelsLast}), where the engine's convolutions are fastest.
 *
 * <pre>{@code
 * for (Batch b : train.batches(128).shuffle(42).normalize(Normalization.CIFAR10)) {
 *   NDArray x = b.x();   // (128, 3, 32, 32)
 * }
 * }</pre>
 *
 * <p>A loop closes each batch when it takes the next, and the last one when it ends, so arrays
 * made from a batch (attached to {@link Batch#manager()}) are freed with it. Each batch has a
 * manager of its own, so closing the manager the batches were made with (a cell rerun) does not
 * break them. A stop request (■) ends a loop before its next batch with a {@link
 * StoppedException}. With {@code shuffle}, every new loop over the same {@code Batches} (every
 * epoch) uses a new order, reproducible from the seed.
 */
public final class Batches implements Iterable<Batch> {

  private final ImageDataset data;
  private final Device device;
  private final int batchSize;
  private Long seed;
  private boolean dropLast;
  private Normalization normalization;
  private Augmentation augmentation;
  private Random augmentRandom;
  private Mixing mixing;
  private Random mixRandom;
  private int epoch;

  Batches(ImageDataset data, Device device, int batchSize) {
    if (batchSize < 1) {
      throw CourseException.argument(
          "배치 크기(batchSize)는 1 이상이어야 합니다 (받은 값: " + batchSize + "). 예: train.batches(128)");
    }
    this.data = data;
    this.device = device;
    this.batchSize = batchSize;
    this.normalization = Normalization.none(data.channels());
  }

  /** Shuffles the images anew for each loop (each epoch), from this seed. */
  public Batches shuffle(long seed) {
    this.seed = seed;
    return this;
  }

  /** Leaves out the last batch when it is smaller than the batch size ({@code drop_last=True}). */
  public Batches dropLast() {
    this.dropLast = true;
    return this;
  }

  /**
   * Normalizes images with these statistics; without it, pixel values are only scaled to [0, 1].
   */
  public Batches normalize(Normalization stats) {
    if (stats == null) {
      throw CourseException.argument(
          "normalize(...)에 넘긴 정규화가 null입니다. 예: normalize(Normalization.CIFAR10) 또는 normalize(train.statistics(1000))");
    }
    if (stats.channels() != data.channels()) {
      throw CourseException.argument(
          data.name()
              + "의 이미지는 채널이 "
              + data.channels()
              + "개인데 정규화(Normalization)는 채널 "
              + stats.channels()
              + "개용입니다. 이 데이터의 통계를 쓰세요. 예: normalize("
              + (data.channels() == 3 ? "Normalization.CIFAR10" : "train.statistics(1000)")
              + ")");
    }
    this.normalization = stats;
    return this;
  }

  /**
   * Augments every training batch with whole-batch operations, after scaling to [0, 1] and before
   * normalization (where torchvision's transforms sit). Draws come from a generator seeded with
   * {@code seed}: a new draw for every batch and epoch, the same sequence on every rerun.
   *
   * <pre>{@code train.batches(128).shuffle(42).augment(Augmentations.lessonPipeline(), 42)}</pre>
   */
  public Batches augment(Augmentation steps, long seed) {
    if (steps == null) {
      throw CourseException.argument(
          "augment(...)에 넘긴 증강이 null입니다. 예: augment(Augmentations.lessonPipeline(), 42)");
    }
    this.augmentation = steps;
    this.augmentRandom = new Random(seed);
    return this;
  }

  /**
   * Mixes every training batch after normalization, as lesson 39's loop calls {@code mixup_data} or
   * {@code cutmix_data} on each batch: {@code Training.fit} then computes the loss as {@code
   * lam·loss(y_a) + (1-lam)·loss(y_b)} and counts a prediction right with the same weights. Draws
   * come from a generator seeded with {@code seed}.
   *
   * <pre>{@code train.batches(128).shuffle(42).normalize(Normalization.CIFAR10).mix(Mixup.of(0.2), 42)}</pre>
   */
  public Batches mix(Mixing mixing, long seed) {
    if (mixing == null) {
      throw CourseException.argument(
          "mix(...)에 넘긴 믹싱이 null입니다. 예: mix(Mixup.of(0.2), 42) 또는 mix(CutMix.of(1.0), 42)");
    }
    this.mixing = mixing;
    this.mixRandom = new Random(seed);
    return this;
  }

  /** The mixing of {@link #mix}, or null. */
  public Mixing mixing() {
    return mixing;
  }

  /** The number of batches in one loop. */
  public int count() {
    return dropLast ? data.size() / batchSize : (data.size() + batchSize - 1) / batchSize;
  }

  /** The dataset these batches come from. */
  public ImageDataset dataset() {
    return data;
  }

  /**
   * The first batch of a new loop ({@code next(iter(loader))}), to close when done:
   * {@code try (Batch b = testLoader.first()) { ... }}.
   */
  public Batch first() {
    if (count() == 0) {
      throw CourseException.argument(
          data.name()
              + "에서 배치를 하나도 만들 수 없습니다 (이미지 "
              + data.size()
              + "장, 배치 크기 "
              + batchSize
              + (dropLast ? ", dropLast" : "")
              + "). 데이터셋이 비어 있지 않은지, 배치 크기가 이미지 수보다 크지 않은지 확인하세요.");
    }
    return iterator().next();
  }

  @Override
  public Iterator<Batch> iterator() {
    int[] order = new int[data.size()];
    if (seed == null) {
      Arrays.setAll(order, i -> i);
    } else {
      order = ImageDataset.permutation(data.size(), seed + 1_000_003L * epoch++);
    }
    return new BatchLoop<>(data.name(), order, batchSize, count(), this::gather);
  }

  Batch gather(int[] indices) {
    int n = data.sampleBytes();
    byte[] source = data.sharedPixels();
    int[] labelArray = data.labelArray();
    ByteBuffer bytes = NativeArrays.direct(indices.length * n);
    long[] labels = new long[indices.length];
    for (int k = 0; k < indices.length; k++) {
      bytes.put(source, data.offset(indices[k]), n);
      labels[k] = labelArray[indices[k]];
    }
    bytes.flip();
    NDManager batchManager = NDManager.newBaseManager(device);
    Shape shape = new Shape(indices.length, data.channels(), data.height(), data.width());
    // (v / 255 - mean) / std  ==  v * scale - shift, per channel
    float[] mean = normalization.mean();
    float[] std = normalization.std();
    float[] scale = new float[mean.length];
    float[] shift = new float[mean.length];
    for (int c = 0; c < mean.length; c++) {
      scale[c] = 1f / ((augmentation == null ? 255f : 1f) * std[c]);
      shift[c] = mean[c] / std[c];
    }
    Shape perChannel = new Shape(1, mean.length, 1, 1);
    NDArray pixels = NativeArrays.fromBytes(batchManager, bytes, shape, DataType.FLOAT32);
    if (augmentation != null) {
      pixels = augmentation.apply(pixels.div(255f), augmentRandom);
    }
    NDArray normalized =
        pixels
            .mul(NativeArrays.float32(batchManager, scale, perChannel))
            .sub(NativeArrays.float32(batchManager, shift, perChannel));
    NDArray y = NativeArrays.int64(batchManager, labels);
    NDArray partners = null;
    double lambda = 1;
    if (mixing != null) {
      Mixing.Mixed mixed = mixing.apply(normalized, y, mixRandom);
      if (mixed.x() != normalized) {
        normalized.close();
      }
      normalized = mixed.x();
      partners = mixed.partnerLabels();
      lambda = mixed.lambda();
    }
    NDArray x = Layouts.channelsLast(normalized);
    if (x != normalized) {
      normalized.close();
    }
    return new Batch(batchManager, x, y, partners, lambda, indices);
  }
}
