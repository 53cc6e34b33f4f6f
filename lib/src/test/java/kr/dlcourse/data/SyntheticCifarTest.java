package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

/** The stand-in for CIFAR-10: the right format, and a small CNN learns it far above chance. */
class SyntheticCifarTest {

  @Test
  void aSmallCnnLearnsItFarAboveChance() {
    Course.setup();
    Cifar10.Sets sets = Cifar10.read(write(), source());
    assertArrayEquals(new int[] {500, 500, 500, 500, 500, 500, 500, 500, 500, 500}, sets.train().classCounts());
    assertEquals(1000, sets.test().size());
    assertEquals(Cifar10.CLASSES, sets.train().classNames());

    SequentialBlock net =
        new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
            .add(Activation::relu)
            .add(Pool.maxPool2dBlock(new Shape(2, 2)))
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
            .add(Activation::relu)
            .add(Pool.globalMaxPool2dBlock())
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(10).build());
    try (Model model = Model.newInstance("synthetic");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(net);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        for (int epoch = 0; epoch < 4; epoch++) {
          for (Batch b : sets.train().batches(manager, 100).shuffle(epoch).normalize(Normalization.CIFAR10)) {
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray out = trainer.forward(b.data()).singletonOrThrow();
              gc.backward(trainer.getLoss().evaluate(b.labels(), new NDList(out)));
            }
            trainer.step();
          }
        }
        long correct = 0;
        for (Batch b : sets.test().batches(manager, 250).normalize(Normalization.CIFAR10)) {
          NDArray predicted = trainer.evaluate(b.data()).singletonOrThrow().argMax(1);
          correct += predicted.eq(b.y()).sum().getLong();
        }
        double accuracy = correct / 1000.0;
        assertTrue(accuracy > 0.5, "test accuracy " + accuracy + " (chance is 0.1)");
      }
    }
  }

  private static java.nio.file.Path write() {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("synthetic-cifar", ".tar.gz");
      md5 = SyntheticCifar.writeArchive(file, 500, 100, SyntheticCifar.SEED);
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String md5;

  private static Cifar10.Source source() {
    return new Cifar10.Source("CIFAR-10 (synthetic)", "unused", "x", List.of(), md5);
  }
}
