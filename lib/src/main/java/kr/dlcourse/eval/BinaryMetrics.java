package kr.dlcourse.eval;

import java.util.List;
import kr.dlcourse.notebook.CourseException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A {@link ConfusionMatrix} read as a test for one class, the "positive" one (for a cancer test:
 * malignant): the four counts TP, FP, FN, TN and the measures a medical test is judged by, as
 * scikit-learn computes them with {@code pos_label} ({@code precision_score}, {@code
 * recall_score}, {@code f1_score}; specificity is the negative class's recall). With more than
 * two classes every other class counts as negative (one against the rest).
 *
 * <pre>{@code
 * BinaryMetrics m = BinaryMetrics.of(yTest, predicted, TabularDatasets.CANCER_CLASSES, 0);  // 0 = malignant
 * m.recall()          // sensitivity: the share of malignant tumours found
 * m.specificity()     // the share of benign tumours called benign
 * m.table()           // every measure with its counts and meaning, in Korean
 * m.countsTable()     // the 2 × 2 matrix, positive class first
 * }</pre>
 *
 * <p>A ratio with nothing to divide by is 0 ({@code zero_division=0}). Instances are immutable.
 */
public final class BinaryMetrics {

  private final ConfusionMatrix matrix;
  private final int positive;
  private final int tp;
  private final int fp;
  private final int fn;
  private final int tn;

  BinaryMetrics(ConfusionMatrix matrix, int positive) {
    ConfusionMatrix.checkClass("찾는 클래스(positive)", positive, matrix.numClasses());
    if (matrix.numClasses() < 2) {
      throw CourseException.argument(
          "클래스가 " + matrix.numClasses() + "개뿐이라 찾는 클래스(positive)와 나머지로 나눌 수 없습니다. 클래스 이름을 2개 이상 넘기세요.");
    }
    int[][] counts = matrix.counts();
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (int t = 0; t < counts.length; t++) {
      for (int p = 0; p < counts.length; p++) {
        boolean actual = t == positive;
        boolean called = p == positive;
        if (actual && called) {
          tp += counts[t][p];
        } else if (called) {
          fp += counts[t][p];
        } else if (actual) {
          fn += counts[t][p];
        } else {
          tn += counts[t][p];
        }
      }
    }
    this.matrix = matrix;
    this.positive = positive;
    this.tp = tp;
    this.fp = fp;
    this.fn = fn;
    this.tn = tn;
  }

  /**
   * Counts true and predicted classes and reads them as a test for class {@code positive}.
   *
   * <pre>{@code
   * BinaryMetrics.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 1}, List.of("malignant", "benign"), 0)
   *     .recall()   // 0.5
   * }</pre>
   *
   * @param truth the true class of each sample
   * @param predicted the predicted class of each sample, same length
   * @param classNames class names, index = label
   * @param positive the class the test looks for
   * @throws CourseException if the lengths differ, a label is not a class index, or {@code
   *     positive} is not one
   */
  public static BinaryMetrics of(int[] truth, int[] predicted, List<String> classNames, int positive) {
    return ConfusionMatrix.of(truth, predicted, classNames).binary(positive);
  }

  /**
   * {@link #of(int[], int[], List, int)} for labels 0 and 1, named {@code "0"} and {@code "1"}.
   */
  public static BinaryMetrics of(int[] truth, int[] predicted, int positive) {
    return of(truth, predicted, List.of("0", "1"), positive);
  }

  /** The confusion matrix these measures come from. */
  public ConfusionMatrix confusionMatrix() {
    return matrix;
  }

  /** The positive class's index. */
  public int positive() {
    return positive;
  }

  /** The positive class's name. */
  public String positiveName() {
    return matrix.classNames().get(positive);
  }

  /** The negative class's name: the other class, or {@code "<name> 외"} with more than two classes. */
  public String negativeName() {
    return matrix.numClasses() == 2
        ? matrix.classNames().get(1 - positive)
        : positiveName() + " 외";
  }

  /** True positives: positive samples predicted positive. */
  public int tp() {
    return tp;
  }

  /** False positives: negative samples predicted positive (false alarms). */
  public int fp() {
    return fp;
  }

  /** False negatives: positive samples predicted negative (missed cases). */
  public int fn() {
    return fn;
  }

  /** True negatives: negative samples predicted negative. */
  public int tn() {
    return tn;
  }

  /** All samples counted. */
  public int total() {
    return tp + fp + fn + tn;
  }

  /**
   * (TP + TN) / all. With more than two classes this is the one-against-the-rest accuracy, not
   * {@link ConfusionMatrix#accuracy()}.
   */
  public double accuracy() {
    return ratio(tp + tn, total());
  }

  /** TP / (TP + FP): of the samples called positive, the share that are. */
  public double precision() {
    return ratio(tp, tp + fp);
  }

  /** TP / (TP + FN): of the positive samples, the share found (sensitivity). */
  public double recall() {
    return ratio(tp, tp + fn);
  }

  /** The same as {@link #recall()}, under the medical name. */
  public double sensitivity() {
    return recall();
  }

  /** TN / (TN + FP): of the negative samples, the share called negative. */
  public double specificity() {
    return ratio(tn, tn + fp);
  }

  /** The harmonic mean of precision and recall, 2TP / (2TP + FP + FN). */
  public double f1() {
    return ratio(2 * tp, 2 * tp + fp + fn);
  }

  /**
   * The measures for display, in Korean: columns {@code 지표} (measure), {@code 값} (value, 4
   * decimals shown), {@code 계산} (the counts divided) and {@code 뜻} (what it says, with the class
   * names).
   *
   * <pre>{@code
   * m.table()
   * }</pre>
   */
  public Table table() {
    String pos = positiveName();
    String neg = negativeName();
    StringColumn name =
        StringColumn.create(
            "지표",
            List.of(
                "정확도 (accuracy)",
                "정밀도 (precision)",
                "재현율 = 민감도 (recall, sensitivity)",
                "특이도 (specificity)",
                "F1 점수 (f1-score)"));
    DoubleColumn value =
        DoubleColumn.create(
            "값", new double[] {accuracy(), precision(), recall(), specificity(), f1()});
    value.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
    StringColumn how =
        StringColumn.create(
            "계산",
            List.of(
                "(TP + TN) / 전체 = " + (tp + tn) + " / " + total(),
                "TP / (TP + FP) = " + tp + " / " + (tp + fp),
                "TP / (TP + FN) = " + tp + " / " + (tp + fn),
                "TN / (TN + FP) = " + tn + " / " + (tn + fp),
                "2TP / (2TP + FP + FN) = " + 2 * tp + " / " + (2 * tp + fp + fn)));
    StringColumn meaning =
        StringColumn.create(
            "뜻",
            List.of(
                "전체 중 맞게 예측한 비율",
                pos + iraGo(pos) + " 예측한 것 중 실제 " + pos + "의 비율",
                "실제 " + pos + " 중 " + pos + euro(pos) + " 찾아낸 비율 (놓친 " + pos + " " + fn + "개)",
                "실제 " + neg + " 중 " + neg + euro(neg) + " 맞힌 비율 (잘못된 경보 " + fp + "개)",
                "정밀도와 재현율의 조화평균"));
    return Table.create(
        "이진 분류 지표 (찾는 클래스 positive = " + pos + ", 샘플 " + total() + "개)", name, value, how, meaning);
  }

  /**
   * The 2 × 2 matrix for display, positive class first: rows are the true class, columns the
   * prediction; the cells are TP, FN (top) and FP, TN (bottom).
   */
  public Table countsTable() {
    String pos = positiveName();
    String neg = negativeName();
    return Table.create(
        "혼동 행렬 (찾는 클래스 positive = " + pos + "): 행은 실제, 열은 예측",
        StringColumn.create("실제 \\ 예측", List.of("실제 " + pos, "실제 " + neg)),
        IntColumn.create("예측 " + pos, tp, fp),
        IntColumn.create("예측 " + neg, fn, tn));
  }

  /** The final consonant of a Hangul syllable (0 for none), or -1 when the word does not end in Hangul. */
  private static int finalConsonant(String word) {
    char last = word.isEmpty() ? ' ' : word.charAt(word.length() - 1);
    return last >= '\uAC00' && last <= '\uD7A3' ? (last - 0xAC00) % 28 : -1;
  }

  /** 이라고 after a consonant, 라고 after a vowel: 악성이라고, 세토사라고. */
  static String iraGo(String word) {
    int c = finalConsonant(word);
    return c < 0 ? "(이)라고" : c == 0 ? "라고" : "이라고";
  }

  /** 으로 after a consonant other than ㄹ, 로 after a vowel or ㄹ: 악성으로, 세토사로. */
  static String euro(String word) {
    int c = finalConsonant(word);
    return c < 0 ? "(으)로" : c == 0 || c == 8 ? "로" : "으로";
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  @Override
  public String toString() {
    return String.format(
        "BinaryMetrics (positive = %s): TP %d, FP %d, FN %d, TN %d; accuracy %.4f, precision %.4f,"
            + " recall %.4f, specificity %.4f, f1 %.4f",
        positiveName(), tp, fp, fn, tn, accuracy(), precision(), recall(), specificity(), f1());
  }
}
