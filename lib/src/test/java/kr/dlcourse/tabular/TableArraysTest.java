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

class TableArraysTest {

  @Test
  void irisAsArrays() {
    Table iris = TabularDatasets.iris();
    List<String> names = TableArrays.featureNames(iris, TabularDatasets.IRIS_LABEL);
    assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), names);
    float[][] x = TableArrays.features(iris, names);
    assertEquals(150, x.length);
    assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, x[0]);
    int[] y = TableArrays.labels(iris, TabularDatasets.IRIS_LABEL, TabularDatasets.IRIS_CLASSES);
    assertEquals(0, y[0]);
    assertEquals(1, y[50]);
    assertEquals(2, y[149]);
    assertArrayEquals(new float[] {1.4f, 5.1f}, TableArrays.features(iris, "petal_length", "sepal_length")[0]);
  }

  @Test
  void breastCancerLabelsFollowScikitLearn() {
    Table cancer = TabularDatasets.breastCancer();
    assertEquals(30, TableArrays.featureNames(cancer, TabularDatasets.CANCER_LABEL).size());
    int[] y = TableArrays.labels(cancer, TabularDatasets.CANCER_LABEL, TabularDatasets.CANCER_CLASSES);
    assertEquals(0, y[0], "first row is malignant = 0");
    int benign = 0;
    for (int v : y) {
      benign += v;
    }
    assertEquals(357, benign);
  }

  @Test
  void unknownClassOrColumnIsExplained() {
    Table iris = TabularDatasets.iris();
    CourseException e =
        assertThrows(CourseException.class, () -> TableArrays.labels(iris, "species", List.of("setosa", "versicolor")));
    assertTrue(e.getMessage().contains("100번 행의 값 'virginica'이(가) 클래스 목록"), e.getMessage());
    e = assertThrows(CourseException.class, () -> TableArrays.featureNames(iris, "label"));
    assertTrue(e.getMessage().contains("'label' 열이 없습니다"), e.getMessage());
  }
}
