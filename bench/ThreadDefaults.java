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
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.Arrays;
import kr.dlcourse.setup.Course;

/**
 * Training-step throughput of the lesson's CNN_V1 (batch 128, Adam) under the engine's thread
 * settings of this JVM. Run by bench/threads.sh once per setting, in separate JVMs.
 */
public class ThreadDefaults {
  public static void main(String[] args) {
    Course.setup();
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    SequentialBlock cnn = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
        .add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(64).build())
        .add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(128).build())
        .add(Activation::relu).add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock())
        .add(Dropout.builder().optRate(0.3f).build()).add(Linear.builder().setUnits(10).build());
    try (Model model = Model.newInstance("cnn_v1")) {
      model.setBlock(cnn);
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(128, 3, 32, 32));
        NDManager manager = trainer.getManager();
        NDArray x = manager.randomNormal(new Shape(128, 3, 32, 32));
        NDArray y = manager.randomInteger(0, 10, new Shape(128), ai.djl.ndarray.types.DataType.INT64);
        double[] rates = new double[3];
        for (int round = -1; round < rates.length; round++) { // round -1 warms up
          long start = System.nanoTime();
          for (int s = 0; s < steps; s++) {
            try (NDManager step = manager.newSubManager(); GradientCollector gc = trainer.newGradientCollector()) {
              step.tempAttachAll(x, y); // each step's activations are freed with its scope
              NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
              NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(out));
              gc.backward(loss);
              trainer.step();
            }
          }
          if (round >= 0) {
            rates[round] = steps * 128 / ((System.nanoTime() - start) / 1e9);
          }
        }
        Arrays.sort(rates);
        System.out.printf("interop=%s intraop=%d: median %.0f images/s (runs %s)%n",
            System.getProperty("ai.djl.pytorch.num_interop_threads"),
            ai.djl.pytorch.jni.JniUtils.getNumThreads(), rates[1], Arrays.toString(
                Arrays.stream(rates).mapToLong(Math::round).toArray()));
      }
    }
  }
}
