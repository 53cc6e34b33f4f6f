package kr.dlcourse.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.DataLocations;
import kr.dlcourse.nn.Internals;
import kr.dlcourse.setup.Course;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Trains a model, or loads the weights and history a previous run of the <b>same experiment</b>
 * saved, so that a long training cell is skipped on a rerun (an instructor recording a screencast,
 * a student after a kernel restart):
 *
 * <pre>{@code
 * Trainer trainer = Cells.keep("cnnTrainer", model.newTrainer(config));
 * trainer.initialize(new Shape(1, 3, 32, 32));
 * History h = Checkpoints.fit("cnn_v1", trainer, trainBatches, valBatches, epochs, FitOptions.named("CNN_V1"));
 * }</pre>
 *
 * <p>The same experiment means the same parameters (names and shapes), the same layers and layer
 * settings, loss, optimizer, learning rate at every epoch, epochs, data, augmentation and mode
 * ({@link Experiment}). Anything else trains anew, and one Korean line says what differed. A
 * damaged file is set aside (renamed {@code ….damaged-<time>}) and the cell trains; a folder that
 * cannot be written gives a warning after training, and the trained model and its history stay in
 * the notebook.
 *
 * <p>Files live in {@code $COURSE_CHECKPOINT_DIR} (default: the data cache's {@code checkpoints}
 * folder), three per name and mode: {@code cnn_v1-full.params} (DJL's parameter format), {@code
 * cnn_v1-full.history.csv} and {@code cnn_v1-full.experiment.txt}; quick-mode runs never replace
 * full-mode weights. Each is written to a temporary file and moved into place when complete, the
 * experiment last.
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
   * {@link Training#fit} with checkpoints: loads what the same experiment saved under {@code name},
   * or trains and saves.
   *
   * @param trainer an initialized trainer; its model receives the saved weights
   * @return the history of the training, saved or new
   */
  public static History fit(String name, Trainer trainer, Batches train, Batches validation, int epochs, FitOptions options) {
    Experiment experiment = Experiment.of(trainer, train, validation, epochs, options);
    History h = trainOrLoad(name, trainer, experiment, () -> Training.fit(trainer, train, validation, epochs, options));
    return h.name().equals(options.name()) ? h : History.of(options.name(), h.epochs());
  }

  /**
   * Loads what the same experiment saved under {@code name}, or runs {@code training} (a notebook's
   * own training loop over {@code train} and {@code validation} for {@code epochs} epochs) and saves
   * its result.
   *
   * @param trainer an initialized trainer, the one {@code training} trains
   */
  public static History trainOrLoad(String name, Trainer trainer, Batches train, Batches validation, int epochs,
      Supplier<History> training) {
    return trainOrLoad(name, trainer, Experiment.of(trainer, train, validation, epochs, null), training);
  }

  private static History trainOrLoad(String name, Trainer trainer, Experiment experiment, Supplier<History> training) {
    Path params = file(name);
    if (Training.pastOf(trainer) == null) {
      History saved = load(params, trainer, experiment);
      if (saved != null) {
        Training.remember(trainer, saved);
        return saved;
      }
    }
    History history = training.get();
    save(params, trainer.getModel().getBlock(), history, experiment);
    return history;
  }

  /** The saved history after loading the weights into the trainer's model, or null to train. */
  private static History load(Path params, Trainer trainer, Experiment experiment) {
    Path experimentFile = sibling(params, ".experiment.txt");
    Path csv = sibling(params, ".history.csv");
    if (!Files.exists(params) && !Files.exists(experimentFile)) {
      return null;
    }
    List<Path> files = List.of(params, csv, experimentFile);
    Experiment saved;
    try {
      saved = Experiment.read(experimentFile);
    } catch (IOException e) {
      setAside(files, "저장된 가중치의 실험 정보(" + experimentFile.getFileName() + ")가 없거나 손상되었습니다");
      return null;
    }
    String difference = experiment.differenceFrom(saved);
    if (difference != null) {
      System.out.println("저장된 가중치(" + params.getFileName() + ")는 다른 실험의 것이라 쓰지 않고 새로 학습합니다: "
          + difference + ".");
      return null;
    }
    History history;
    try {
      history = readHistory(csv);
    } catch (IOException | RuntimeException e) {
      setAside(files, "저장된 학습 기록(" + csv.getFileName() + ")이 없거나 손상되었습니다");
      return null;
    }
    try {
      loadInPlace(params, trainer);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      setAside(files, "저장된 가중치(" + params.getFileName() + ")가 없거나 손상되었습니다");
      return null;
    }
    System.out.println("같은 실험의 저장된 가중치를 불러왔습니다: " + params
        + " (설정을 바꾸면 새로 학습합니다. 같은 설정으로 다시 학습하려면 이 파일을 지우세요)");
    return history;
  }

  /**
   * Loads the parameters into the arrays the model has now, so a trainer made before keeps working
   * with them; on a damaged file the model keeps its weights.
   */
  private static void loadInPlace(Path params, Trainer trainer) throws IOException, MalformedModelException {
    Block block = trainer.getModel().getBlock();
    Map<Parameter, NDArray> before = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      before.put(p.getValue(), p.getValue().getArray());
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
      block.loadParameters(trainer.getModel().getNDManager(), in);
      if (in.read() != -1) {
        throw new IOException("data after the parameters");
      }
      for (Map.Entry<Parameter, NDArray> p : before.entrySet()) {
        NDArray read = p.getKey().getArray();
        if (!read.getShape().equals(p.getValue().getShape()) || read.getDataType() != p.getValue().getDataType()) {
          throw new IOException("parameter " + p.getKey().getName() + " is " + read.getShape());
        }
      }
      for (Map.Entry<Parameter, NDArray> p : before.entrySet()) {
        NDArray read = p.getKey().getArray();
        if (read != p.getValue()) {
          p.getValue().set(read.toByteBuffer());
        }
      }
    } finally {
      for (Map.Entry<Parameter, NDArray> p : before.entrySet()) {
        NDArray read = p.getKey().getArray();
        if (read != p.getValue()) {
          setArray(p.getKey(), p.getValue());
          read.close();
        }
      }
    }
  }

  /** Puts an array back into a parameter (DJL's setArray refuses once a shape is set). */
  private static void setArray(Parameter parameter, NDArray array) {
    if (!Internals.setField(parameter, "array", array)) {
      throw new IllegalStateException("DJL's Parameter has no field 'array'");
    }
  }

  private static History readHistory(Path csv) throws IOException {
    if (!Files.isRegularFile(csv) || Files.size(csv) == 0) {
      throw new IOException("missing or empty");
    }
    Table table = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()));
    if (table.rowCount() == 0) {
      throw new IOException("no epochs");
    }
    String run = table.columnNames().contains(RUN_COLUMN) ? table.column(RUN_COLUMN).getString(0) : csv.getFileName().toString();
    History history = History.fromTable(run, table);
    if (history.last().isEmpty()) {
      throw new IOException("no epochs");
    }
    return history;
  }

  /** Renames damaged files so they are never read again, and says so in one line. */
  private static void setAside(List<Path> files, String why) {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    List<String> moved = new ArrayList<>();
    for (Path f : files) {
      if (Files.exists(f)) {
        Path aside = f.resolveSibling(f.getFileName() + ".damaged-" + stamp);
        try {
          Files.move(f, aside, StandardCopyOption.REPLACE_EXISTING);
          moved.add(aside.getFileName().toString());
        } catch (IOException e) {
          try {
            Files.deleteIfExists(f);
          } catch (IOException ignored) {
            // cannot move or delete: the experiment file check still refuses it next time
          }
        }
      }
    }
    System.out.println("⚠ " + why + ": 새로 학습합니다. 그 파일은 " + (moved.isEmpty() ? "지웠습니다" : String.join(", ", moved) + "(으)로 옮겨 두었습니다") + ".");
  }

  /**
   * Writes weights, history and experiment. A folder that cannot be written gives a warning; the
   * training's results stay in the notebook.
   */
  private static void save(Path params, Block block, History history, Experiment experiment) {
    Path experimentFile = sibling(params, ".experiment.txt");
    Path csv = sibling(params, ".history.csv");
    List<Path> temporary = new ArrayList<>();
    try {
      Files.createDirectories(params.getParent());
      Files.deleteIfExists(experimentFile); // until all three are written, nothing is reused
      String name = params.getFileName().toString();
      Path tmp = Files.createTempFile(params.getParent(), name, ".tmp");
      temporary.add(tmp);
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        block.saveParameters(out);
      }
      Path tmpCsv = Files.createTempFile(params.getParent(), name, ".csv.tmp");
      temporary.add(tmpCsv);
      Table table = history.table();
      table.addColumns(StringColumn.create(RUN_COLUMN, Collections.nCopies(table.rowCount(), history.name())));
      table.write().csv(tmpCsv.toFile());
      Path tmpExperiment = Files.createTempFile(params.getParent(), name, ".experiment.tmp");
      temporary.add(tmpExperiment);
      experiment.write(tmpExperiment);
      Files.move(tmp, params, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmpCsv, csv, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmpExperiment, experimentFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      System.out.println("가중치를 저장했습니다: " + params);
    } catch (IOException | RuntimeException e) {
      for (Path t : temporary) {
        try {
          Files.deleteIfExists(t);
        } catch (IOException ignored) {
          // best effort
        }
      }
      System.out.println("⚠ 가중치를 저장하지 못했습니다 (" + params.getParent() + ": " + e.getMessage() + "). 학습한 모델과 기록은"
          + " 이 노트북에 그대로 있습니다. 다음에 다시 학습하지 않으려면 " + DIR_ENV + "를 쓸 수 있는 폴더로 정하고 커널을 다시 시작하세요.");
    }
  }

  private static Path sibling(Path params, String suffix) {
    String f = params.getFileName().toString();
    return params.resolveSibling(f.substring(0, f.length() - ".params".length()) + suffix);
  }
}
