package kr.dlcourse.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.viz.Charts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A training run's record, epoch by epoch: the Java counterpart of the lesson's {@code hist} dict,
 * with a table view and the learning-curve charts of {@code plot_hist}. The charts' titles, axes and
 * legends are in Korean, and their epoch axis shows whole epochs only.
 *
 * <pre>{@code
 * History h = Training.fit(trainer, trainBatches, valBatches, 5, FitOptions.named("CNN_V1"));
 * h.table()            // epoch, train_loss, train_acc, val_loss, val_acc, lr, seconds
 * h.accuracyChart()    // train_acc vs val_acc
 * }</pre>
 */
public final class History {

  static final List<String> COLUMNS =
      List.of("epoch", "train_loss", "train_acc", "val_loss", "val_acc", "lr", "seconds");

  /** How a chart names each column: its axis title or legend entry. */
  static final Map<String, String> LABELS =
      Map.of(
          "epoch", "에폭",
          "train_loss", "훈련 손실",
          "train_acc", "훈련 정확도",
          "val_loss", "검증 손실",
          "val_acc", "검증 정확도",
          "lr", "학습률",
          "seconds", "시간(초)");

  private final String name;
  private final List<EpochResult> epochs;

  private History(String name, List<EpochResult> epochs) {
    this.name = name;
    this.epochs = List.copyOf(epochs);
  }

  /** A history of the given epochs. */
  public static History of(String name, List<EpochResult> epochs) {
    return new History(name, epochs);
  }

  /** Reads a history back from {@link #table()}'s layout (used by saved checkpoints). */
  public static History fromTable(String name, Table table) {
    if (!table.columnNames().containsAll(COLUMNS)) {
      throw CourseException.argument(
          "학습 기록 표에는 " + COLUMNS + " 열이 있어야 합니다 (받은 열: " + table.columnNames() + ").");
    }
    List<EpochResult> rows = new ArrayList<>();
    for (int r = 0; r < table.rowCount(); r++) {
      rows.add(
          new EpochResult(
              (int) value(table, "epoch", r),
              value(table, "train_loss", r),
              value(table, "train_acc", r),
              value(table, "val_loss", r),
              value(table, "val_acc", r),
              value(table, "lr", r),
              value(table, "seconds", r)));
    }
    return new History(name, rows);
  }

  private static double value(Table table, String column, int row) {
    return table.column(column).isMissing(row) ? Double.NaN : table.numberColumn(column).getDouble(row);
  }

  public String name() {
    return name;
  }

  public List<EpochResult> epochs() {
    return epochs;
  }

  public int size() {
    return epochs.size();
  }

  /** The last epoch, if any. */
  public Optional<EpochResult> last() {
    return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
  }

  /** The epoch with the highest validation accuracy, if any epoch was validated. */
  public Optional<EpochResult> best() {
    return epochs.stream()
        .filter(e -> !Double.isNaN(e.valAccuracy()))
        .max(Comparator.comparingDouble(EpochResult::valAccuracy));
  }

  /** Total wall time in seconds. */
  public double seconds() {
    return epochs.stream().mapToDouble(EpochResult::seconds).sum();
  }

  /** One row per epoch: epoch, train_loss, train_acc, val_loss, val_acc, lr, seconds. */
  public Table table() {
    return Table.create(
        name,
        IntColumn.create("epoch", epochs.stream().mapToInt(EpochResult::epoch).toArray()),
        column("train_loss", EpochResult::trainLoss),
        column("train_acc", EpochResult::trainAccuracy),
        column("val_loss", EpochResult::valLoss),
        column("val_acc", EpochResult::valAccuracy),
        column("lr", EpochResult::learningRate),
        column("seconds", EpochResult::seconds));
  }

  /** Train vs validation accuracy per epoch ({@code plot_hist}'s first chart): "NAME 정확도". */
  public Figure accuracyChart() {
    return chart(name + " 정확도", "정확도", "train_acc", "val_acc");
  }

  /** Train vs validation loss per epoch ({@code plot_hist}'s second chart): "NAME 손실". */
  public Figure lossChart() {
    return chart(name + " 손실", "손실", "train_loss", "val_loss");
  }

  /**
   * One column of several runs on one chart, e.g. validation accuracy of SGD vs Adam.
   *
   * @param title chart title
   * @param column one of train_loss, train_acc, val_loss, val_acc, lr, seconds; the y axis is titled
   *     in Korean (검증 정확도, 시간(초), ...)
   * @param histories the runs; each run's name is its legend entry
   */
  public static Figure compare(String title, String column, History... histories) {
    if (column == null || column.equals("epoch") || !COLUMNS.contains(column)) {
      throw CourseException.argument(
          "비교할 열은 " + COLUMNS.subList(1, COLUMNS.size()) + " 중 하나여야 합니다 (받은 값: '" + column + "').");
    }
    if (histories.length == 0) {
      throw CourseException.argument("비교할 학습 기록(History)을 하나 이상 넣으세요.");
    }
    Trace[] traces = new Trace[histories.length];
    int epochs = 0;
    for (int i = 0; i < histories.length; i++) {
      Table t = histories[i].table();
      traces[i] =
          ScatterTrace.builder(t.numberColumn("epoch"), t.numberColumn(column))
              .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
              .name(histories[i].name())
              .build();
      epochs = Math.max(epochs, histories[i].lastEpochNumber());
    }
    return new Figure(layout(title, LABELS.get(column), epochs), traces);
  }

  /** Learning curves name their lines 훈련 (train_acc) and 검증 (val_acc), as the table's columns. */
  private Figure chart(String title, String yTitle, String train, String val) {
    Table t = table();
    Trace[] traces = {
      ScatterTrace.builder(t.numberColumn("epoch"), t.numberColumn(train))
          .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
          .name("훈련 (" + train + ")")
          .build(),
      ScatterTrace.builder(t.numberColumn("epoch"), t.numberColumn(val))
          .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
          .name("검증 (" + val + ")")
          .build()
    };
    return new Figure(layout(title, yTitle, lastEpochNumber()), traces);
  }

  private int lastEpochNumber() {
    return epochs.stream().mapToInt(EpochResult::epoch).max().orElse(1);
  }

  private static Layout layout(String title, String yTitle, int epochs) {
    return Layout.builder(title)
        .xAxis(Charts.epochAxis(epochs))
        .yAxis(Axis.builder().title(yTitle).build())
        .height(350)
        .build();
  }

  private DoubleColumn column(String title, java.util.function.ToDoubleFunction<EpochResult> f) {
    return DoubleColumn.create(title, epochs.stream().mapToDouble(f).toArray());
  }

  @Override
  public String toString() {
    return name
        + ": 에폭 "
        + epochs.size()
        + "개"
        + best().map(b -> String.format(Locale.ROOT, ", 최고 검증 정확도 %.3f (에폭 %d)", b.valAccuracy(), b.epoch())).orElse("");
  }
}
