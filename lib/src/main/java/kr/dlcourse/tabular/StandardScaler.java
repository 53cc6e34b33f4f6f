package kr.dlcourse.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.Numbers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * scikit-learn's {@code StandardScaler}: each feature minus its mean, divided by its standard
 * deviation, both measured on the training part only and then applied unchanged to the test part.
 * The standard deviation is the population one ({@code ddof=0}, numpy's default); a feature that
 * never changes (deviation 0) is divided by 1, as scikit-learn does.
 *
 * <pre>{@code
 * StandardScaler scaler = StandardScaler.fit(split.train(x));   // scaler.fit(X_train)
 * float[][] trainX = scaler.transform(split.train(x));          // scaler.transform(X_train)
 * float[][] testX = scaler.transform(split.test(x));            // the training statistics
 * scaler.table()                                                // per-feature mean and std
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class StandardScaler {

  private final List<String> features;
  private final double[] means;
  private final double[] stds;
  private final int samples;

  private StandardScaler(List<String> features, double[] means, double[] stds, int samples) {
    this.features = features;
    this.means = means;
    this.stds = stds;
    this.samples = samples;
  }

  /**
   * Measures each column's mean and standard deviation ({@code scaler.fit(X_train)}). Features are
   * named {@code x0, x1, …} in {@link #table()}.
   *
   * @param x rows = samples, columns = features; the training part only
   * @throws CourseException if {@code x} is empty, ragged, or holds NaN or an infinity
   */
  public static StandardScaler fit(float[][] x) {
    int f = columns(x, "fit(x)");
    List<String> names = new ArrayList<>();
    for (int j = 0; j < f; j++) {
      names.add("x" + j);
    }
    return fit(x, List.copyOf(names));
  }

  /**
   * Measures the named columns of a table, e.g. the training rows {@code split.train(table)}; then
   * {@link #transform(Table)} reads the same columns.
   *
   * <pre>{@code
   * StandardScaler scaler = StandardScaler.fit(split.train(iris), features);
   * }</pre>
   *
   * @throws CourseException if a column is missing, not numeric or has a missing value
   */
  public static StandardScaler fit(Table table, List<String> features) {
    return fit(TableArrays.features(table, features), List.copyOf(features));
  }

  /** {@link #fit(Table, List)} with the column names written out. */
  public static StandardScaler fit(Table table, String... features) {
    return fit(table, Arrays.asList(features));
  }

  private static StandardScaler fit(float[][] x, List<String> names) {
    int f = columns(x, "fit(x)");
    double[] mean = new double[f];
    double[] std = new double[f];
    for (int j = 0; j < f; j++) {
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        float v = x[i][j];
        if (!Float.isFinite(v)) {
          throw CourseException.argument(
              "StandardScaler.fit: x[" + i + "][" + j + "]가 " + v + "입니다. 숫자가 아닌 값(NaN, 무한대)을 먼저 없애거나 채우세요.");
        }
        sum += v;
      }
      mean[j] = sum / x.length;
      double squares = 0;
      for (float[] row : x) {
        double d = row[j] - mean[j];
        squares += d * d;
      }
      std[j] = Math.sqrt(squares / x.length);
    }
    return new StandardScaler(names, mean, std, x.length);
  }

  /**
   * {@code (x - mean) / std} per feature with the fitted statistics; a new array, {@code x} is
   * left as it is.
   *
   * @param x rows of the same features, in the same order, as the data this scaler was fitted on
   * @throws CourseException if the number of columns differs
   */
  public float[][] transform(float[][] x) {
    int f = columns(x, "transform(x)");
    if (f != means.length) {
      throw CourseException.argument(
          "이 StandardScaler는 특성 "
              + means.length
              + "개로 fit 했는데 transform에 넘긴 x의 열은 "
              + f
              + "개입니다. fit 할 때와 같은 특성을 같은 순서로 넘기세요.");
    }
    float[][] out = new float[x.length][f];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < f; j++) {
        out[i][j] = (float) ((x[i][j] - means[j]) / scale(j));
      }
    }
    return out;
  }

  /** {@link #transform(float[][])} of the table's columns named as in {@link #fit(Table, List)}. */
  public float[][] transform(Table table) {
    return transform(TableArrays.features(table, features));
  }

  /** The feature names: the table's column names, or {@code x0, x1, …}. */
  public List<String> features() {
    return features;
  }

  /** Each feature's mean over the fitted rows ({@code scaler.mean_}); a copy. */
  public double[] means() {
    return means.clone();
  }

  /**
   * Each feature's population standard deviation over the fitted rows ({@code ddof=0}, {@code
   * np.sqrt(scaler.var_)}); a copy. A 0 here means the feature is divided by 1.
   */
  public double[] stds() {
    return stds.clone();
  }

  /** The number of rows the statistics come from ({@code scaler.n_samples_seen_}). */
  public int samplesSeen() {
    return samples;
  }

  private double scale(int j) {
    return stds[j] == 0 ? 1 : stds[j];
  }

  /**
   * The statistics for display: one row per feature, columns {@code feature}, {@code mean}, {@code
   * std} (4 decimals shown, every digit kept), with a Korean title.
   *
   * <pre>{@code
   * scaler.table()
   * }</pre>
   */
  public Table table() {
    DoubleColumn mean = DoubleColumn.create("mean", means);
    DoubleColumn std = DoubleColumn.create("std", stds);
    mean.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    std.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    return Table.create(
        "StandardScaler: 학습 데이터 " + samples + "개로 구한 특성별 평균과 표준편차",
        StringColumn.create("feature", features),
        mean,
        std);
  }

  /** The number of columns of a non-empty rectangular {@code x}. */
  static int columns(float[][] x, String where) {
    if (x == null || x.length == 0) {
      throw CourseException.argument(
          where + "에 넘긴 x가 비어 있습니다. 행(샘플)이 하나 이상인 2차원 배열을 넘기세요.");
    }
    int f = x[0] == null ? 0 : x[0].length;
    if (f == 0) {
      throw CourseException.argument(where + "에 넘긴 x의 행에 특성(열)이 없습니다. 예: x[i] = {꽃받침 길이, 꽃받침 너비, ...}");
    }
    for (int i = 1; i < x.length; i++) {
      if (x[i] == null || x[i].length != f) {
        throw CourseException.argument(
            where
                + "에 넘긴 x의 0번 행은 특성이 "
                + f
                + "개인데 "
                + i
                + "번 행은 "
                + (x[i] == null ? "null" : x[i].length + "개")
                + "입니다. 모든 행의 특성 수가 같아야 합니다.");
      }
    }
    return f;
  }

  @Override
  public String toString() {
    return "StandardScaler of " + means.length + " features fitted on " + samples + " rows, means "
        + human(means) + ", stds " + human(stds);
  }

  private static String human(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return Numbers.human(f);
  }
}
