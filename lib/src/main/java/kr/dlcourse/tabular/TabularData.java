package kr.dlcourse.tabular;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import kr.dlcourse.data.Batch;
import kr.dlcourse.notebook.CourseException;

/**
 * Feature rows and their labels held in memory, PyTorch's {@code TensorDataset(X, y)}; {@link
 * #batches(int)} is its {@code DataLoader}. Two kinds, by what the loss wants as labels:
 *
 * <ul>
 *   <li>{@link #of}: class indices for {@code CrossEntropyLoss} (DJL's {@code
 *       softmaxCrossEntropyLoss}); batches hold {@code y} as int64, shape (N).
 *   <li>{@link #binary}: 0/1 targets for {@code BCEWithLogitsLoss} (DJL's {@code
 *       sigmoidBinaryCrossEntropyLoss}) on one output; batches hold {@code y} as float32, shape (N,
 *       1), like the model's output.
 * </ul>
 *
 * <pre>{@code
 * TabularData train = TabularData.of(scaler.transform(split.train(x)), split.train(y)).named("Iris 학습");
 * for (Batch b : train.batches(16).shuffle(42)) {
 *   NDArray x = b.x();   // (16, 4) float32
 *   NDArray y = b.y();   // (16) int64
 * }
 * }</pre>
 *
 * <p>The rows are copied in; instances are immutable.
 */
public final class TabularData {

  private final String name;
  private final float[] values; // row-major, size × features
  private final int features;
  private final int[] labels;
  private final boolean binary;

  private TabularData(String name, float[] values, int features, int[] labels, boolean binary) {
    this.name = name;
    this.values = values;
    this.features = features;
    this.labels = labels;
    this.binary = binary;
  }

  /**
   * Rows with class indices, for multi-class classification ({@code TensorDataset(X,
   * torch.LongTensor(y))}).
   *
   * @param x rows = samples, columns = features (already scaled)
   * @param y each row's class index, 0 or more
   * @throws CourseException if {@code x} is empty or ragged, the lengths differ, or a label is
   *     negative
   */
  public static TabularData of(float[][] x, int[] y) {
    return create(x, y, false, "TabularData.of(x, y)");
  }

  /**
   * Rows with 0/1 targets, for binary classification with one logit ({@code TensorDataset(X,
   * torch.FloatTensor(y).unsqueeze(1))}).
   *
   * @param x rows = samples, columns = features (already scaled)
   * @param y each row's target, 0 or 1 (for breast cancer: 0 = malignant, 1 = benign)
   * @throws CourseException if {@code x} is empty or ragged, the lengths differ, or a label is not
   *     0 or 1
   */
  public static TabularData binary(float[][] x, int[] y) {
    return create(x, y, true, "TabularData.binary(x, y)");
  }

  private static TabularData create(float[][] x, int[] y, boolean binary, String where) {
    int f = StandardScaler.columns(x, where);
    if (y == null || y.length != x.length) {
      throw CourseException.argument(
          where
              + ": x는 "
              + x.length
              + "행인데 y는 "
              + (y == null ? "null" : y.length + "개")
              + "입니다. 같은 샘플들의 특성과 레이블을 같은 순서로 넘기세요. 예: TabularData.of(split.train(x), split.train(y))");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || (binary && y[i] > 1)) {
        throw CourseException.argument(
            where
                + ": "
                + i
                + "번 행의 레이블이 "
                + y[i]
                + "입니다. "
                + (binary
                    ? "이진 분류의 레이블은 0 또는 1이어야 합니다."
                    : "레이블은 0부터 시작하는 클래스 번호여야 합니다."));
      }
    }
    float[] values = new float[x.length * f];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, values, i * f, f);
    }
    return new TabularData("표 데이터", values, f, y.clone(), binary);
  }

  /** The same rows under a name that messages (and a stopped loop) use. */
  public TabularData named(String newName) {
    return new TabularData(newName, values, features, labels, binary);
  }

  /** The name given by {@link #named}, or {@code 표 데이터}. */
  public String name() {
    return name;
  }

  /** The number of rows ({@code len(dataset)}). */
  public int size() {
    return labels.length;
  }

  /** The number of features per row. */
  public int featureCount() {
    return features;
  }

  /** Whether the labels are 0/1 targets for a binary loss ({@link #binary}). */
  public boolean isBinary() {
    return binary;
  }

  /** Each row's label; a copy. */
  public int[] labels() {
    return labels.clone();
  }

  /** Row {@code i}'s features; a copy. */
  public float[] row(int i) {
    if (i < 0 || i >= labels.length) {
      throw CourseException.argument(
          name + "에 " + i + "번 행은 없습니다: 행은 0~" + (labels.length - 1) + "번입니다.");
    }
    float[] row = new float[features];
    System.arraycopy(values, i * features, row, 0, features);
    return row;
  }

  /**
   * Batches on the engine's default device ({@code DataLoader(dataset, batch_size)}); see {@link
   * TabularBatches} for shuffling. Every batch has its own manager, closed when a loop moves on.
   */
  public TabularBatches batches(int batchSize) {
    return new TabularBatches(this, Engine.getInstance().defaultDevice(), batchSize);
  }

  /** Batches on {@code manager}'s device; the manager itself is not used after this call. */
  public TabularBatches batches(NDManager manager, int batchSize) {
    return new TabularBatches(this, manager.getDevice(), batchSize);
  }

  float[] values() {
    return values;
  }

  int[] labelArray() {
    return labels;
  }

  @Override
  public String toString() {
    return name + ": " + size() + " rows of " + features + " features, " + (binary ? "binary 0/1 labels" : "class labels");
  }
}
