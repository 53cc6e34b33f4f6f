package kr.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Files;
import java.util.List;
import kr.dlcourse.data.Cifar10;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.data.Normalization;
import kr.dlcourse.data.SyntheticCifar;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.StoppedException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingTest {

  static ImageDataset train;
  static ImageDataset val;

  @BeforeAll
  static void data() throws Exception {
    Course.setup();
    java.nio.file.Path file = Files.createTempFile("train-test", ".tar.gz");
    String md5 = SyntheticCifar.writeArchive(file, 60, 20, 3);
    Cifar10.Sets sets = Cifar10.loadFile(file, new Cifar10.Source("synthetic", "x", "x", List.of(), md5));
    train = sets.train();
    val = sets.test();
  }

  static SequentialBlock smallCnn() {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
        .add(Activation::relu)
        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Pool.globalMaxPool2dBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(10).build());
  }

  @Test
  void aStopRequestEndsFitBetweenBatchesSaysWhereAndKeepsWhatWasDone() {
    try (Model model = Model.newInstance("stop");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(smallCnn());
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        var trainBatches = train.batches(30).shuffle(1).normalize(Normalization.CIFAR10);
        var valBatches = val.batches(manager, 20).normalize(Normalization.CIFAR10);
        History first = Training.fit(trainer, trainBatches, valBatches, 1, FitOptions.named("stop"));
        float[] before = model.getBlock().getParameters().valueAt(0).getArray().toFloatArray();

        Thread.currentThread().interrupt(); // the ■ button, before the next batch
        StoppedException stop =
            assertThrows(StoppedException.class,
                () -> Training.fit(trainer, trainBatches, valBatches, 3, FitOptions.named("stop")));
        assertFalse(Thread.currentThread().isInterrupted(), "the request is used up");
        assertTrue(stop.getMessage().startsWith("stop 학습을 에폭 2/4, 배치 0/" + trainBatches.count() + "에서 멈췄습니다."),
            stop.getMessage());
        assertEquals(first.epochs(), Training.lastHistory().epochs(), "the finished epoch is kept");
        assertArrayEquals(before, model.getBlock().getParameters().valueAt(0).getArray().toFloatArray(),
            "no half step: the weights are those of the last finished step");

        History more = Training.fit(trainer, trainBatches, valBatches, 1, FitOptions.named("stop"));
        assertEquals(List.of(1, 2), more.epochs().stream().map(EpochResult::epoch).toList(), "training goes on, numbered on");
      }
    }
  }

  @Test
  void fitLearnsRecordsEveryEpochAndKeepsTheBestWeights() {
    try (Model model = Model.newInstance("t");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(smallCnn());
      Tracker lr = LearningRates.cosine(0.02, 4, train.batches(manager, 50).count());
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        var trainBatches = train.batches(manager, 50).shuffle(1).normalize(Normalization.CIFAR10);
        var valBatches = val.batches(manager, 100).normalize(Normalization.CIFAR10);
        History h = Training.fit(trainer, trainBatches, valBatches, 4, FitOptions.named("small").keepBest().learningRate(lr));

        assertEquals(4, h.size());
        assertEquals(List.of(1, 2, 3, 4), h.epochs().stream().map(EpochResult::epoch).toList());
        assertTrue(h.last().orElseThrow().trainLoss() < h.epochs().get(0).trainLoss(), h.table().print());
        assertTrue(h.best().orElseThrow().valAccuracy() > 0.3, "far above chance (0.1): " + h.table().print());
        assertEquals(0.02, h.epochs().get(0).learningRate(), 1e-6);
        assertEquals(0.02 * (1 + Math.cos(3 * Math.PI / 4)) / 2, h.last().orElseThrow().learningRate(), 1e-6);
        // keepBest: the model now scores the best epoch's validation accuracy
        assertEquals(h.best().orElseThrow().valAccuracy(), Training.evaluate(trainer, valBatches).accuracy(), 1e-9);
        assertEquals(0, manager.getManagedArrays().size(), "every batch's arrays were freed");

        History back = History.fromTable("small", h.table());
        assertEquals(h.epochs(), back.epochs());
        assertTrue(h.accuracyChart().asJavascript("d").contains("val_acc"));
      }
    }
  }

  @Test
  void schedulesFollowPyTorchPerEpoch() {
    Tracker step = LearningRates.step(0.1, 2, 0.5, 10);
    assertEquals(0.1f, step.getNewValue(1), 1e-7);   // epoch 1
    assertEquals(0.1f, step.getNewValue(20), 1e-7);  // still epoch 2
    assertEquals(0.05f, step.getNewValue(21), 1e-7); // epoch 3
    assertEquals(0.025f, step.getNewValue(41), 1e-7);
    Tracker cosine = LearningRates.cosine(0.1, 4, 10);
    assertEquals(0.1f, cosine.getNewValue(1), 1e-7);
    assertEquals(0.05f, cosine.getNewValue(21), 1e-6); // epoch 3 of 4: halfway
    CourseException noEpochs = assertThrows(CourseException.class, () -> LearningRates.cosine(0.1, 0, 10));
    assertEquals("인자 오류", noEpochs.title());
    assertTrue(noEpochs.getMessage().contains("epochs는 1 이상이어야 합니다 (받은 값: 0)"), noEpochs.getMessage());
    CourseException lr = assertThrows(CourseException.class, () -> LearningRates.step(-0.10000000149011612, 1, 0.1, 10));
    assertTrue(lr.getMessage().contains("(받은 값: lr -0.1, batchesPerEpoch 10)"), lr.getMessage());
  }
}
