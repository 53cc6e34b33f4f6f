package kr.dlcourse.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import kr.dlcourse.data.TabularDatasets;
import kr.dlcourse.notebook.CourseException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class StratifiedSplitTest {

  static int[] irisLabels() {
    return TableArrays.labels(TabularDatasets.iris(), TabularDatasets.IRIS_LABEL, TabularDatasets.IRIS_CLASSES);
  }

  static int[] perClass(int[] labels, int[] rows, int k) {
    int[] counts = new int[k];
    for (int i : rows) {
      counts[labels[i]]++;
    }
    return counts;
  }

  @Test
  void irisSplitsInto120And30With40And10PerSpecies() {
    int[] y = irisLabels();
    StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);
    assertEquals(120, split.trainSize());
    assertEquals(30, split.testSize());
    assertArrayEquals(new int[] {40, 40, 40}, perClass(y, split.train(), 3));
    assertArrayEquals(new int[] {10, 10, 10}, perClass(y, split.test(), 3));
    assertArrayEquals(new int[] {10, 10, 10}, perClass(split.test(y), IntStream.range(0, 30).toArray(), 3));
  }

  @Test
  void partsAreDisjointCoverEveryRowAndAreShuffled() {
    int[] y = irisLabels();
    StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);
    int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.test())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 150).toArray(), all);
    int[] train = split.train();
    assertFalse(Arrays.equals(train, Arrays.stream(train).sorted().toArray()), "shuffled, as scikit-learn returns it");
  }

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() {
    int[] y = irisLabels();
    StratifiedSplit a = StratifiedSplit.of(y, 0.2, 42);
    StratifiedSplit b = StratifiedSplit.of(y, 0.2, 42);
    StratifiedSplit c = StratifiedSplit.of(y, 0.2, 7);
    assertArrayEquals(a.train(), b.train());
    assertArrayEquals(a.test(), b.test());
    assertFalse(Arrays.equals(sorted(a.test()), sorted(c.test())), "another seed picks other rows");
    assertArrayEquals(new int[] {10, 10, 10}, perClass(y, c.test(), 3));
  }

  @Test
  void breastCancerKeepsItsShares() {
    int[] y = TableArrays.labels(TabularDatasets.breastCancer(), TabularDatasets.CANCER_LABEL, TabularDatasets.CANCER_CLASSES);
    StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);
    // scikit-learn: n_test = ceil(0.2 * 569) = 114; train shares 212*455/569 = 169.5, 357*455/569 = 285.5
    assertEquals(455, split.trainSize());
    assertEquals(114, split.testSize());
    assertArrayEquals(new int[] {170, 285}, perClass(y, split.train(), 2));
    assertArrayEquals(new int[] {42, 72}, perClass(y, split.test(), 2));
  }

  @Test
  void sameRowsAsScikitLearn() {
    // from Debian's python3-sklearn 1.2.1 / numpy 1.24.2:
    // train_test_split(np.arange(150), test_size=0.2, stratify=y, random_state=42)
    StratifiedSplit iris = StratifiedSplit.of(irisLabels(), 0.2, 42);
    assertArrayEquals(
        new int[] {
          38, 127, 57, 93, 42, 56, 22, 20, 147, 84, 107, 141, 104, 51, 7, 49, 14, 69, 63, 138, 10,
          140, 58, 134, 132, 77, 75, 18, 116, 28
        },
        iris.test());
    assertArrayEquals(new int[] {8, 106, 76, 9, 89, 146, 94, 133, 135, 117}, Arrays.copyOf(iris.train(), 10));
    assertArrayEquals(
        new int[] {45, 1, 38, 7, 82, 37, 108, 124, 72, 127},
        Arrays.copyOf(StratifiedSplit.of(irisLabels(), 0.2, 0).train(), 10));
    int[] cancer =
        TableArrays.labels(TabularDatasets.breastCancer(), TabularDatasets.CANCER_LABEL, TabularDatasets.CANCER_CLASSES);
    StratifiedSplit c = StratifiedSplit.of(cancer, 0.2, 42);
    assertArrayEquals(
        new int[] {256, 428, 501, 363, 564, 464, 358, 343, 516, 567, 292, 199, 527, 121, 353},
        Arrays.copyOf(c.test(), 15));
    assertArrayEquals(new int[] {546, 432, 174, 221, 289, 147, 462, 192, 116, 513}, Arrays.copyOf(c.train(), 10));
    // a tie for the odd row (2.5 and 2.5) is drawn with rng.choice, as scikit-learn draws it
    StratifiedSplit tie = StratifiedSplit.of(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, 0.5, 3);
    assertArrayEquals(new int[] {3, 8, 2, 7, 9}, tie.train());
    assertArrayEquals(new int[] {6, 4, 5, 1, 0}, tie.test());
    int[] y776 = new int[20];
    Arrays.fill(y776, 7, 14, 1);
    Arrays.fill(y776, 14, 20, 2);
    StratifiedSplit s776 = StratifiedSplit.of(y776, 0.45, 1);
    assertArrayEquals(new int[] {14, 11, 2, 5, 17, 8, 6, 15, 1, 10, 9}, s776.train());
    assertArrayEquals(new int[] {18, 13, 12, 19, 0, 16, 4, 7, 3}, s776.test());
  }

  @Test
  void approximateModeRoundsAsScikitLearn() {
    // 11 draws from counts 7, 7, 6 (n 20): 3.85, 3.85, 3.3 → floors 3, 3, 3, the two extra to the .85s
    assertArrayEquals(new int[] {4, 4, 3}, StratifiedSplit.approximateMode(new int[] {7, 7, 6}, 11, new NumpyRandom(1)));
    // a tie for one extra draw goes to one of the tied classes
    int[] tie = StratifiedSplit.approximateMode(new int[] {5, 5}, 5, new NumpyRandom(3));
    assertEquals(5, tie[0] + tie[1]);
    assertTrue(tie[0] == 3 || tie[1] == 3, Arrays.toString(tie));
  }

  @Test
  void numpyRandomStateDrawsTheSameNumbers() {
    // np.random.RandomState(42).permutation(10), RandomState(0).permutation(20)
    assertArrayEquals(new int[] {8, 1, 5, 0, 7, 2, 9, 4, 3, 6}, new NumpyRandom(42).permutation(10));
    assertArrayEquals(
        new int[] {18, 1, 19, 8, 10, 17, 6, 13, 4, 2, 5, 14, 9, 7, 16, 11, 3, 0, 15, 12},
        new NumpyRandom(0).permutation(20));
    // the reference MT19937 output for init_genrand(5489)
    assertEquals(3499211612L, new NumpyRandom(5489).nextUint32());
  }

  @Test
  void rowsOfArraysAndTablesFollowTheIndices() {
    Table iris = TabularDatasets.iris();
    int[] y = irisLabels();
    float[][] x = TableArrays.features(iris, TableArrays.featureNames(iris, "species"));
    StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);
    int first = split.test()[0];
    assertArrayEquals(x[first], split.test(x)[0]);
    assertEquals(y[first], split.test(y)[0]);
    Table testRows = split.test(iris);
    assertEquals(30, testRows.rowCount());
    assertEquals(x[first][2], testRows.doubleColumn("petal_length").getDouble(0), 1e-6);

    Table shown = split.table(TabularDatasets.IRIS_CLASSES);
    assertEquals(List.of("class", "total", "train", "test", "test share"), shown.columnNames());
    assertEquals(List.of("setosa", "versicolor", "virginica", "합계"), shown.stringColumn("class").asList());
    assertEquals(40, shown.intColumn("train").get(1));
    assertEquals(30, shown.intColumn("test").get(3));
    assertEquals(0.2, shown.doubleColumn("test share").get(2), 1e-12);
  }

  @Test
  void badArgumentsAreExplained() {
    int[] y = irisLabels();
    CourseException e = assertThrows(CourseException.class, () -> StratifiedSplit.of(y, 20, 42));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("(받은 값: 20)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> StratifiedSplit.of(new int[] {0, 0, 1}, 0.5, 1));
    assertTrue(e.getMessage().contains("클래스 1의 행이 1개뿐"), e.getMessage());
    e = assertThrows(CourseException.class, () -> StratifiedSplit.of(new int[] {0, 0, 1, 1, 2, 2}, 0.2, 1));
    assertTrue(e.getMessage().contains("테스트 2개인데, 클래스가 3개"), e.getMessage());
    e = assertThrows(CourseException.class, () -> StratifiedSplit.of(y, 0.2, -1));
    assertTrue(e.getMessage().contains("0 이상 4294967295 이하"), e.getMessage());
    e = assertThrows(CourseException.class, () -> StratifiedSplit.of(new int[] {0, -1}, 0.5, 1));
    assertTrue(e.getMessage().contains("1번 행의 레이블이 -1"), e.getMessage());
    StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);
    e = assertThrows(CourseException.class, () -> split.train(new int[10]));
    assertTrue(e.getMessage().contains("레이블 150개로 만들었는데 넘긴 데이터는 행이 10개"), e.getMessage());
  }

  private static int[] sorted(int[] a) {
    return Arrays.stream(a).sorted().toArray();
  }
}
