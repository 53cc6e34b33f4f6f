package kr.dlcourse.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.TabularDatasets;
import kr.dlcourse.eval.BinaryMetrics;
import kr.dlcourse.eval.ConfusionMatrix;
import kr.dlcourse.nn.Parameters;
import kr.dlcourse.setup.Course;
import kr.dlcourse.train.LearningRates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * The Iris and breast-cancer lessons end to end on the bundled data, with the loop written out as
 * the notebooks write it: a broken split, scaler, loader or label type scores near chance and fails.
 */
class TabularTrainingTest {

  private static int threads;

  /**
   * One intra-op thread while these tiny models train: each operator works on a few hundred
   * numbers, so waking a second thread costs more than it saves. On the 2-core machine, loaded by
   * other jobs, the two tests took 0.8 s each with one thread against 16-21 s with two (same
   * accuracies); the setting is restored afterwards.
   */
  @BeforeAll
  static void oneThread() {
    Course.setup(42);
    threads = JniUtils.getNumThreads();
    JniUtils.setNumThreads(1);
  }

  @AfterAll
  static void restoreThreads() {
    JniUtils.setNumThreads(threads);
  }

  /** The lesson's IrisClassifier: fc1 4→16, ReLU, Dropout 0.2, fc2 16→8, ReLU, Dropout 0.2, fc3 8→3. */
  static Block irisClassifier() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(16).build())
        .add(Activation::relu)
        .add(Dropout.builder().optRate(0.2f).build())
        .add(Linear.builder().setUnits(8).build())
        .add(Activation::relu)
        .add(Dropout.builder().optRate(0.2f).build())
        .add(Linear.builder().setUnits(3).build());
  }

  /** The lesson's CancerClassifier: 30→64, ReLU, 64→32, ReLU, 32→1 (one logit). */
  static Block cancerClassifier() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(64).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(32).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(1).build());
  }

  @Test
  void irisClassifierReachesNinetyPercent() {
    Course.setup(42);
    Table iris = TabularDatasets.iris();
    float[][] x = TableArrays.features(iris, TableArrays.featureNames(iris, TabularDatasets.IRIS_LABEL));
    int[] y = TableArrays.labels(iris, TabularDatasets.IRIS_LABEL, TabularDatasets.IRIS_CLASSES);
    StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);
    StandardScaler scaler = StandardScaler.fit(split.train(x));
    TabularBatches trainLoader =
        TabularData.of(scaler.transform(split.train(x)), split.train(y)).named("Iris 학습").batches(16).shuffle(42);
    TabularBatches testLoader = TabularData.of(scaler.transform(split.test(x)), split.test(y)).batches(16);
    assertEquals(8, trainLoader.count());

    try (Model model = Model.newInstance("iris")) {
      model.setBlock(irisClassifier());
      // optim.Adam(lr=0.01) + StepLR(step_size=30, gamma=0.1)
      Tracker lr = LearningRates.step(0.01, 30, 0.1, trainLoader.count());
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 4));
        assertEquals(243, Parameters.count(model.getBlock()), "PyTorch's count for IrisClassifier");
        long start = System.nanoTime();
        double lastLoss = 0;
        for (int epoch = 0; epoch < 100; epoch++) {
          lastLoss = trainEpoch(trainer, trainLoader);
        }
        int[] predicted = new int[split.testSize()];
        int[] truth = new int[split.testSize()];
        int n = 0;
        for (Batch b : testLoader) {
          NDArray out = trainer.evaluate(b.data()).singletonOrThrow();
          out.attach(b.manager());
          long[] p = out.argMax(1).toLongArray();
          long[] t = b.y().toLongArray();
          for (int i = 0; i < p.length; i++, n++) {
            predicted[n] = (int) p[i];
            truth[n] = (int) t[i];
          }
        }
        ConfusionMatrix cm = ConfusionMatrix.of(truth, predicted, TabularDatasets.IRIS_CLASSES);
        System.out.printf(
            "Iris: test accuracy %.4f (%d/%d), last train loss %.4f, %.1f s%n%s%n",
            cm.accuracy(), Math.round(cm.accuracy() * cm.total()), cm.total(), lastLoss,
            (System.nanoTime() - start) / 1e9, cm.report().print());
        assertEquals(30, cm.total());
        assertTrue(cm.accuracy() >= 0.9, "Iris test accuracy " + cm.accuracy());
      }
    }
  }

  @Test
  void cancerClassifierReachesNinetyPercent() {
    Course.setup(42);
    Table cancer = TabularDatasets.breastCancer();
    float[][] x = TableArrays.features(cancer, TableArrays.featureNames(cancer, TabularDatasets.CANCER_LABEL));
    int[] y = TableArrays.labels(cancer, TabularDatasets.CANCER_LABEL, TabularDatasets.CANCER_CLASSES);
    StratifiedSplit split = StratifiedSplit.of(y, 0.2, 42);
    StandardScaler scaler = StandardScaler.fit(split.train(x));
    TabularBatches trainLoader =
        TabularData.binary(scaler.transform(split.train(x)), split.train(y)).batches(32).shuffle(42);
    TabularBatches testLoader = TabularData.binary(scaler.transform(split.test(x)), split.test(y)).batches(64);

    try (Model model = Model.newInstance("cancer")) {
      model.setBlock(cancerClassifier());
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss()) // BCEWithLogitsLoss
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 30));
        assertEquals(4_097, Parameters.count(model.getBlock()), "PyTorch's count for CancerClassifier");
        long start = System.nanoTime();
        double lastLoss = 0;
        for (int epoch = 0; epoch < 50; epoch++) {
          lastLoss = trainEpoch(trainer, trainLoader);
        }
        int[] predicted = new int[split.testSize()];
        int[] truth = new int[split.testSize()];
        int n = 0;
        for (Batch b : testLoader) {
          NDArray out = trainer.evaluate(b.data()).singletonOrThrow();
          out.attach(b.manager());
          // torch.round(torch.sigmoid(out)): sigmoid > 0.5 exactly when the logit > 0
          int[] p = out.gt(0).toType(DataType.INT32, false).toIntArray();
          float[] t = b.y().toFloatArray();
          for (int i = 0; i < p.length; i++, n++) {
            predicted[n] = p[i];
            truth[n] = (int) t[i];
          }
        }
        BinaryMetrics m = BinaryMetrics.of(truth, predicted, TabularDatasets.CANCER_CLASSES, 0);
        System.out.printf(
            "Breast cancer: test accuracy %.4f, last train loss %.4f, %.1f s%n%s%n%s%n",
            m.accuracy(), lastLoss, (System.nanoTime() - start) / 1e9, m, m.table().print());
        assertEquals(114, m.total());
        assertTrue(m.accuracy() >= 0.9, "breast cancer test accuracy " + m.accuracy());
        assertTrue(m.recall() >= 0.8, "malignant tumours found: " + m.recall());
      }
    }
  }

  /** One epoch as notebook 02 writes it; returns the mean training loss. */
  static double trainEpoch(Trainer trainer, TabularBatches loader) {
    double total = 0;
    int n = 0;
    for (Batch b : loader) {
      NDArray out;
      NDArray loss;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        out = trainer.forward(b.data()).singletonOrThrow();
        loss = trainer.getLoss().evaluate(b.labels(), new NDList(out));
        collector.backward(loss);
      }
      trainer.step();
      out.attach(b.manager());
      loss.attach(b.manager());
      total += loss.getFloat() * b.size();
      n += b.size();
    }
    return total / n;
  }
}
