import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import kr.dlcourse.models.ProjectModels;
import kr.dlcourse.nn.Layouts;
import kr.dlcourse.setup.Course;

/**
 * The Java side of {@code bench/vs-pytorch.sh --project}: lesson 39's CIFAR10CNN and ResNet-18
 * ({@link ProjectModels}) trained with the lesson's loop (section 4: SGD lr 0.1, momentum 0.9,
 * weight decay 5e-4; cross-entropy; the loss and the argmax accuracy read every batch) on fixed
 * in-memory batches of 128, in the layout the course's batches have. After 2 warm-up batches it
 * times CNN_BATCHES (RESNET_BATCHES) batches and prints seconds per 50,000-image epoch,
 * extrapolated; bench/project_pytorch.py prints the same cases for the lesson's PyTorch code.
 *
 * <pre>
 *   java -cp ... bench/ProjectBench.java CNN_BATCHES RESNET_BATCHES
 * </pre>
 */
public class ProjectBench {
  static final int BATCH = 128;
  static final int WARMUP = 2;
  static final int EPOCH_IMAGES = 50_000;

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: ProjectBench CNN_BATCHES RESNET_BATCHES");
      System.exit(2);
    }
    Course.setup(42);
    result("threads", ai.djl.pytorch.jni.JniUtils.getNumThreads(), "threads");
    result("project_epoch_cifar10cnn", secondsPerEpoch(ProjectModels.cifar10Cnn(10), Integer.parseInt(args[0])), "s/epoch");
    result("project_epoch_resnet18", secondsPerEpoch(ProjectModels.resNet18(10), Integer.parseInt(args[1])), "s/epoch");
  }

  static double secondsPerEpoch(Block block, int batches) {
    Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f).optWeightDecays(5e-4f).build();
    try (Model model = Model.newInstance("project");
        NDManager data = NDManager.newBaseManager()) {
      model.setBlock(block);
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd))) {
        trainer.initialize(new Shape(BATCH, 3, 32, 32));
        List<NDList[]> fixed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          fixed.add(new NDList[] {
            new NDList(Layouts.channelsLast(data.randomNormal(new Shape(BATCH, 3, 32, 32)))),
            new NDList(data.randomInteger(0, 10, new Shape(BATCH), DataType.INT64))});
        }
        double trainLoss = 0;
        long correct = 0;
        long total = 0;
        long start = 0;
        for (int i = 0; i < WARMUP + batches; i++) {
          if (i == WARMUP) {
            start = System.nanoTime();
          }
          NDList x = fixed.get(i % fixed.size())[0];
          NDList y = fixed.get(i % fixed.size())[1];
          try (NDManager scope = trainer.getManager().newSubManager();
              GradientCollector collector = trainer.newGradientCollector()) {
            scope.tempAttachAll(x, y);
            NDArray output = trainer.forward(x).singletonOrThrow();
            NDArray loss = trainer.getLoss().evaluate(y, new NDList(output));
            collector.backward(loss);
            trainer.step();
            trainLoss += loss.getFloat(); // loss.item()
            correct += output.argMax(1).eq(y.singletonOrThrow()).sum().getLong();
            total += BATCH;
          }
        }
        double perBatch = (System.nanoTime() - start) / 1e9 / batches;
        return perBatch * EPOCH_IMAGES / BATCH;
      }
    }
  }

  static void result(String name, double value, String unit) {
    System.out.printf("RESULT side=java case=%s value=%.4f unit=%s%n", name, value, unit);
  }
}
