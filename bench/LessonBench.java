import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import kr.dlcourse.augment.Augmentations;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.Checksums;
import kr.dlcourse.data.Cifar10;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.data.Normalization;
import kr.dlcourse.data.SyntheticCifar;
import kr.dlcourse.models.Cifar10Models;
import kr.dlcourse.nn.Layouts;
import kr.dlcourse.setup.Course;
import kr.dlcourse.setup.KernelMemory;
import kr.dlcourse.train.Training;

/**
 * The Java side of bench/vs-pytorch.sh: lesson 000's CNN_V1 and CNN_V2 through the helper jar, as
 * the notebooks use them. One run prints one {@code RESULT side=java case=... value=... unit=...}
 * line per case; bench/lesson_pytorch.py prints the same lines for the lesson's PyTorch code.
 *
 * <pre>
 *   prepare ARCHIVE TRAIN_PER_CLASS TEST_PER_CLASS   write a generated CIFAR-shaped archive
 *   run ARCHIVE STEPS [--profile]                    cases 1-3, CNN_V2's convolutions alone, the
 *                                                    matmul peak, peak memory; --profile: where an
 *                                                    epoch's time goes, and CNN_V2 steps without
 *                                                    its dropout, batch-norm or ReLU layers
 * </pre>
 */
public class LessonBench {
  static final int BATCH = 128;
  static final long SEED = 42;
  /** "java", or "java_before" when vs-pytorch.sh --before runs the JVM's own defaults beside it. */
  static final String SIDE = System.getProperty("bench.side", "java");

  public static void main(String[] args) throws Exception {
    if (args.length >= 4 && args[0].equals("prepare")) {
      Path archive = Path.of(args[1]);
      Files.createDirectories(archive.toAbsolutePath().getParent());
      String md5 = SyntheticCifar.writeArchive(archive, Integer.parseInt(args[2]), Integer.parseInt(args[3]), SEED);
      System.out.println("wrote " + archive + " (MD5 " + md5 + ")");
      return;
    }
    if (args.length < 3 || !args[0].equals("run")) {
      System.err.println("usage: LessonBench prepare ARCHIVE TRAIN_PER_CLASS TEST_PER_CLASS | run ARCHIVE STEPS [--profile]");
      System.exit(2);
    }
    Course.setup((int) SEED);
    PeakSampler sampler = new PeakSampler();
    sampler.start();
    Path archive = Path.of(args[1]);
    int steps = Integer.parseInt(args[2]);
    boolean profile = args.length > 3 && args[3].equals("--profile");
    result("threads", ai.djl.pytorch.jni.JniUtils.getNumThreads(), "threads");

    Cifar10.Sets sets = Cifar10.loadFile(archive, new Cifar10.Source(
        "CIFAR-10 (bench)", "bench", archive.getFileName().toString(), List.of(), Checksums.md5(archive)));
    ImageDataset train = sets.train().split(0.2, SEED).train(); // the lesson's 80/20 split
    ImageDataset test = sets.test();

    try (NDManager manager = NDManager.newBaseManager()) {
      // case 1: compute only, random tensors already in memory
      result("train_step_cnn_v1", stepRate(manager, Cifar10Models.cnnV1(10), adam(), steps), "images/s");
      result("train_step_cnn_v2", stepRate(manager, Cifar10Models.cnnV2(10), sgd(), steps), "images/s");
      result("conv_only_cnn_v2", convOnlyRate(manager, steps), "images/s");

      try (Model model = Model.newInstance("CNN_V2");
          Trainer trainer = newTrainer(model, Cifar10Models.cnnV2(10), sgd())) {
        // case 2: lesson 000 section 5, one epoch: shuffle, augment, normalize, train
        Batches loader = train.batches(manager, BATCH).shuffle(SEED)
            .augment(Augmentations.lessonPipeline(), SEED).normalize(Normalization.CIFAR10);
        long start = System.nanoTime();
        Training.Pass pass = Training.trainEpoch(trainer, loader, null);
        double seconds = seconds(start);
        result("epoch_cnn_v2_augmented", seconds, "s");
        result("epoch_images", pass.images(), "images");
        result("epoch_rate", pass.images() / seconds, "images/s");

        // case 3: evaluation over the test set (ToTensor + Normalize, no augmentation)
        Batches testLoader = test.batches(manager, BATCH).normalize(Normalization.CIFAR10);
        start = System.nanoTime();
        Training.Pass eval = Training.evaluate(trainer, testLoader);
        result("eval_cnn_v2", eval.images() / seconds(start), "images/s");

        if (profile) {
          profileEpoch(trainer, train, manager);
          // where a step's time goes: the same step with one kind of layer left out
          for (String left : new String[] {"dropout", "batchnorm", "relu"}) {
            result("profile_step_without_" + left, stepRate(manager, cnnV2Without(left), sgd(), steps), "images/s");
          }
        }
      }
      result("matmul_peak", matmulPeak(manager), "GFLOP/s");
    }
    result("peak_rss", peakRssMiB(), "MiB");
    sampler.report();
  }

  /**
   * Samples {@link KernelMemory} every 500 ms and keeps the sample with the highest resident memory:
   * where the memory goes near the peak (the peak itself is the kernel's exact high-water mark,
   * peak_rss). Not more often: on 2 cores a sampler waking every 50 ms took 4-5 % of CNN_V2's
   * training steps (it takes turns on the cores with the engine's two threads, which wait for each
   * other), a cost the kernel in a notebook does not pay
   * (docs/performance.md#memory-per-kernel-against-the-lessons-python).
   */
  static final class PeakSampler extends Thread {
    private volatile KernelMemory peak = KernelMemory.now();

    PeakSampler() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (true) {
        KernelMemory m = KernelMemory.now();
        if (m.residentMiB() > peak.residentMiB()) {
          peak = m;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Where the memory was at the peak: RESULT lines mem_* (MiB). */
    void report() {
      KernelMemory m = peak;
      result("mem_at_peak_rss", m.residentMiB(), "MiB");
      result("mem_java_heap_used", m.heapUsedMiB(), "MiB");
      result("mem_java_heap_committed", m.heapCommittedMiB(), "MiB");
      result("mem_java_heap_max", m.heapMaxMiB(), "MiB");
      result("mem_metaspace_and_code", m.metaspaceMiB() + m.codeCacheMiB(), "MiB");
      result("mem_c_heap_in_use", m.cHeapInUseMiB(), "MiB");
      result("mem_c_heap_free_kept", m.cHeapFreeKeptMiB(), "MiB");
    }
  }

  static Optimizer adam() { // lesson: optim.Adam(lr=1e-3)
    return Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
  }

  static Optimizer sgd() { // lesson section 5: optim.SGD(lr=0.01, momentum=0.9)
    return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build();
  }

  static Trainer newTrainer(Model model, Block block, Optimizer optimizer) {
    model.setBlock(block);
    Trainer trainer = model.newTrainer(
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer));
    trainer.initialize(new Shape(BATCH, 3, 32, 32));
    return trainer;
  }

  /** Images per second of forward, loss, backward and optimizer step on one in-memory batch. */
  static double stepRate(NDManager manager, Block block, Optimizer optimizer, int steps) {
    try (Model model = Model.newInstance("step");
        Trainer trainer = newTrainer(model, block, optimizer);
        NDManager data = manager.newSubManager()) {
      // in the layout the course's Batches hand out (see Layouts.channelsLast)
      NDList x = new NDList(Layouts.channelsLast(data.randomNormal(new Shape(BATCH, 3, 32, 32))));
      NDList y = new NDList(data.randomInteger(0, 10, new Shape(BATCH), DataType.INT64));
      step(trainer, x, y, 3); // warm-up: first calls pick and cache kernels
      long start = System.nanoTime();
      step(trainer, x, y, steps);
      return steps * BATCH / seconds(start);
    }
  }

  /**
   * Images per second if a CNN_V2 training step did nothing but its five convolutions: forward,
   * weight and bias gradients, and the input gradient (not for the first, whose input is the
   * data). No batch norm, ReLU, pooling, dropout, loss or optimizer: a ceiling for any float32
   * step with these convolutions on these cores.
   */
  static double convOnlyRate(NDManager manager, int steps) {
    int[][] convs = {{3, 32, 32}, {32, 32, 32}, {32, 64, 16}, {64, 64, 16}, {64, 128, 8}}; // in, out, size
    double secondsPerBatch = 0;
    for (int i = 0; i < convs.length; i++) {
      int in = convs[i][0];
      int out = convs[i][1];
      int size = convs[i][2];
      try (NDManager layer = manager.newSubManager()) {
        Block conv = Cifar10Models.conv3x3(out);
        conv.initialize(layer, DataType.FLOAT32, new Shape(BATCH, in, size, size));
        ParameterStore parameters = new ParameterStore(layer, false);
        NDArray x = Layouts.channelsLast(layer.randomNormal(new Shape(BATCH, in, size, size)));
        // the gradient arriving from the layer above, made once: in a step, batch norm makes it
        NDArray dy = Layouts.channelsLast(layer.randomNormal(new Shape(BATCH, out, size, size)));
        long start = 0;
        for (int s = -3; s < steps; s++) { // three warm-up passes
          if (s == 0) {
            start = System.nanoTime();
          }
          try (NDManager scope = layer.newSubManager();
              GradientCollector recording = layer.getEngine().newGradientCollector()) {
            scope.tempAttachAll(x, dy);
            NDArray input = x.stopGradient(); // a fresh leaf each pass: its gradient is new, not added up
            input.setRequiresGradient(i > 0);
            NDArray y = conv.forward(parameters, new NDList(input), true).singletonOrThrow();
            // the engine's backward with a given output gradient (DJL's collector would make a ones array)
            JniUtils.backward((PtNDArray) y, (PtNDArray) dy, false, false);
          }
        }
        secondsPerBatch += seconds(start) / steps;
      }
    }
    return BATCH / secondsPerBatch;
  }

  static void step(Trainer trainer, NDList x, NDList y, int steps) {
    for (int s = 0; s < steps; s++) {
      try (NDManager scope = trainer.getManager().newSubManager();
          GradientCollector collector = trainer.newGradientCollector()) {
        // ops take the manager of their first input: attaching the batch to the step's scope
        // frees each step's arrays with it; the batch goes back to its manager afterwards
        scope.tempAttachAll(x, y);
        NDArray out = Training.forwardForBackward(trainer, x); // as the course's training loop does
        NDArray loss = trainer.getLoss().evaluate(y, new NDList(out));
        collector.backward(loss);
        trainer.step();
      }
    }
  }

  /** CNN_V2 as {@link Cifar10Models#cnnV2} builds it, with every layer of one kind left out. */
  static Block cnnV2Without(String left) {
    return new SequentialBlock()
        .addAll(convBlock(32, left), convBlock(32, left))
        .add(Pool.maxPool2dBlock(new Shape(2, 2))).add(dropout(0.2f, left))
        .addAll(convBlock(64, left), convBlock(64, left))
        .add(Pool.maxPool2dBlock(new Shape(2, 2))).add(dropout(0.3f, left))
        .add(convBlock(128, left))
        .add(Pool.globalAvgPool2dBlock())
        .add(dropout(0.4f, left))
        .add(Linear.builder().setUnits(10).build());
  }

  static Block convBlock(int filters, String left) {
    return new SequentialBlock()
        .add(Cifar10Models.conv3x3(filters))
        .add(left.equals("batchnorm") ? Blocks.identityBlock() : BatchNorm.builder().build())
        .add(left.equals("relu") ? Blocks.identityBlock() : Activation.reluBlock());
  }

  static Block dropout(float rate, String left) {
    return left.equals("dropout") ? Blocks.identityBlock() : Dropout.builder().optRate(rate).build();
  }

  /** Where an augmented epoch's time goes: batch assembly per stage, then the training steps. */
  static void profileEpoch(Trainer trainer, ImageDataset train, NDManager manager) {
    result("profile_gather", iterate(train.batches(manager, BATCH).shuffle(SEED)), "s");
    result("profile_gather_normalize", iterate(train.batches(manager, BATCH).shuffle(SEED)
        .normalize(Normalization.CIFAR10)), "s");
    result("profile_gather_flip", iterate(train.batches(manager, BATCH).shuffle(SEED)
        .augment(Augmentations.horizontalFlip(0.5), SEED)), "s");
    result("profile_gather_crop", iterate(train.batches(manager, BATCH).shuffle(SEED)
        .augment(Augmentations.randomCrop(4), SEED)), "s");
    result("profile_gather_jitter", iterate(train.batches(manager, BATCH).shuffle(SEED)
        .augment(Augmentations.colorJitter(0.2, 0.2, 0.2), SEED)), "s");
    Batches loader = train.batches(manager, BATCH).shuffle(SEED)
        .augment(Augmentations.lessonPipeline(), SEED).normalize(Normalization.CIFAR10);
    double data = 0;
    double compute = 0;
    Iterator<Batch> batches = loader.iterator();
    while (true) {
      long start = System.nanoTime();
      if (!batches.hasNext()) {
        break;
      }
      Batch b = batches.next();
      long loaded = System.nanoTime();
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDArray out = trainer.forward(b.data()).singletonOrThrow();
        NDArray loss = trainer.getLoss().evaluate(b.labels(), new NDList(out));
        collector.backward(loss);
        out.attach(b.manager());
        loss.attach(b.manager());
        loss.getFloat();
        out.argMax(1).attach(b.manager());
      }
      trainer.step();
      long done = System.nanoTime();
      data += (loaded - start) / 1e9;
      compute += (done - loaded) / 1e9;
    }
    result("profile_epoch_data", data, "s");
    result("profile_epoch_compute", compute, "s");
  }

  static double iterate(Batches batches) {
    long start = System.nanoTime();
    for (Batch b : batches) {
      b.x().getShape();
    }
    return seconds(start);
  }

  /** The best GFLOP/s of square float32 matrix products (1024 and 2048) on the engine's threads. */
  static double matmulPeak(NDManager manager) {
    double best = 0;
    for (int n : new int[] {1024, 2048}) {
      try (NDManager scope = manager.newSubManager()) {
        NDArray a = scope.randomUniform(0, 1, new Shape(n, n));
        NDArray b = scope.randomUniform(0, 1, new Shape(n, n));
        for (int round = 0; round < 3; round++) {
          long start = System.nanoTime();
          int products = 0;
          do { // at least 0.3 s per round
            try (NDArray c = a.matMul(b)) {
              c.getShape();
            }
            products++;
          } while (seconds(start) < 0.3);
          best = Math.max(best, products * 2.0 * n * n * n / seconds(start) / 1e9);
        }
      }
    }
    return best;
  }

  static double peakRssMiB() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  static void result(String name, double value, String unit) {
    System.out.printf("RESULT side=%s case=%s value=%.4f unit=%s%n", SIDE, name, value, unit);
  }
}
