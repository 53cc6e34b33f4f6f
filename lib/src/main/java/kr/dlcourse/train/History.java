package kr.dlcourse.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
 * with a table view and the learning-curve charts of {@code plot_hist}.
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
      throw new IllegalArgumentException("a history table needs the columns " + COLUMNS + ", got " + table.columnNames());
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

  /** Train vs validation accuracy per epoch ({@code plot_hist}'s first chart). */
  public Figure accuracyChart() {
    return chart(name + " (Accuracy)", "accuracy", "train_acc", "val_acc");
  }

  /** Train vs validation loss per epoch ({@code plot_hist}'s second chart). */
  public Figure lossChart() {
    return chart(name + " (Loss)", "loss", "train_loss", "val_loss");
  }

  /**
   * One column of several runs on one chart, e.g. validation accuracy of SGD vs Adam.
   *
   * @param title chart title
   * @param column one of train_loss, train_acc, val_loss, val_acc, lr, seconds
   * @param histories the runs; each run's name is its legend entry
   */
  public static Figure compare(String title, String column, History... histories) {
    Trace[] traces = new Trace[histories.length];
    for (int i = 0; i < histories.length; i++) {
      Table t = histories[i].table();
      traces[i] =
          ScatterTrace.builder(t.numberColumn("epoch"), t.numberColumn(column))
              .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
              .name(histories[i].name())
              .build();
    }
    return new Figure(layout(title, column), traces);
  }

  private Figure chart(String title, String yTitle, String train, String val) {
    Table t = table();
    Trace[] traces = {
      ScatterTrace.builder(t.numberColumn("epoch"), t.numberColumn(train))
          .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
          .name(train)
          .build(),
      ScatterTrace.builder(t.numberColumn("epoch"), t.numberColumn(val))
          .mode(ScatterTrace.Mode.LINE_AND_MARKERS)
          .name(val)
          .build()
    };
    return new Figure(layout(title, yTitle), traces);
  }

  private static Layout layout(String title, String yTitle) {
    return Layout.builder(title)
        .xAxis(Axis.builder().title("epoch").build())
        .yAxis(Axis.builder().title(yTitle).build())
        .height(350)
        .build();
  }

  private DoubleColumn column(String title, java.util.function.ToDoubleFunction<EpochResult> f) {
    return DoubleColumn.create(title, epochs.stream().mapToDouble(f).toArray());
  }

  @Override
  public String toString() {
    return name + ": " + epochs.size() + " epochs" + best().map(b -> String.format(java.util.Locale.ROOT, ", best val_acc %.3f (epoch %d)", b.valAccuracy(), b.epoch())).orElse("");
  }
}
