package kr.dlcourse.tabular;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.Numbers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A train/test split that keeps each class's share, like scikit-learn's {@code
 * train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)}: the test part has {@code
 * ceil(testFraction × n)} rows, every class gives its share of the training part (rounded as
 * scikit-learn rounds it) and the rest of its rows to the test part. Iris (50 of each species)
 * splits into 120 rows (40 per species) and 30 (10 per species).
 *
 * <pre>{@code
 * StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);
 * float[][] xTrain = split.train(x), xTest = split.test(x);   // X_train, X_test
 * int[] yTrain = split.train(y), yTest = split.test(y);       // y_train, y_test
 * split.table(TabularDatasets.IRIS_CLASSES)                   // rows per class in each part
 * }</pre>
 *
 * <p>The rows are scikit-learn's own: the split draws its random numbers as scikit-learn does,
 * from numpy's {@code RandomState(seed)} (MT19937), so {@code StratifiedSplit.of(y, 0.2, 42)}
 * picks the same training and test rows, in the same order, as {@code train_test_split(X, y,
 * test_size=0.2, stratify=y, random_state=42)} for the same {@code y}. Both parts come in shuffled
 * order, as scikit-learn returns them. Instances are immutable.
 */
public final class StratifiedSplit {

  private final int[] labels;
  private final int[] train;
  private final int[] test;

  private StratifiedSplit(int[] labels, int[] train, int[] test) {
    this.labels = labels;
    this.train = train;
    this.test = test;
  }

  /**
   * Splits row indices {@code 0 … labels.length-1} by class.
   *
   * @param labels each row's class index (0, 1, …)
   * @param testFraction the share of rows for the test part, between 0 and 1 (exclusive)
   * @param seed scikit-learn's {@code random_state}, 0 to 2^32 - 1: the same seed gives the same
   *     split
   * @throws CourseException if a label is negative, a class has fewer than 2 rows, the fraction is
   *     not between 0 and 1, either part would have fewer rows than there are classes, or the seed
   *     is out of numpy's range
   */
  public static StratifiedSplit of(int[] labels, double testFraction, long seed) {
    if (labels == null || labels.length == 0) {
      throw CourseException.argument("레이블 배열이 비어 있습니다. 예: StratifiedSplit.of(y, 0.2, 42)");
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw CourseException.argument(
          "testFraction은 0보다 크고 1보다 작아야 합니다 (받은 값: "
              + Numbers.human(testFraction)
              + "). 테스트에 20 %를 떼려면 0.2를 넘기세요. 예: StratifiedSplit.of(y, 0.2, 42)");
    }
    int k = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw CourseException.argument(
            i + "번 행의 레이블이 " + labels[i] + "입니다. 레이블은 0부터 시작하는 클래스 번호여야 합니다.");
      }
      k = Math.max(k, labels[i] + 1);
    }
    int[] counts = new int[k];
    for (int label : labels) {
      counts[label]++;
    }
    int classes = 0;
    for (int c = 0; c < k; c++) {
      if (counts[c] == 1) {
        throw CourseException.argument(
            "클래스 " + c + "의 행이 1개뿐이라 학습과 테스트 양쪽에 나눌 수 없습니다. 클래스마다 2개 이상이어야 합니다.");
      }
      classes += counts[c] > 0 ? 1 : 0;
    }
    int n = labels.length;
    int nTest = (int) Math.ceil(testFraction * n); // as scikit-learn computes it
    int nTrain = n - nTest;
    if (nTest < classes || nTrain < classes) {
      throw CourseException.argument(
          "행 "
              + n
              + "개를 testFraction "
              + Numbers.human(testFraction)
              + "로 나누면 학습 "
              + nTrain
              + "개, 테스트 "
              + nTest
              + "개인데, 클래스가 "
              + classes
              + "개라 양쪽에 클래스마다 하나씩도 넣을 수 없습니다. testFraction을 바꾸거나 데이터를 늘리세요.");
    }
    if (seed < 0 || seed > 0xffffffffL) {
      throw CourseException.argument(
          "시드(seed)는 0 이상 4294967295 이하여야 합니다 (받은 값: "
              + seed
              + "; numpy의 random_state와 같은 범위). 예: StratifiedSplit.of(y, 0.2, 42)");
    }
    // scikit-learn's StratifiedShuffleSplit._iter_indices, draw for draw
    NumpyRandom random = new NumpyRandom(seed);
    int[] present = IntStream.range(0, k).filter(c -> counts[c] > 0).toArray();
    int[] classCounts = Arrays.stream(present).map(c -> counts[c]).toArray();
    int[] trainPerClass = approximateMode(classCounts, nTrain, random);
    int[] remaining = new int[present.length];
    for (int i = 0; i < present.length; i++) {
      remaining[i] = classCounts[i] - trainPerClass[i];
    }
    int[] testPerClass = approximateMode(remaining, nTest, random);
    int[] trainIdx = new int[nTrain];
    int[] testIdx = new int[nTest];
    int a = 0;
    int b = 0;
    for (int i = 0; i < present.length; i++) {
      int[] rows = rowsOf(labels, present[i], classCounts[i]); // ascending, as a stable argsort
      int[] permutation = random.permutation(rows.length);
      for (int r = 0; r < trainPerClass[i]; r++) {
        trainIdx[a++] = rows[permutation[r]];
      }
      for (int r = trainPerClass[i]; r < trainPerClass[i] + testPerClass[i]; r++) {
        testIdx[b++] = rows[permutation[r]];
      }
    }
    random.shuffle(trainIdx);
    random.shuffle(testIdx);
    return new StratifiedSplit(labels.clone(), trainIdx, testIdx);
  }

  /**
   * scikit-learn's {@code _approximate_mode}: {@code floor(count / n × draws)} per class (in
   * float64, as numpy computes it), then one more to the classes with the largest remainders, ties
   * drawn with {@code rng.choice}, until {@code draws}.
   */
  static int[] approximateMode(int[] counts, int draws, NumpyRandom random) {
    long n = Arrays.stream(counts).asLongStream().sum();
    int[] share = new int[counts.length];
    double[] remainder = new double[counts.length];
    long floored = 0;
    for (int c = 0; c < counts.length; c++) {
      double continuous = (double) counts[c] / (double) n * draws;
      double floor = Math.floor(continuous);
      share[c] = (int) floor;
      remainder[c] = continuous - floor;
      floored += share[c];
    }
    long needToAdd = draws - floored;
    if (needToAdd > 0) {
      double[] values = Arrays.stream(remainder).distinct().sorted().toArray();
      for (int v = values.length - 1; v >= 0 && needToAdd > 0; v--) {
        double value = values[v];
        int[] tied = IntStream.range(0, counts.length).filter(c -> remainder[c] == value).toArray();
        int addNow = (int) Math.min(tied.length, needToAdd);
        for (int c : random.choice(tied, addNow)) {
          share[c]++;
        }
        needToAdd -= addNow;
      }
    }
    return share;
  }

  private static int[] rowsOf(int[] labels, int c, int count) {
    int[] rows = new int[count];
    int r = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == c) {
        rows[r++] = i;
      }
    }
    return rows;
  }

  /** The training rows' indices (shuffled); a copy. */
  public int[] train() {
    return train.clone();
  }

  /** The test rows' indices (shuffled); a copy. */
  public int[] test() {
    return test.clone();
  }

  /** The number of training rows. */
  public int trainSize() {
    return train.length;
  }

  /** The number of test rows. */
  public int testSize() {
    return test.length;
  }

  /** The training rows of {@code x} ({@code X_train}), in {@link #train()} order. */
  public float[][] train(float[][] x) {
    return pick(x, train);
  }

  /** The test rows of {@code x} ({@code X_test}), in {@link #test()} order. */
  public float[][] test(float[][] x) {
    return pick(x, test);
  }

  /** The training labels ({@code y_train}), in {@link #train()} order. */
  public int[] train(int[] y) {
    return pick(y, train);
  }

  /** The test labels ({@code y_test}), in {@link #test()} order. */
  public int[] test(int[] y) {
    return pick(y, test);
  }

  /** The training rows of a table, in {@link #train()} order. */
  public Table train(Table table) {
    return pick(table, train);
  }

  /** The test rows of a table, in {@link #test()} order. */
  public Table test(Table table) {
    return pick(table, test);
  }

  /**
   * Rows per class in each part, to see that the shares were kept: columns {@code class}, {@code
   * total}, {@code train}, {@code test}, {@code test share}, and a last row {@code 합계} (total).
   *
   * @param classNames the class names, index = label
   */
  public Table table(List<String> classNames) {
    int k = 0;
    for (int label : labels) {
      k = Math.max(k, label + 1);
    }
    if (classNames == null || classNames.size() < k) {
      throw CourseException.argument(
          "클래스 이름이 "
              + (classNames == null ? 0 : classNames.size())
              + "개인데 레이블에는 클래스가 "
              + k
              + "개 있습니다. 예: split.table(TabularDatasets.IRIS_CLASSES)");
    }
    int[] trainCounts = new int[k];
    int[] testCounts = new int[k];
    for (int i : train) {
      trainCounts[labels[i]]++;
    }
    for (int i : test) {
      testCounts[labels[i]]++;
    }
    StringColumn name = StringColumn.create("class");
    IntColumn total = IntColumn.create("total");
    IntColumn trainColumn = IntColumn.create("train");
    IntColumn testColumn = IntColumn.create("test");
    DoubleColumn share = DoubleColumn.create("test share");
    for (int c = 0; c < k; c++) {
      int all = trainCounts[c] + testCounts[c];
      if (all == 0) {
        continue;
      }
      name.append(classNames.get(c));
      total.append(all);
      trainColumn.append(trainCounts[c]);
      testColumn.append(testCounts[c]);
      share.append((double) testCounts[c] / all);
    }
    name.append("합계");
    total.append(labels.length);
    trainColumn.append(train.length);
    testColumn.append(test.length);
    share.append((double) test.length / labels.length);
    share.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
    return Table.create(
        "층화 분할: 학습 " + train.length + "개 / 테스트 " + test.length + "개 (클래스 비율 유지)",
        name,
        total,
        trainColumn,
        testColumn,
        share);
  }

  private Table pick(Table table, int[] rows) {
    checkLength(table == null ? -1 : table.rowCount());
    Table out = table.emptyCopy(); // Table.rows(...) would sort the rows; keep this order
    for (int i : rows) {
      out.addRow(i, table);
    }
    return out;
  }

  private float[][] pick(float[][] x, int[] rows) {
    checkLength(x == null ? -1 : x.length);
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = x[rows[i]].clone();
    }
    return out;
  }

  private int[] pick(int[] y, int[] rows) {
    checkLength(y == null ? -1 : y.length);
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = y[rows[i]];
    }
    return out;
  }

  private void checkLength(int rows) {
    if (rows != labels.length) {
      throw CourseException.argument(
          "이 분할은 레이블 "
              + labels.length
              + "개로 만들었는데 넘긴 데이터는 "
              + (rows < 0 ? "null" : "행이 " + rows + "개")
              + "입니다. 분할을 만든 레이블과 같은 데이터(같은 행 순서)를 넘기세요.");
    }
  }

  @Override
  public String toString() {
    return "StratifiedSplit: train " + train.length + ", test " + test.length;
  }
}
