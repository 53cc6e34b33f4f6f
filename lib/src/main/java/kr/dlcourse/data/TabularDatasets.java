package kr.dlcourse.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Two small classic datasets shipped inside the helper jar, read as Tablesaw tables: Fisher's
 * Iris and the Wisconsin Diagnostic Breast Cancer (WDBC) data. No download is needed.
 *
 * <pre>{@code
 * Table iris = TabularDatasets.iris();
 * iris.first(5)
 * iris.xTabCounts(TabularDatasets.IRIS_LABEL)   // 50 of each species
 * }</pre>
 *
 * <p>Both come from the UCI Machine Learning Repository under CC BY 4.0, via scikit-learn's
 * copies. Provenance, attribution and the citations UCI asks for are in the resource {@code
 * kr/dlcourse/data/DATASETS-LICENSE.md} next to the CSV files.
 */
public final class TabularDatasets {

  /** The Iris label column, {@code species}. */
  public static final String IRIS_LABEL = "species";

  /** The Iris species in scikit-learn's order (class index 0, 1, 2). */
  public static final List<String> IRIS_CLASSES = List.of("setosa", "versicolor", "virginica");

  /** Korean display names of {@link #IRIS_CLASSES}, in the same order. */
  public static final List<String> IRIS_CLASSES_KO = List.of("세토사", "버시컬러", "버지니카");

  /** The breast cancer label column, {@code diagnosis}. */
  public static final String CANCER_LABEL = "diagnosis";

  /** The diagnoses in scikit-learn's order: 0 = malignant, 1 = benign. */
  public static final List<String> CANCER_CLASSES = List.of("malignant", "benign");

  /** Korean display names of {@link #CANCER_CLASSES}, in the same order. */
  public static final List<String> CANCER_CLASSES_KO = List.of("악성", "양성");

  private TabularDatasets() {}

  /**
   * Fisher's Iris data: 150 flowers, 50 of each species.
   *
   * <pre>{@code
   * TabularDatasets.iris().first(5)
   * }</pre>
   *
   * <p>License and attribution: {@code kr/dlcourse/data/DATASETS-LICENSE.md}.
   *
   * @return a table named {@code iris} with double columns {@code sepal_length}, {@code
   *     sepal_width}, {@code petal_length}, {@code petal_width} (cm) and the string column
   *     {@code species}
   * @throws DatasetException if the CSV resource is missing from the jar or cannot be read
   */
  public static Table iris() {
    return read("iris.csv", "iris", 4);
  }

  /**
   * The Wisconsin Diagnostic Breast Cancer data: 569 fine needle aspirates, 212 malignant and
   * 357 benign, each described by 30 cell-nucleus features.
   *
   * <pre>{@code
   * TabularDatasets.breastCancer().first(5)
   * }</pre>
   *
   * <p>License and attribution: {@code kr/dlcourse/data/DATASETS-LICENSE.md}.
   *
   * @return a table named {@code breast cancer (Wisconsin diagnostic)} with 30 double columns
   *     ({@code mean_radius} … {@code worst_fractal_dimension}) and the string column {@code
   *     diagnosis}
   * @throws DatasetException if the CSV resource is missing from the jar or cannot be read
   */
  public static Table breastCancer() {
    return read("breast_cancer.csv", "breast cancer (Wisconsin diagnostic)", 30);
  }

  private static Table read(String resource, String tableName, int features) {
    ColumnType[] types = new ColumnType[features + 1];
    Arrays.fill(types, ColumnType.DOUBLE);
    types[features] = ColumnType.STRING;
    try (InputStream in = TabularDatasets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new DatasetException(
            "도우미 jar에 kr/dlcourse/data/"
                + resource
                + " 파일이 없습니다: jar가 불완전합니다. ./install-kernel.sh 를 다시 실행하고 커널을 다시 시작하세요.");
      }
      return Table.read()
          .usingOptions(CsvReadOptions.builder(in).tableName(tableName).columnTypes(types));
    } catch (IOException | UncheckedIOException e) {
      throw new DatasetException(
          "도우미 jar의 kr/dlcourse/data/"
              + resource
              + " 파일을 읽을 수 없습니다 ("
              + e.getMessage()
              + "). ./install-kernel.sh 를 다시 실행하고 커널을 다시 시작하세요.",
          e);
    }
  }
}
