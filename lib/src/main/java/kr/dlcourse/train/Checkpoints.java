package kr.dlcourse.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import kr.dlcourse.data.DataLocations;
import kr.dlcourse.setup.Course;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Trained weights saved and loaded by name, so a long training cell can be skipped on a rerun (an
 * instructor recording a screencast, a student after a kernel restart):
 *
 * <pre>{@code
 * Optional<History> saved = Checkpoints.restore("cnn_v1", model, new Shape(1, 3, 32, 32));
 * Trainer trainer = model.newTrainer(config);   // after restore: see restore()
 * trainer.initialize(new Shape(1, 3, 32, 32));
 * History h = saved.orElseGet(() -> Checkpoints.save("cnn_v1", model.getBlock(),
 *     Training.fit(trainer, trainBatches, valBatches, epochs, FitOptions.named("CNN_V1"))));
 * }</pre>
 *
 * <p>Files live in {@code $COURSE_CHECKPOINT_DIR} (default: the data cache's {@code checkpoints}
 * folder), one per name and mode ({@code cnn_v1-full.params} and its history {@code
 * cnn_v1-full.history.csv}), so quick-mode runs never replace full-mode weights. They are written to
 * a temporary file and moved into place when complete.
 */
public final class Checkpoints {

  public static final String DIR_ENV = "COURSE_CHECKPOINT_DIR";
  /** The history file's column holding the run's name (legend entry in charts). */
  private static final String RUN_COLUMN = "run";

  private Checkpoints() {}

  /** The checkpoint folder. */
  public static Path dir() {
    String env = System.getenv(DIR_ENV);
    return env != null && !env.isBlank() ? Path.of(env) : DataLocations.cacheRoot().resolve("checkpoints");
  }

  /** The weights file of a name in the current mode. */
  public static Path file(String name) {
    return dir().resolve(name + "-" + Course.mode().name().toLowerCase() + ".params");
  }

  /**
   * Saves a block's parameters and its training history under {@code name}.
   *
   * @return {@code history}, so that a training call can be wrapped
   */
  public static History save(String name, Block block, History history) {
    Path params = file(name);
    Path csv = historyFile(params);
    try {
      Files.createDirectories(params.getParent());
      Path tmp = Files.createTempFile(params.getParent(), name, ".tmp");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        block.saveParameters(out);
      }
      Path tmpCsv = Files.createTempFile(params.getParent(), name, ".csv.tmp");
      Table table = history.table();
      table.addColumns(StringColumn.create(RUN_COLUMN, java.util.Collections.nCopies(table.rowCount(), history.name())));
      table.write().csv(tmpCsv.toFile());
      Files.move(tmpCsv, csv, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, params, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not save checkpoint " + params + ": " + e.getMessage() + ". Set " + DIR_ENV
              + " to a folder you can write to.", e);
    }
    System.out.println("가중치를 저장했습니다: " + params);
    return history;
  }

  /**
   * Initializes the model's block for {@code inputShape} and loads the weights saved under {@code
   * name}, if there are any. Call it <b>before</b> creating the model's trainer: a DJL trainer keeps
   * the parameter arrays it saw when it was initialized.
   *
   * @return the saved history, or empty if nothing is saved under this name in this mode
   * @throws IllegalStateException if the file does not fit the block, saying to delete it
   */
  public static Optional<History> restore(String name, Model model, Shape inputShape) {
    Block block = model.getBlock();
    if (!block.isInitialized()) {
      block.initialize(model.getNDManager(), model.getDataType(), inputShape);
    }
    Path params = file(name);
    if (!Files.isRegularFile(params)) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
      block.loadParameters(model.getNDManager(), in);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new IllegalStateException(
          "Checkpoint " + params + " does not fit this model (" + e.getMessage() + "): it was saved"
              + " from another architecture or is damaged. Delete it and run the cell again to train anew.", e);
    }
    System.out.println("저장된 가중치를 불러왔습니다: " + params + " (다시 학습하려면 이 파일을 지우세요)");
    Path csv = historyFile(params);
    try {
      Table table = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()));
      String run = table.columnNames().contains(RUN_COLUMN) && table.rowCount() > 0 ? table.column(RUN_COLUMN).getString(0) : name;
      return Optional.of(History.fromTable(run, table));
    } catch (RuntimeException e) {
      return Optional.of(History.of(name, java.util.List.of()));
    }
  }

  private static Path historyFile(Path params) {
    String f = params.getFileName().toString();
    return params.resolveSibling(f.substring(0, f.length() - ".params".length()) + ".history.csv");
  }
}
