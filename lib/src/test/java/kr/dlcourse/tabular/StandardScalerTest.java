package kr.dlcourse.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kr.dlcourse.data.TabularDatasets;
import kr.dlcourse.notebook.CourseException;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class StandardScalerTest {

  /** Column 0: mean 4, population variance 20/4; column 1 constant; column 2: mean 5, variance 18/4. */
  static final float[][] TINY = {{1, 2, 5}, {3, 2, 5}, {5, 2, 8}, {7, 2, 2}};

  @Test
  void meansAndPopulationStdsOfATinyMatrix() {
    StandardScaler scaler = StandardScaler.fit(TINY);
    assertArrayEquals(new double[] {4, 2, 5}, scaler.means(), 1e-12);
    // ddof=0 as scikit-learn: sqrt(20/4), not the sample std sqrt(20/3)
    assertArrayEquals(new double[] {Math.sqrt(5), 0, Math.sqrt(4.5)}, scaler.stds(), 1e-12);
    assertEquals(4, scaler.samplesSeen());
    assertEquals(List.of("x0", "x1", "x2"), scaler.features());
    scaler.means()[0] = 99;
    assertEquals(4, scaler.means()[0], "means() is a copy");
  }

  @Test
  void transformSubtractsTheMeanAndDividesByTheStdOrByOne() {
    StandardScaler scaler = StandardScaler.fit(TINY);
    float[][] z = scaler.transform(TINY);
    assertArrayEquals(new float[] {(float) (-3 / Math.sqrt(5)), 0, 0}, z[0], 1e-6f);
    assertArrayEquals(new float[] {(float) (3 / Math.sqrt(5)), 0, (float) (-3 / Math.sqrt(4.5))}, z[3], 1e-6f);
    // new rows use the fitted statistics; the constant feature is divided by 1, as in scikit-learn
    float[][] other = scaler.transform(new float[][] {{4, 3, 5}});
    assertArrayEquals(new float[] {0, 1, 0}, other[0], 1e-6f);
    assertEquals(1f, TINY[0][0], "the input is left as it is");
  }

  @Test
  void irisTrainingPartBecomesMeanZeroStdOne() {
    Table iris = TabularDatasets.iris();
    List<String> features = TableArrays.featureNames(iris, TabularDatasets.IRIS_LABEL);
    float[][] x = TableArrays.features(iris, features);
    int[] y = TableArrays.labels(iris, TabularDatasets.IRIS_LABEL, TabularDatasets.IRIS_CLASSES);
    StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);
    float[][] train = split.train(x);
    StandardScaler scaler = StandardScaler.fit(train);
    assertEquals(120, scaler.samplesSeen());
    float[][] z = scaler.transform(train);
    for (int j = 0; j < 4; j++) {
      double sum = 0;
      double squares = 0;
      for (float[] row : z) {
        sum += row[j];
        squares += row[j] * row[j];
      }
      double mean = sum / z.length;
      assertEquals(0, mean, 1e-6, "mean of feature " + j);
      assertEquals(1, Math.sqrt(squares / z.length - mean * mean), 1e-5, "std of feature " + j);
    }
    // the statistics are the training part's, not all 150 rows': the test part is not centred
    StandardScaler all = StandardScaler.fit(x);
    assertEquals(5.8433, all.means()[0], 1e-4, "sepal_length mean over all 150 (known value)");
    assertEquals(0.8253, all.stds()[0], 1e-4, "sepal_length population std over all 150");
    boolean differs = false;
    for (int j = 0; j < 4; j++) {
      differs |= Math.abs(all.means()[j] - scaler.means()[j]) > 1e-6;
    }
    assertTrue(differs, "fitted on the training part only");
  }

  @Test
  void tableFitAndTransformUseTheNamedColumns() {
    Table iris = TabularDatasets.iris();
    List<String> features = List.of("petal_length", "petal_width");
    StandardScaler fromTable = StandardScaler.fit(iris, features);
    assertArrayEquals(fromTable.means(), StandardScaler.fit(iris, "petal_length", "petal_width").means());
    StandardScaler fromArray = StandardScaler.fit(TableArrays.features(iris, features));
    assertArrayEquals(fromArray.means(), fromTable.means(), 1e-12);
    assertArrayEquals(fromArray.stds(), fromTable.stds(), 1e-12);
    assertEquals(features, fromTable.features());
    assertArrayEquals(fromArray.transform(TableArrays.features(iris, features))[7], fromTable.transform(iris)[7]);

    Table shown = fromTable.table();
    assertEquals(List.of("feature", "mean", "std"), shown.columnNames());
    assertEquals(features, shown.stringColumn("feature").asList());
    assertEquals(fromTable.means()[1], shown.doubleColumn("mean").get(1), 1e-12);
    assertTrue(shown.name().contains("학습 데이터 150개"), shown.name());
  }

  @Test
  void badInputIsRefusedInKorean() {
    StandardScaler scaler = StandardScaler.fit(TINY);
    CourseException e = assertThrows(CourseException.class, () -> scaler.transform(new float[][] {{1, 2}}));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("특성 3개로 fit 했는데 transform에 넘긴 x의 열은 2개"), e.getMessage());
    e = assertThrows(CourseException.class, () -> StandardScaler.fit(new float[0][]));
    assertTrue(e.getMessage().contains("비어 있습니다"), e.getMessage());
    e = assertThrows(CourseException.class, () -> StandardScaler.fit(new float[][] {{1, 2}, {3}}));
    assertTrue(e.getMessage().contains("0번 행은 특성이 2개인데 1번 행은 1개"), e.getMessage());
    e = assertThrows(CourseException.class, () -> StandardScaler.fit(new float[][] {{1}, {Float.NaN}}));
    assertTrue(e.getMessage().contains("x[1][0]가 NaN"), e.getMessage());
    e = assertThrows(CourseException.class, () -> StandardScaler.fit(TabularDatasets.iris(), List.of("petal")));
    assertTrue(e.getMessage().contains("'petal' 열이 없습니다"), e.getMessage());
    e = assertThrows(CourseException.class, () -> StandardScaler.fit(TabularDatasets.iris(), List.of("species")));
    assertTrue(e.getMessage().contains("숫자 열이 아닙니다"), e.getMessage());
  }
}
