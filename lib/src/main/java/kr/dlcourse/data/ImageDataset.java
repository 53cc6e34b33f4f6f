package kr.dlcourse.data;

import ai.djl.engine.Engine;
import kr.dlcourse.notebook.Numbers;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A labelled image set held as one byte array (N × C × H × W, values 0-255) with its labels and
 * class names: the Java counterpart of a torchvision dataset, without per-sample objects.
 *
 * <pre>{@code
 * ImageDataset train = Cifar10.train();
 * ImageDataset.Split parts = train.split(0.2, 42);      // random_split 80/20
 * for (Batch b : parts.train().batches(128).shuffle(42).normalize(Normalization.CIFAR10)) {
 *   ... b.x() (128, 3, 32, 32) float32, b.y() (128) int64
 * }
 * }</pre>
 *
 * <p>Instances are immutable; {@code subset}, {@code split} and friends return new sets that share
 * the images' bytes with this one (as PyTorch's {@code Subset} shares its dataset): splitting
 * CIFAR-10 costs its labels, not another 150 MB.
 */
public final class ImageDataset {

  /** Two parts of a dataset: {@code train} and {@code validation}. */
  public record Split(ImageDataset train, ImageDataset validation) {}

  private final String name;
  private final byte[] pixels;
  /** Which image of {@code pixels} each image of this set is, or null: image i is image i. */
  private final int[] rows;
  private final int[] labels;
  private final int channels;
  private final int height;
  private final int width;
  private final List<String> classNames;
  private final List<String> koreanNames;

  private ImageDataset(
      String name,
      byte[] pixels,
      int[] rows,
      int[] labels,
      int channels,
      int height,
      int width,
      List<String> classNames,
      List<String> koreanNames) {
    this.name = name;
    this.pixels = pixels;
    this.rows = rows;
    this.labels = labels;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.classNames = List.copyOf(classNames);
    this.koreanNames = List.copyOf(koreanNames);
  }

  /**
   * Wraps pixels and labels (not copied: do not change the arrays afterwards).
   *
   * @param name shown in outputs, e.g. "CIFAR-10 train"
   * @param pixels N × C × H × W bytes, image after image, channel after channel (CHW)
   * @param labels N class indices in [0, classNames.size())
   * @param imageShape (C, H, W)
   * @param classNames class names, index = label
   * @param koreanNames Korean display names, same order (or {@code classNames} again)
   */
  public static ImageDataset of(
      String name,
      byte[] pixels,
      int[] labels,
      Shape imageShape,
      List<String> classNames,
      List<String> koreanNames) {
    if (imageShape.dimension() != 3) {
      throw CourseException.shape(
          "imageShape는 이미지 한 장의 모양 (C, H, W)여야 합니다 (받은 모양: "
              + imageShape
              + "). 예: new Shape(3, 32, 32)");
    }
    int c = (int) imageShape.get(0);
    int h = (int) imageShape.get(1);
    int w = (int) imageShape.get(2);
    if ((long) labels.length * c * h * w != pixels.length) {
      throw CourseException.shape(
          "레이블 "
              + labels.length
              + "개에 "
              + imageShape
              + " 이미지라면 픽셀이 "
              + String.format("%,d", (long) labels.length * c * h * w)
              + "바이트여야 하는데 "
              + String.format("%,d", pixels.length)
              + "바이트를 받았습니다. 레이블 수와 imageShape (C, H, W)를 확인하세요.");
    }
    if (koreanNames.size() != classNames.size()) {
      throw CourseException.argument(
          "클래스 이름은 "
              + classNames.size()
              + "개인데 한국어 이름은 "
              + koreanNames.size()
              + "개입니다 ("
              + koreanNames
              + "). 클래스마다 한국어 이름을 하나씩, 같은 순서로 주세요 (없으면 classNames를 한 번 더 넘기세요).");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw CourseException.argument(
            i
                + "번 샘플의 레이블 "
                + labels[i]
                + "은(는) 클래스 번호가 아닙니다: 클래스가 "
                + classNames.size()
                + "개이므로 0~"
                + (classNames.size() - 1)
                + "이어야 합니다 ("
                + classNames
                + ").");
      }
    }
    return new ImageDataset(name, pixels, null, labels, c, h, w, classNames, koreanNames);
  }

  public String name() {
    return name;
  }

  /** The number of images. */
  public int size() {
    return labels.length;
  }

  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** One image's shape, (C, H, W). */
  public Shape imageShape() {
    return new Shape(channels, height, width);
  }

  /** Class names, index = label (e.g. "airplane", "automobile", ...). */
  public List<String> classNames() {
    return classNames;
  }

  /** Korean display names, index = label (e.g. "비행기", "자동차", ...). */
  public List<String> koreanNames() {
    return koreanNames;
  }

  public int numClasses() {
    return classNames.size();
  }

  /** The label of image {@code i}. */
  public int label(int i) {
    return labels[checkIndex(i)];
  }

  /** All labels (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  int sampleBytes() {
    return channels * height * width;
  }

  /** All images' bytes, image after image (a compact copy if this set is part of another). */
  byte[] pixelArray() {
    if (rows == null) {
      return pixels;
    }
    int n = sampleBytes();
    byte[] out = new byte[size() * n];
    for (int i = 0; i < size(); i++) {
      System.arraycopy(pixels, offset(i), out, i * n, n);
    }
    return out;
  }

  /** The bytes that image {@code i}'s bytes start at in {@link #sharedPixels()}. */
  int offset(int i) {
    return (rows == null ? i : rows[i]) * sampleBytes();
  }

  /** The array that holds this set's images, with others' perhaps: read it at {@link #offset}. */
  byte[] sharedPixels() {
    return pixels;
  }

  int[] labelArray() {
    return labels;
  }

  /** Image {@code i}'s raw bytes (C × H × W, a copy). */
  public byte[] pixels(int i) {
    checkIndex(i);
    return Arrays.copyOfRange(pixels, offset(i), offset(i) + sampleBytes());
  }

  /** Image {@code i} as a picture, as stored (no normalization). */
  public BufferedImage image(int i) {
    checkIndex(i);
    int plane = height * width;
    int base = offset(i);
    int[] rgb = new int[plane];
    for (int p = 0; p < plane; p++) {
      int r = pixels[base + p] & 0xff;
      int g = channels == 3 ? pixels[base + plane + p] & 0xff : r;
      int b = channels == 3 ? pixels[base + 2 * plane + p] & 0xff : r;
      rgb[p] = (r << 16) | (g << 8) | b;
    }
    BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    picture.setRGB(0, 0, width, height, rgb, 0, width);
    return picture;
  }

  /** Several images as pictures, in the given order. */
  public List<BufferedImage> images(int... indices) {
    List<BufferedImage> pictures = new ArrayList<>(indices.length);
    for (int i : indices) {
      pictures.add(image(i));
    }
    return pictures;
  }

  /**
   * How often each value 0-255 occurs in one channel of the given images (all images if none are
   * given): the data behind a pixel histogram.
   *
   * @param channel 0 = R, 1 = G, 2 = B (0 for grey images)
   * @return 256 counts
   */
  public int[] channelHistogram(int channel, int... indices) {
    if (channel < 0 || channel >= channels) {
      throw CourseException.argument(
          name
              + "의 채널 번호는 0~"
              + (channels - 1)
              + "입니다 (받은 값: "
              + channel
              + "). "
              + (channels == 3 ? "0 = R, 1 = G, 2 = B. 예: channelHistogram(0)" : "흑백이면 0을 쓰세요. 예: channelHistogram(0)"));
    }
    for (int i : indices) {
      checkIndex(i);
    }
    int[] chosen = indices.length > 0 ? indices : java.util.stream.IntStream.range(0, size()).toArray();
    int plane = height * width;
    int[] counts = new int[256];
    for (int i : chosen) {
      int base = offset(i) + channel * plane;
      for (int p = 0; p < plane; p++) {
        counts[pixels[base + p] & 0xff]++;
      }
    }
    return counts;
  }

  /** A new set of the given images, in the given order. */
  public ImageDataset subset(int... indices) {
    for (int i : indices) {
      checkIndex(i);
    }
    int[] outRows = new int[indices.length];
    int[] outLabels = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      outRows[k] = rows == null ? indices[k] : rows[indices[k]];
      outLabels[k] = labels[indices[k]];
    }
    return new ImageDataset(name, pixels, outRows, outLabels, channels, height, width, classNames, koreanNames);
  }

  /** The first {@code n} images (all if there are fewer). */
  public ImageDataset head(int n) {
    if (n < 0) {
      throw CourseException.argument("head(n)의 n은 0 이상이어야 합니다 (받은 값: " + n + "). 예: head(100)");
    }
    int[] indices = new int[Math.min(n, size())];
    Arrays.setAll(indices, i -> i);
    return subset(indices);
  }

  /**
   * {@code n} images drawn at random with about the same number per class: a small set that still
   * has every class.
   *
   * @param n how many (all if the set has fewer)
   * @param seed the random seed
   */
  public ImageDataset sample(int n, long seed) {
    if (n < 1) {
      throw CourseException.argument(
          "sample(n, seed)의 n은 1 이상이어야 합니다 (받은 값: " + n + "). 예: sample(1000, 42)");
    }
    if (n >= size()) {
      return this;
    }
    int[] order = permutation(size(), seed);
    int[] perClass = new int[numClasses()];
    int quota = (n + numClasses() - 1) / numClasses();
    boolean[] chosen = new boolean[size()];
    int[] picked = new int[n];
    int count = 0;
    for (int pass = 0; pass < 2 && count < n; pass++) { // pass 1 fills up classes with few images
      for (int i = 0; i < order.length && count < n; i++) {
        int candidate = order[i];
        if (!chosen[candidate] && (pass == 1 || perClass[labels[candidate]] < quota)) {
          chosen[candidate] = true;
          perClass[labels[candidate]]++;
          picked[count++] = candidate;
        }
      }
    }
    Arrays.sort(picked);
    return subset(picked);
  }

  /**
   * The lesson's size in full mode, {@code sample(quickSize, seed)} in quick mode ({@code
   * COURSE_MODE=quick}).
   */
  public ImageDataset forMode(int quickSize) {
    return Course.isQuick() ? sample(quickSize, Course.seed()) : this;
  }

  /**
   * A seeded random split like PyTorch's {@code random_split(ds, [train_len, val_len])} with {@code
   * val_len = int(len(ds) * validationFraction)}.
   *
   * @param validationFraction e.g. 0.2 for the lessons' 80/20 split
   * @param seed the random seed; the same seed gives the same split
   */
  public Split split(double validationFraction, long seed) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw CourseException.argument(
          "split의 검증 비율(validationFraction)은 0보다 크고 1보다 작아야 합니다 (받은 값: "
              + Numbers.human(validationFraction)
              + "). 80/20으로 나누려면 0.2를 쓰세요. 예: data.split(0.2, 42)");
    }
    int validation = (int) (size() * validationFraction);
    int[] order = permutation(size(), seed);
    int[] trainIdx = Arrays.copyOfRange(order, 0, size() - validation);
    int[] valIdx = Arrays.copyOfRange(order, size() - validation, size());
    return new Split(
        subset(trainIdx).renamed(name + " (train part)"),
        subset(valIdx).renamed(name + " (validation part)"));
  }

  /** The same images under another name. */
  public ImageDataset renamed(String newName) {
    return new ImageDataset(newName, pixels, rows, labels, channels, height, width, classNames, koreanNames);
  }

  /** Images per class, index = label. */
  public int[] classCounts() {
    int[] counts = new int[numClasses()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** Images per class as a table: label, class, Korean name, count. */
  public Table classCountTable() {
    int[] counts = classCounts();
    IntColumn label = IntColumn.indexColumn("label", numClasses(), 0);
    return Table.create(
        name + ": images per class",
        label,
        StringColumn.create("class", classNames),
        StringColumn.create("이름", koreanNames),
        IntColumn.create("count", counts));
  }

  /**
   * The indices of the first {@code k} images of each class, in dataset order.
   *
   * @return one array per class (shorter if a class has fewer than {@code k} images)
   */
  public int[][] firstOfEachClass(int k) {
    List<List<Integer>> found = new ArrayList<>();
    for (int c = 0; c < numClasses(); c++) {
      found.add(new ArrayList<>());
    }
    for (int i = 0; i < size(); i++) {
      List<Integer> bucket = found.get(labels[i]);
      if (bucket.size() < k) {
        bucket.add(i);
      }
    }
    return found.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  /** Per-channel mean of pixel values scaled to [0, 1], over every image. */
  public Normalization statistics() {
    return statistics(size());
  }

  /**
   * Per-channel mean and (population) standard deviation of pixel values in [0, 1], over the first
   * {@code samples} images, as the MNIST lesson estimates them from 1,000 samples.
   */
  public Normalization statistics(int samples) {
    if (samples < 1) {
      throw CourseException.argument(
          "statistics(samples)의 samples는 1 이상이어야 합니다 (받은 값: " + samples + "). 예: statistics(1000)");
    }
    int n = Math.min(samples, size());
    int plane = height * width;
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      long sum = 0;
      long sumSq = 0;
      for (int i = 0; i < n; i++) {
        int base = offset(i) + c * plane;
        for (int p = 0; p < plane; p++) {
          int v = pixels[base + p] & 0xff;
          sum += v;
          sumSq += (long) v * v;
        }
      }
      double count = (double) n * plane;
      double m = sum / count;
      mean[c] = (float) (m / 255);
      std[c] = (float) (Math.sqrt(Math.max(0, sumSq / count - m * m)) / 255);
    }
    return new Normalization(mean, std);
  }

  /**
   * Batches of this set on the engine's default device, for training or evaluation; see {@link
   * Batches} for shuffling, normalization and dropping the last partial batch. Every batch has its
   * own manager, closed when a loop moves on.
   *
   * @param batchSize images per batch
   */
  public Batches batches(int batchSize) {
    return new Batches(this, Engine.getInstance().defaultDevice(), batchSize);
  }

  /**
   * Batches of this set on {@code manager}'s device; the manager itself is not used after this
   * call, so closing it does not affect the batches.
   *
   * @param manager gives the device
   * @param batchSize images per batch
   */
  public Batches batches(NDManager manager, int batchSize) {
    return new Batches(this, manager.getDevice(), batchSize);
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= labels.length) {
      throw CourseException.argument(
          name
              + "에는 이미지가 "
              + String.format("%,d", labels.length)
              + "장 있어 번호는 0~"
              + (labels.length - 1)
              + "입니다 (받은 번호: "
              + i
              + ").");
    }
    return i;
  }

  static int[] permutation(int n, long seed) {
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  @Override
  public String toString() {
    return name + ": " + size() + " images of " + imageShape() + ", " + numClasses() + " classes";
  }
}
