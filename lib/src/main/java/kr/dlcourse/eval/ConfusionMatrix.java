package kr.dlcourse.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import kr.dlcourse.notebook.CourseException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.HeatmapTrace;

/**
 * Counts of (true class, predicted class) pairs, like sklearn's {@code confusion_matrix}: rows are
 * true classes, columns predicted classes, so the diagonal holds the correct predictions.
 *
 * <pre>{@code
 * ConfusionMatrix cm = Predictions.of(model.getBlock(), test, Normalization.CIFAR10, manager, 256)
 *     .confusionMatrix();
 * cm.heatmap("Confusion Matrix")        // the lesson's sns.heatmap
 * cm.topConfusedPairs(3)                // [Pair[trueClass=3, predictedClass=5, count=112], ...]
 * cm.report()                           // classification_report as a table
 * cm.binary(0)                          // a two-class test read for class 0: TP, FP, FN, TN, ...
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class ConfusionMatrix {

  /**
   * One off-diagonal cell: {@code count} images of {@code trueClass} were predicted as {@code
   * predictedClass}.
   *
   * @param trueClass the true class index
   * @param predictedClass the predicted class index
   * @param count how many images
   */
  public record Pair(int trueClass, int predictedClass, int count) {}

  private final int[][] counts;
  private final List<String> classNames;

  private ConfusionMatrix(int[][] counts, List<String> classNames) {
    this.counts = counts;
    this.classNames = classNames;
  }

  /**
   * Counts every (true, predicted) pair.
   *
   * <pre>{@code
   * ConfusionMatrix cm =
   *     ConfusionMatrix.of(new int[] {0, 1, 1}, new int[] {0, 1, 0}, List.of("a", "b"));
   * cm.count(1, 0)   // 1
   * }</pre>
   *
   * @param trueLabels the true class of each image
   * @param predicted the predicted class of each image, same length
   * @param classNames class names, index = label
   * @throws CourseException if the lengths differ or a label is not a class index
   */
  public static ConfusionMatrix of(int[] trueLabels, int[] predicted, List<String> classNames) {
    if (trueLabels.length != predicted.length) {
      throw CourseException.argument(
          "정답 레이블은 "
              + trueLabels.length
              + "개인데 예측은 "
              + predicted.length
              + "개입니다. 같은 이미지들에 대한 정답과 예측을 같은 순서로 넘기세요.");
    }
    if (classNames.isEmpty()) {
      throw CourseException.argument(
          "클래스 이름이 하나도 없습니다. 예: ConfusionMatrix.of(trueLabels, predicted, test.classNames())");
    }
    int k = classNames.size();
    int[][] counts = new int[k][k];
    for (int i = 0; i < trueLabels.length; i++) {
      if (trueLabels[i] < 0 || trueLabels[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
        checkClass(i + "번 샘플의 정답 레이블", trueLabels[i], k);
        checkClass(i + "번 샘플의 예측 레이블", predicted[i], k);
      }
      counts[trueLabels[i]][predicted[i]]++;
    }
    return new ConfusionMatrix(counts, List.copyOf(classNames));
  }

  static void checkClass(String what, int label, int numClasses) {
    if (label < 0 || label >= numClasses) {
      throw CourseException.argument(
          what
              + " "
              + label
              + "은(는) 클래스 번호가 아닙니다: 클래스가 "
              + numClasses
              + "개이므로 0~"
              + (numClasses - 1)
              + "이어야 합니다.");
    }
  }

  /** Class names, index = label. */
  public List<String> classNames() {
    return classNames;
  }

  /** The number of classes. */
  public int numClasses() {
    return classNames.size();
  }

  /**
   * How many images of class {@code trueClass} were predicted as {@code predictedClass}.
   *
   * <pre>{@code
   * cm.count(3, 5)   // cats taken for dogs
   * }</pre>
   */
  public int count(int trueClass, int predictedClass) {
    checkClass("정답 클래스(trueClass)", trueClass, counts.length);
    checkClass("예측 클래스(predictedClass)", predictedClass, counts.length);
    return counts[trueClass][predictedClass];
  }

  /** All counts, a copy: {@code counts()[t][p]}, rows = true, columns = predicted. */
  public int[][] counts() {
    int[][] copy = new int[counts.length][];
    for (int t = 0; t < counts.length; t++) {
      copy[t] = counts[t].clone();
    }
    return copy;
  }

  /** The number of images counted. */
  public int total() {
    int total = 0;
    for (int[] row : counts) {
      for (int c : row) {
        total += c;
      }
    }
    return total;
  }

  private int correct(int c) {
    return counts[c][c];
  }

  private int support(int c) {
    int n = 0;
    for (int v : counts[c]) {
      n += v;
    }
    return n;
  }

  private int predictedAs(int c) {
    int n = 0;
    for (int[] row : counts) {
      n += row[c];
    }
    return n;
  }

  /** The share of correct predictions, 0-1 (0 when nothing was counted). */
  public double accuracy() {
    int correct = 0;
    for (int c = 0; c < counts.length; c++) {
      correct += correct(c);
    }
    return ratio(correct, total());
  }

  /**
   * Accuracy within each class (recall): correct / images of that class, 0 for a class without
   * images.
   *
   * <pre>{@code
   * double[] acc = cm.perClassAccuracy();   // acc[3] = share of cats recognized as cats
   * }</pre>
   */
  public double[] perClassAccuracy() {
    double[] accuracy = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      accuracy[c] = ratio(correct(c), support(c));
    }
    return accuracy;
  }

  /**
   * The {@code k} most frequent mistakes, like the lesson's "top-3 confused pairs": off-diagonal
   * cells with a count above 0, by count (largest first), ties by true then predicted class.
   *
   * <pre>{@code
   * for (ConfusionMatrix.Pair p : cm.topConfusedPairs(3)) {
   *   System.out.println(
   *       names.get(p.trueClass()) + " → " + names.get(p.predictedClass()) + ": " + p.count());
   * }
   * }</pre>
   *
   * @param k at most this many pairs (fewer if there are fewer mistakes)
   * @throws CourseException if {@code k < 1}
   */
  public List<Pair> topConfusedPairs(int k) {
    if (k < 1) {
      throw CourseException.argument(
          "topConfusedPairs(k)의 k는 1 이상이어야 합니다 (받은 값: " + k + "). 예: cm.topConfusedPairs(3)");
    }
    List<Pair> pairs = new ArrayList<>();
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts.length; p++) {
        if (t != p && counts[t][p] > 0) {
          pairs.add(new Pair(t, p, counts[t][p]));
        }
      }
    }
    // pairs are in (true, predicted) order already; a stable sort keeps it among equal counts
    pairs.sort(Comparator.comparingInt(Pair::count).reversed());
    return List.copyOf(pairs.subList(0, Math.min(k, pairs.size())));
  }

  /**
   * The matrix as a table: a column "true \ predicted" with the class names, then one count column
   * per predicted class.
   *
   * <pre>{@code
   * cm.table()   // shown as an HTML table in a notebook
   * }</pre>
   */
  public Table table() {
    Table table =
        Table.create("Confusion matrix", StringColumn.create("true \\ predicted", classNames));
    for (int p = 0; p < counts.length; p++) {
      int[] column = new int[counts.length];
      for (int t = 0; t < counts.length; t++) {
        column[t] = counts[t][p];
      }
      table.addColumns(IntColumn.create(classNames.get(p), column));
    }
    return table;
  }

  /**
   * Per-class accuracy as a table: class, correct, total, accuracy (0-1, shown with 4 decimals; 0
   * for a class without images).
   *
   * <pre>{@code
   * cm.perClassTable().sortAscendingOn("accuracy")   // the hardest classes first
   * }</pre>
   */
  public Table perClassTable() {
    int k = counts.length;
    int[] correct = new int[k];
    int[] total = new int[k];
    for (int c = 0; c < k; c++) {
      correct[c] = correct(c);
      total[c] = support(c);
    }
    return Table.create(
        "Per-class accuracy",
        StringColumn.create("class", classNames),
        IntColumn.create("correct", correct),
        IntColumn.create("total", total),
        fourDigits(DoubleColumn.create("accuracy", perClassAccuracy())));
  }

  /**
   * A table like sklearn's {@code classification_report}: per class precision, recall, f1-score
   * (shown with 4 decimals) and support, then the rows "accuracy" (in the f1-score column;
   * precision and recall missing), "macro avg" and "weighted avg" (weighted by support). A
   * precision or recall with nothing to divide by is 0, as sklearn reports it ({@code
   * zero_division=0}).
   *
   * <pre>{@code
   * cm.report()
   * }</pre>
   */
  public Table report() {
    int k = counts.length;
    int n = total();
    Table report =
        Table.create(
            "Classification report",
            StringColumn.create("class"),
            DoubleColumn.create("precision"),
            DoubleColumn.create("recall"),
            DoubleColumn.create("f1-score"),
            IntColumn.create("support"));
    double[] macro = new double[3];
    double[] weighted = new double[3];
    for (int c = 0; c < k; c++) {
      double p = ratio(correct(c), predictedAs(c));
      double r = ratio(correct(c), support(c));
      double[] values = {p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
      for (int j = 0; j < 3; j++) {
        macro[j] += values[j] / k;
        weighted[j] += values[j] * ratio(support(c), n);
      }
      addRow(report, classNames.get(c), values, support(c));
    }
    addRow(report, "accuracy", new double[] {Double.NaN, Double.NaN, accuracy()}, n);
    addRow(report, "macro avg", macro, n);
    addRow(report, "weighted avg", weighted, n);
    for (int j = 1; j <= 3; j++) {
      fourDigits(report.doubleColumn(j));
    }
    return report;
  }

  private static void addRow(Table report, String name, double[] values, int support) {
    report.stringColumn(0).append(name);
    for (int j = 0; j < 3; j++) {
      report.doubleColumn(j + 1).append(values[j]);
    }
    report.intColumn(4).append(support);
  }

  /**
   * The matrix read as a test for class {@code positive} (the others negative): TP, FP, FN, TN,
   * precision, recall (sensitivity), specificity and F1 for it.
   *
   * <pre>{@code
   * cm.binary(0).table()   // breast cancer: 0 = malignant is what the test looks for
   * }</pre>
   *
   * @param positive the positive class's index
   * @throws CourseException if {@code positive} is not a class index
   */
  public BinaryMetrics binary(int positive) {
    return new BinaryMetrics(this, positive);
  }

  /**
   * The matrix as a heatmap like the lesson's {@code sns.heatmap(cm, annot=True, fmt='d',
   * cmap='Blues')}: predicted classes across, true classes down with the first class at the top,
   * each cell's count written in it (white on dark cells), a colour scale at the side.
   *
   * <pre>{@code
   * cm.heatmap("Confusion Matrix")
   * }</pre>
   *
   * @param title the chart title
   */
  public Figure heatmap(String title) {
    Object[] names = classNames.toArray();
    double[][] z = new double[counts.length][counts.length];
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts.length; p++) {
        z[t][p] = counts[t][p];
      }
    }
    HeatmapTrace trace = HeatmapTrace.builder(names, names, z).build();
    Layout layout =
        Layout.builder(title)
            .xAxis(Axis.builder().title("Predicted").type(Axis.Type.CATEGORY).build())
            .yAxis(
                Axis.builder()
                    .title("True")
                    .type(Axis.Type.CATEGORY)
                    .autoRange(Axis.AutoRange.REVERSED)
                    .build())
            .height(Math.max(500, 45 * counts.length + 150))
            .width(Math.max(600, 55 * counts.length + 200))
            .build();
    return new CountedHeatmap(layout, trace, counts, classNames);
  }

  /**
   * A heatmap with each cell's count written in it and seaborn's light-to-dark blues, like {@code
   * sns.heatmap(cm, annot=True, fmt='d', cmap='Blues')}: jsplot's layout has no annotations, so they
   * are set on the layout just before plotly.js draws.
   */
  static final class CountedHeatmap extends Figure {
    private final int[][] counts;
    private final List<String> names;

    CountedHeatmap(Layout layout, HeatmapTrace trace, int[][] counts, List<String> names) {
      super(layout, trace);
      this.counts = counts;
      this.names = names;
    }

    /** The script lines that write the counts into the cells and colour them. */
    String annotations() {
      int max = 1;
      for (int[] row : counts) {
        for (int c : row) {
          max = Math.max(max, c);
        }
      }
      StringBuilder js = new StringBuilder("layout.annotations = [");
      for (int t = 0; t < counts.length; t++) {
        for (int p = 0; p < counts.length; p++) {
          js.append(String.format(Locale.ROOT, "{x: %s, y: %s, text: '%d', showarrow: false, font: {color: '%s'}},",
              quoted(names.get(p)), quoted(names.get(t)), counts[t][p], counts[t][p] > max / 2 ? "white" : "black"));
        }
      }
      return js.append("];\ndata[0].colorscale = 'Blues'; data[0].reversescale = true;\n").toString();
    }

    private static String quoted(String name) {
      return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public String asJavascript(String divName) {
      // jsplot HTML-escapes what plotFunction returns: the lines go in front of its call instead
      String js = super.asJavascript(divName);
      int plot = js.lastIndexOf("Plotly.newPlot(");
      return plot < 0 ? js : js.substring(0, plot) + annotations() + js.substring(plot);
    }
  }

  /**
   * Per-class accuracy in percent as a bar chart.
   *
   * <pre>{@code
   * cm.perClassChart("클래스별 정확도")
   * }</pre>
   *
   * @param title the chart title
   */
  public Figure perClassChart(String title) {
    double[] percent = perClassAccuracy();
    for (int c = 0; c < percent.length; c++) {
      percent[c] *= 100;
    }
    BarTrace trace = BarTrace.builder(classNames.toArray(), percent).name("accuracy").build();
    Layout layout =
        Layout.builder(title)
            .xAxis(Axis.builder().title("Class").type(Axis.Type.CATEGORY).build())
            .yAxis(Axis.builder().title("Accuracy (%)").range(0, 100).build())
            .height(350)
            .build();
    return new Figure(layout, trace);
  }

  private static DoubleColumn fourDigits(DoubleColumn column) {
    column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    return column;
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  @Override
  public String toString() {
    return "ConfusionMatrix of "
        + total()
        + " images, "
        + numClasses()
        + " classes, accuracy "
        + String.format("%.4f", accuracy());
  }
}
