package kr.dlcourse.tabular;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kr.dlcourse.notebook.CourseException;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw table as the arrays a model eats: the feature columns as a {@code float[][]} (rows =
 * samples), the label column as class indices. Like pandas' {@code df[features].values} and
 * scikit-learn's class numbering.
 *
 * <pre>{@code
 * Table iris = TabularDatasets.iris();
 * List<String> names = TableArrays.featureNames(iris, "species");   // the 4 measurements
 * float[][] x = TableArrays.features(iris, names);                    // (150, 4)
 * int[] y = TableArrays.labels(iris, "species", TabularDatasets.IRIS_CLASSES);   // 0, 1, 2
 * }</pre>
 */
public final class TableArrays {

  private TableArrays() {}

  /**
   * Every column except the label, in table order: the features ({@code df.drop(columns=label)}).
   *
   * @param table the data
   * @param labelColumn the column to leave out
   * @throws CourseException if the table has no such column, or another column is not numeric
   */
  public static List<String> featureNames(Table table, String labelColumn) {
    column(table, labelColumn);
    List<String> names = new ArrayList<>();
    for (Column<?> c : table.columns()) {
      if (!c.name().equals(labelColumn)) {
        numeric(table, c.name());
        names.add(c.name());
      }
    }
    return List.copyOf(names);
  }

  /**
   * The named numeric columns as rows of floats: {@code x[i][j]} is row {@code i}, column {@code
   * columns.get(j)}.
   *
   * @throws CourseException if a column is missing, not numeric, or has a missing value
   */
  public static float[][] features(Table table, List<String> columns) {
    if (columns == null || columns.isEmpty()) {
      throw CourseException.argument(
          "특성 열 이름이 하나도 없습니다. 예: TableArrays.features(iris, TableArrays.featureNames(iris, \"species\"))");
    }
    float[][] x = new float[table.rowCount()][columns.size()];
    for (int j = 0; j < columns.size(); j++) {
      NumericColumn<?> column = numeric(table, columns.get(j));
      for (int i = 0; i < x.length; i++) {
        if (column.isMissing(i)) {
          throw CourseException.argument(
              table.name() + "의 " + columns.get(j) + " 열 " + i + "번 행이 비어 있습니다. 빈 값을 채우거나 그 행을 빼고 넘기세요.");
        }
        x[i][j] = (float) column.getDouble(i);
      }
    }
    return x;
  }

  /** {@link #features(Table, List)} with the column names written out. */
  public static float[][] features(Table table, String... columns) {
    return features(table, Arrays.asList(columns));
  }

  /**
   * The label column as class indices: the index of each row's value in {@code classes} (like
   * scikit-learn's {@code target}).
   *
   * @param table the data
   * @param column the label column (text values)
   * @param classes the class names in index order, e.g. {@code TabularDatasets.IRIS_CLASSES}
   * @throws CourseException if the column is missing or holds a value that is not in {@code classes}
   */
  public static int[] labels(Table table, String column, List<String> classes) {
    Column<?> c = column(table, column);
    if (classes == null || classes.isEmpty()) {
      throw CourseException.argument(
          "클래스 이름 목록이 비어 있습니다. 예: TableArrays.labels(iris, \"species\", TabularDatasets.IRIS_CLASSES)");
    }
    int[] y = new int[table.rowCount()];
    for (int i = 0; i < y.length; i++) {
      String value = c.getString(i);
      y[i] = classes.indexOf(value);
      if (y[i] < 0) {
        throw CourseException.argument(
            table.name() + "의 " + column + " 열 " + i + "번 행의 값 '" + value + "'이(가) 클래스 목록 " + classes
                + "에 없습니다. 이 데이터의 클래스 이름을 모두 넘기세요.");
      }
    }
    return y;
  }

  private static Column<?> column(Table table, String name) {
    if (table == null) {
      throw CourseException.argument("표(Table)가 null입니다. 예: TabularDatasets.iris()");
    }
    if (!table.containsColumn(name)) {
      throw CourseException.argument(
          table.name() + "에 '" + name + "' 열이 없습니다. 있는 열: " + table.columnNames());
    }
    return table.column(name);
  }

  private static NumericColumn<?> numeric(Table table, String name) {
    Column<?> c = column(table, name);
    if (!(c instanceof NumericColumn<?> n)) {
      throw CourseException.argument(
          table.name() + "의 '" + name + "' 열은 숫자 열이 아닙니다 (" + c.type() + "). 특성에는 숫자 열만 넣고, 레이블 열은 TableArrays.labels(...)로 바꾸세요.");
    }
    return n;
  }
}
