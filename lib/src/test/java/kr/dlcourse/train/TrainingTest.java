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
import ai.djl.ndarray.NDArray;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.Batches;
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

  /**
   * A binary set of 1×8×8 images: label 1 brighter on average than label 0, but each image has its
   * own brightness, so the classes overlap and even a trained model gets some wrong (about 1 in 8).
   */
  static ImageDataset binary(String name, int n, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[n * 64];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(2);
      int base = (labels[i] == 1 ? 100 : 70) + random.nextInt(41) - 20;
      for (int k = 0; k < 64; k++) {
        pixels[i * 64 + k] = (byte) (base + random.nextInt(90));
      }
    }
    return ImageDataset.of(name, pixels, labels, new Shape(1, 8, 8), List.of("dark", "bright"), List.of("어두움", "밝음"));
  }

  /** Loss and accuracy of a binary model over the batches, computed in Java from its outputs. */
  static double[] byHand(Trainer trainer, Batches batches, boolean probabilities) {
    double lossSum = 0;
    long right = 0;
    long n = 0;
    for (Batch b : batches) {
      float[] out = trainer.evaluate(b.data()).singletonOrThrow().toFloatArray();
      long[] y = b.y().toLongArray();
      for (int i = 0; i < out.length; i++) {
        double p = probabilities ? out[i] : 1 / (1 + Math.exp(-out[i]));
        lossSum += -(y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p));
        right += Math.round(p) == y[i] ? 1 : 0;
        n++;
      }
    }
    return new double[] {lossSum / n, (double) right / n};
  }

  static SequentialBlock binaryModel(boolean sigmoid) {
    SequentialBlock block =
        new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(1).build());
    return sigmoid ? block.add(Activation.sigmoidBlock()) : block;
  }

  @Test
  void binaryModelsLearnFromIntLabelsWithLogitsOrProbabilities() {
    ImageDataset trainSet = binary("binary train", 400, 1);
    ImageDataset valSet = binary("binary val", 200, 2);
    Normalization stats = new Normalization(new float[] {0.5f}, new float[] {0.25f});
    for (boolean sigmoid : new boolean[] {false, true}) {
      Loss loss = sigmoid ? Loss.sigmoidBinaryCrossEntropyLoss("BCELoss", 1, true) : Loss.sigmoidBinaryCrossEntropyLoss();
      try (Model model = Model.newInstance("binary");
          NDManager manager = NDManager.newBaseManager()) {
        model.setBlock(binaryModel(sigmoid));
        DefaultTrainingConfig config =
            new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
        try (Trainer trainer = model.newTrainer(config)) {
          trainer.initialize(new Shape(1, 1, 8, 8));
          Batches trainBatches = trainSet.batches(manager, 50).shuffle(3).normalize(stats);
          Batches valBatches = valSet.batches(manager, 64).normalize(stats);

          // before training: the loss is BCE (positive, as PyTorch's) and accuracy rounds the output
          Training.Pass before = Training.evaluate(trainer, valBatches);
          double[] hand = byHand(trainer, valBatches, sigmoid);
          assertEquals(hand[0], before.loss(), 1e-5, "loss of " + loss.getName());
          assertEquals(hand[1], before.accuracy(), 1e-12, "accuracy of " + loss.getName());
          assertTrue(before.loss() > 0);

          History h = Training.fit(trainer, trainBatches, valBatches, 4, FitOptions.named(loss.getName()));
          Training.Pass after = Training.evaluate(trainer, valBatches);
          hand = byHand(trainer, valBatches, sigmoid);
          assertEquals(hand[0], after.loss(), 1e-5);
          assertEquals(hand[1], after.accuracy(), 1e-12);
          assertTrue(after.loss() < before.loss(), loss.getName() + " learns: " + h.table().print());
          assertTrue(after.accuracy() > 0.75, loss.getName() + ": " + h.table().print());
          assertTrue(after.accuracy() > before.accuracy() + 0.1, before + " → " + after);
          assertTrue(h.last().orElseThrow().trainAccuracy() > 0.75, h.table().print());
          assertEquals(0, manager.getManagedArrays().size(), "every batch's arrays were freed");

          // a loop written out in a notebook gets the same numbers
          try (Batch b = valBatches.first()) {
            NDArray out = trainer.evaluate(b.data()).singletonOrThrow();
            assertEquals(new Shape(64, 1), out.getShape());
            assertTrue(Training.loss(trainer, b, out).getFloat() > 0);
            long right = Training.correct(trainer, b, out);
            assertTrue(right >= 0 && right <= 64);
          }
        }
      }
    }
  }

  @Test
  void aBinaryModelWithTheWrongLossOrLabelsGetsAKoreanLine() {
    ImageDataset binarySet = binary("binary", 40, 4);
    try (Model model = Model.newInstance("wrong");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(binaryModel(false));
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
        trainer.initialize(new Shape(1, 1, 8, 8));
        CourseException e = assertThrows(CourseException.class,
            () -> Training.evaluate(trainer, binarySet.batches(manager, 20)));
        assertEquals("인자 오류", e.title());
        assertTrue(e.getMessage().startsWith("출력이 하나인 모델(이진 분류, 모양 (20, 1))에 Loss.softmaxCrossEntropyLoss()를 쓰면"), e.getMessage());
        assertTrue(e.getMessage().contains("Loss.sigmoidBinaryCrossEntropyLoss(\"BCELoss\", 1, true)"), e.getMessage());
      }
    }
    try (Model model = Model.newInstance("wrong");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(binaryModel(false));
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss()))) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        CourseException e = assertThrows(CourseException.class,
            () -> Training.evaluate(trainer, val.batches(manager, 20)));
        assertEquals("인자 오류", e.title());
        assertTrue(e.getMessage().contains("레이블에 2 이상의 값이 있습니다 (가장 큰 레이블: 9)"), e.getMessage());
      }
    }
    try (Model model = Model.newInstance("wrong");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(smallCnn());
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss()))) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        CourseException e = assertThrows(CourseException.class,
            () -> Training.evaluate(trainer, val.batches(manager, 20)));
        assertEquals("모양 오류", e.title());
        assertTrue(e.getMessage().contains("출력이 하나인 이진 분류 모델에 씁니다 (모델 출력 모양: (20, 10))"), e.getMessage());
      }
    }
  }

  /** The training images again with every label moved to the next class: learning them makes this worse. */
  static ImageDataset wrongLabels(ImageDataset data) {
    int sample = data.channels() * data.height() * data.width();
    byte[] pixels = new byte[data.size() * sample];
    int[] labels = new int[data.size()];
    for (int i = 0; i < data.size(); i++) {
      System.arraycopy(data.pixels(i), 0, pixels, i * sample, sample);
      labels[i] = (data.label(i) + 1) % data.numClasses();
    }
    return ImageDataset.of("wrong labels", pixels, labels, data.imageShape(), data.classNames(), data.koreanNames());
  }

  static String printed(Supplier<?> work) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      work.get();
    } finally {
      System.setOut(original);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }

  @Test
  void earlyStoppingStopsWhenTheValidationLossGetsWorseAndRestoresTheBestEpoch() {
    ImageDataset misleading = wrongLabels(train);
    try (Model model = Model.newInstance("early");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(smallCnn());
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        var trainBatches = train.batches(manager, 50).shuffle(1).normalize(Normalization.CIFAR10);
        var valBatches = misleading.batches(manager, 200).normalize(Normalization.CIFAR10);
        int patience = 2;
        History[] run = new History[1];
        String out = printed(() -> run[0] = Training.fit(trainer, trainBatches, valBatches, 12, FitOptions.named("early").earlyStopping(patience)));
        History h = run[0];

        EpochResult best = h.epochs().stream().min(java.util.Comparator.comparingDouble(EpochResult::valLoss)).orElseThrow();
        assertTrue(h.size() < 12, "stopped early: " + h.table().print());
        assertEquals(best.epoch() + patience, h.size(), "stopped " + patience + " epochs after the best: " + h.table().print());
        assertEquals(h.size(), h.last().orElseThrow().epoch());
        assertTrue(h.last().orElseThrow().valLoss() > best.valLoss());
        assertTrue(out.contains("검증 손실이 2 에폭 동안 나아지지 않아 에폭 " + h.size() + "에서 멈춥니다. 가장 좋았던 에폭 "
            + best.epoch() + "의 가중치로 돌려놓습니다.\n"), out);
        // the model holds the best epoch's weights again
        assertEquals(best.valLoss(), Training.evaluate(trainer, valBatches).loss(), 1e-6 * best.valLoss());
        assertEquals(h.epochs(), Training.lastHistory().epochs());
        assertEquals(0, manager.getManagedArrays().size(), "every batch's arrays were freed");
      }
    }
  }

  @Test
  void earlyStoppingThatNeverTriggersRunsEveryEpochAndEndsWithTheLowestValidationLoss() {
    try (Model model = Model.newInstance("early");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(smallCnn());
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        var trainBatches = train.batches(manager, 50).shuffle(1).normalize(Normalization.CIFAR10);
        var valBatches = val.batches(manager, 100).normalize(Normalization.CIFAR10);
        History[] run = new History[1];
        String out = printed(() -> run[0] = Training.fit(trainer, trainBatches, valBatches, 3, FitOptions.named("patient").earlyStopping(5)));
        History h = run[0];
        assertEquals(3, h.size(), "no stop within 3 epochs with patience 5");
        assertFalse(out.contains("멈춥니다"), out);
        double lowest = h.epochs().stream().mapToDouble(EpochResult::valLoss).min().orElseThrow();
        assertEquals(lowest, Training.evaluate(trainer, valBatches).loss(), 1e-6 * lowest);
      }
    }
  }

  @Test
  void earlyStoppingNeedsValidationPatienceAndNoKeepBest() {
    CourseException patience = assertThrows(CourseException.class, () -> FitOptions.named("x").earlyStopping(0));
    assertEquals("인자 오류", patience.title());
    assertTrue(patience.getMessage().contains("patience는 1 이상의 에폭 수여야 합니다 (받은 값: 0)"), patience.getMessage());
    CourseException both = assertThrows(CourseException.class, () -> FitOptions.named("x").keepBest().earlyStopping(3));
    assertTrue(both.getMessage().startsWith("keepBest()와 earlyStopping(n)은 함께 쓸 수 없습니다"), both.getMessage());
    assertThrows(CourseException.class, () -> FitOptions.named("x").earlyStopping(3).keepBest());
    FitOptions options = FitOptions.named("x").earlyStopping(3).logEvery(10);
    assertTrue(options.stopsEarly());
    assertEquals(3, options.patience());
    assertFalse(FitOptions.named("x").stopsEarly());

    try (Model model = Model.newInstance("early");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(smallCnn());
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        CourseException noVal = assertThrows(CourseException.class,
            () -> Training.fit(trainer, train.batches(manager, 50), null, 3, FitOptions.named("x").earlyStopping(2)));
        assertEquals("인자 오류", noVal.title());
        assertTrue(noVal.getMessage().startsWith("earlyStopping(2)은 검증 손실을 보고 멈추므로 검증 배치가 필요합니다"), noVal.getMessage());
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
