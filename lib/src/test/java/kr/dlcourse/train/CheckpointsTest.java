package kr.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kr.dlcourse.augment.Augmentations;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.Cifar10;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.data.Normalization;
import kr.dlcourse.data.SyntheticCifar;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Saved weights are reused only by the same experiment; damaged files and read-only folders never lose a training. */
class CheckpointsTest {

  static ImageDataset train;
  static ImageDataset val;
  static final Shape INPUT = new Shape(1, 3, 32, 32);

  @BeforeAll
  static void data() throws Exception {
    Course.setup();
    Path file = Files.createTempFile("checkpoints-test", ".tar.gz");
    String md5 = SyntheticCifar.writeArchive(file, 40, 20, 5);
    Cifar10.Sets sets = Cifar10.loadFile(file, new Cifar10.Source("synthetic", "x", "x", List.of(), md5));
    train = sets.train();
    val = sets.test();
  }

  static Block cnn(float dropout, boolean sigmoid) {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build())
        .add(sigmoid ? Activation::sigmoid : Activation::relu)
        .add(Pool.globalAvgPool2dBlock())
        .add(Dropout.builder().optRate(dropout).build())
        .add(Linear.builder().setUnits(10).build());
  }

  /** One training cell: a new model and trainer, then Checkpoints.fit; returns what it printed. */
  record Run(History history, String printed, float firstWeight, double valAccuracy) {}

  static Run cell(String name, Supplier<Block> block, Tracker lr, Batches trainBatches, int epochs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try (Model model = Model.newInstance(name)) {
      model.setBlock(block.get());
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build()))) {
        trainer.initialize(INPUT);
        Batches valBatches = val.batches(20).normalize(Normalization.CIFAR10);
        History h = Checkpoints.fit(name, trainer, trainBatches, valBatches, epochs, FitOptions.named(name + " run"));
        float w = model.getBlock().getParameters().valueAt(0).getArray().toFloatArray()[0];
        double accuracy = Training.evaluate(trainer, valBatches).accuracy();
        return new Run(h, out.toString(StandardCharsets.UTF_8), w, accuracy);
      }
    } finally {
      System.setOut(old);
    }
  }

  static Batches plain() {
    return train.batches(20).shuffle(1).normalize(Normalization.CIFAR10);
  }

  static Run defaultCell(String name) {
    return cell(name, () -> cnn(0.3f, false), Tracker.fixed(0.01f), plain(), 2);
  }

  static void clear(String name) throws Exception {
    Path params = Checkpoints.file(name);
    try (Stream<Path> files = Files.list(params.getParent())) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList()) {
        Files.delete(p);
      }
    }
  }

  static boolean trained(Run r) {
    return r.printed().contains("가중치를 저장했습니다") && !r.printed().contains("불러왔습니다");
  }

  @Test
  void theSameExperimentLoadsTheSameWeightsIntoANewTrainer() throws Exception {
    Files.createDirectories(Checkpoints.dir());
    clear("same");
    Run first = defaultCell("same");
    assertTrue(trained(first), first.printed());
    Run second = defaultCell("same");
    assertTrue(second.printed().contains("같은 실험의 저장된 가중치를 불러왔습니다"), second.printed());
    assertEquals(first.firstWeight(), second.firstWeight(), "the trainer uses the loaded weights");
    assertEquals(first.valAccuracy(), second.valAccuracy(), 1e-9, "same weights, same score");
    assertEquals(first.history().epochs(), second.history().epochs());
    assertEquals("same run", second.history().name());
  }

  @Test
  void anyChangeToTheExperimentTrainsAnewAndSaysWhat() throws Exception {
    clear("changes");
    assertTrue(trained(defaultCell("changes")));
    // same shapes, other dropout rate: the measured case of notebook 06
    Run dropout = cell("changes", () -> cnn(0.9f, false), Tracker.fixed(0.01f), plain(), 2);
    assertTrue(dropout.printed().contains("다른 실험의 것이라 쓰지 않고 새로 학습합니다: 모델의 층이 다릅니다"), dropout.printed());
    assertTrue(trained(dropout));
    // same shapes, sigmoid instead of ReLU
    Run sigmoid = cell("changes", () -> cnn(0.9f, true), Tracker.fixed(0.01f), plain(), 2);
    assertTrue(sigmoid.printed().contains("모델의 층이 다릅니다"), sigmoid.printed());
    // a schedule instead of a fixed rate
    Run cosine = cell("changes", () -> cnn(0.9f, true), LearningRates.cosine(0.01, 2, plain().count()), plain(), 2);
    assertTrue(cosine.printed().contains("학습률 스케줄이 다릅니다"), cosine.printed());
    Run step = cell("changes", () -> cnn(0.9f, true), LearningRates.step(0.01, 1, 0.1, plain().count()), plain(), 2);
    assertTrue(step.printed().contains("학습률 스케줄이 다릅니다"), step.printed());
    // more epochs
    Run epochs = cell("changes", () -> cnn(0.9f, true), LearningRates.step(0.01, 1, 0.1, plain().count()), plain(), 3);
    assertTrue(epochs.printed().contains("학습률 스케줄이 다릅니다") || epochs.printed().contains("에폭 수가 다릅니다"), epochs.printed());
    assertTrue(trained(epochs));
    // augmentation
    Batches augmented = plain().augment(Augmentations.lessonPipeline(), 3);
    Run aug = cell("changes", () -> cnn(0.9f, true), LearningRates.step(0.01, 1, 0.1, plain().count()), augmented, 3);
    assertTrue(aug.printed().contains("증강이 다릅니다"), aug.printed());
    // other data (a subset)
    Batches fewer = train.head(60).batches(20).shuffle(1).normalize(Normalization.CIFAR10);
    Run data = cell("changes", () -> cnn(0.9f, true), Tracker.fixed(0.01f), fewer, 3);
    assertTrue(data.printed().contains("다릅니다"), data.printed());
    // another architecture (other shapes): no exception, trains
    Run wide = cell("changes", () -> new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build()),
        Tracker.fixed(0.01f), fewer, 3);
    assertTrue(wide.printed().contains("모델의 파라미터가 다릅니다"), wide.printed());
    assertTrue(trained(wide));
    // and back to it: loads
    Run again = cell("changes", () -> new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build()),
        Tracker.fixed(0.01f), fewer, 3);
    assertTrue(again.printed().contains("불러왔습니다"), again.printed());
  }

  @Test
  void damagedWeightsAreSetAsideAndTheCellTrains() throws Exception {
    Random random = new Random(5);
    byte[] noise = new byte[3000];
    random.nextBytes(noise);
    clear("other");
    defaultCell("other");
    byte[] another = Files.readAllBytes(Checkpoints.file("other"));
    for (String kind : List.of("truncated", "empty", "random", "another model", "text")) {
      clear("damaged");
      Run first = defaultCell("damaged");
      Path params = Checkpoints.file("damaged");
      byte[] good = Files.readAllBytes(params);
      byte[] bad = switch (kind) {
        case "truncated" -> java.util.Arrays.copyOf(good, good.length / 2);
        case "empty" -> new byte[0];
        case "random" -> noise;
        case "another model" -> another.length == good.length ? new byte[1] : another;
        default -> "hello, this is not a checkpoint\n".getBytes(StandardCharsets.UTF_8);
      };
      Files.write(params, bad);
      Run second = defaultCell("damaged");
      assertTrue(second.printed().contains("⚠ 저장된 가중치(damaged-quick.params)가 없거나 손상되었습니다: 새로 학습합니다.")
          || second.printed().contains("⚠ 저장된 가중치(damaged-full.params)가 없거나 손상되었습니다: 새로 학습합니다."),
          kind + ": " + second.printed());
      assertTrue(trained(second), kind);
      assertEquals(first.history().size(), second.history().size());
      try (Stream<Path> files = Files.list(params.getParent())) {
        assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("damaged-") && p.getFileName().toString().contains(".params.damaged-")),
            kind + ": the damaged file is set aside");
      }
      Run third = defaultCell("damaged");
      assertTrue(third.printed().contains("불러왔습니다"), kind + ": the new weights are used next time");
    }
  }

  @Test
  void aDamagedOrMissingHistoryIsSetAside() throws Exception {
    for (String kind : List.of("missing", "empty", "garbage")) {
      clear("history");
      defaultCell("history");
      Path csv = Checkpoints.dir().resolve(Checkpoints.file("history").getFileName().toString().replace(".params", ".history.csv"));
      switch (kind) {
        case "missing" -> Files.delete(csv);
        case "empty" -> Files.write(csv, new byte[0]);
        default -> Files.writeString(csv, "a,b\n1,2\n");
      }
      Run again = defaultCell("history");
      assertTrue(again.printed().contains("저장된 학습 기록(history-"), kind + ": " + again.printed());
      assertTrue(trained(again), kind);
      assertEquals(2, again.history().size(), kind + ": a real history, not an empty one");
    }
  }

  @Test
  void anUnwritableFolderWarnsAndKeepsTheTraining() throws Exception {
    Files.createDirectories(Checkpoints.dir());
    Path blocker = Checkpoints.dir().resolve("blocked");
    Files.deleteIfExists(blocker);
    Files.writeString(blocker, "a file where the folder should be"); // root can write anywhere else
    Run run = defaultCell("blocked/model");
    assertTrue(run.printed().contains("⚠ 가중치를 저장하지 못했습니다"), run.printed());
    assertTrue(run.printed().contains("학습한 모델과 기록은 이 노트북에 그대로 있습니다"), run.printed());
    assertNotNull(run.history());
    assertEquals(2, run.history().size());
    assertFalse(run.printed().contains("Exception"), run.printed());
    Files.delete(blocker);
  }
}
