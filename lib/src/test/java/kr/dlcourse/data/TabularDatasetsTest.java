package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

class TabularDatasetsTest {

  @Test
  void irisShapeNamesAndTypes() {
    Table iris = TabularDatasets.iris();
    assertEquals("iris", iris.name());
    assertEquals(150, iris.rowCount());
    assertEquals(5, iris.columnCount());
    assertEquals(
        List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "species"),
        iris.columnNames());
    assertTypes(iris, TabularDatasets.IRIS_LABEL);
    assertNoMissing(iris);
  }

  @Test
  void irisClassCountsAndFirstRow() {
    Table iris = TabularDatasets.iris();
    assertEquals(
        Map.of("setosa", 50L, "versicolor", 50L, "virginica", 50L),
        counts(iris, TabularDatasets.IRIS_LABEL));
    Row first = iris.row(0);
    assertEquals(5.1, first.getDouble("sepal_length"));
    assertEquals(3.5, first.getDouble("sepal_width"));
    assertEquals(1.4, first.getDouble("petal_length"));
    assertEquals(0.2, first.getDouble("petal_width"));
    assertEquals("setosa", first.getString("species"));
    assertEquals("virginica", iris.row(149).getString("species"));
  }

  @Test
  void breastCancerShapeNamesAndTypes() {
    Table cancer = TabularDatasets.breastCancer();
    assertEquals("breast cancer (Wisconsin diagnostic)", cancer.name());
    assertEquals(569, cancer.rowCount());
    assertEquals(31, cancer.columnCount());
    assertEquals("mean_radius", cancer.columnNames().get(0));
    assertEquals("worst_fractal_dimension", cancer.columnNames().get(29));
    assertEquals("diagnosis", cancer.columnNames().get(30));
    assertTypes(cancer, TabularDatasets.CANCER_LABEL);
    assertNoMissing(cancer);
  }

  @Test
  void breastCancerClassCountsAndFirstRow() {
    Table cancer = TabularDatasets.breastCancer();
    assertEquals(
        Map.of("malignant", 212L, "benign", 357L), counts(cancer, TabularDatasets.CANCER_LABEL));
    Row first = cancer.row(0);
    assertEquals(17.99, first.getDouble("mean_radius"));
    assertEquals(1001.0, first.getDouble("mean_area"));
    assertEquals(0.1189, first.getDouble("worst_fractal_dimension"));
    assertEquals("malignant", first.getString("diagnosis"));
  }

  @Test
  void classConstants() {
    assertEquals(List.of("setosa", "versicolor", "virginica"), TabularDatasets.IRIS_CLASSES);
    assertEquals(List.of("세토사", "버시컬러", "버지니카"), TabularDatasets.IRIS_CLASSES_KO);
    assertEquals(List.of("malignant", "benign"), TabularDatasets.CANCER_CLASSES);
    assertEquals(List.of("악성", "양성"), TabularDatasets.CANCER_CLASSES_KO);
  }

  @Test
  void licenseTravelsWithTheData() {
    assertNotNull(TabularDatasets.class.getResource("DATASETS-LICENSE.md"));
  }

  private static void assertTypes(Table table, String label) {
    for (Column<?> column : table.columns()) {
      ColumnType expected = column.name().equals(label) ? ColumnType.STRING : ColumnType.DOUBLE;
      assertEquals(expected, column.type(), column.name());
    }
  }

  private static void assertNoMissing(Table table) {
    for (Column<?> column : table.columns()) {
      assertEquals(0, column.countMissing(), column.name());
    }
  }

  private static Map<String, Long> counts(Table table, String label) {
    return table.stringColumn(label).asList().stream()
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }
}
