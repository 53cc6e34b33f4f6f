package kr.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** The course's RMSprop follows PyTorch's update rule step by step. */
class RmsPropTest {

  @Test
  void twoStepsMatchPyTorchsFormula() {
    try (Model model = Model.newInstance("rms"); NDManager m = NDManager.newBaseManager()) {
      model.setBlock(Linear.builder().setUnits(1).optBias(false).build());
      float lr = 0.1f;
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss("MSE", 1))
          .optOptimizer(RmsProp.builder().optLearningRateTracker(Tracker.fixed(lr)).build()))) {
        trainer.initialize(new Shape(1, 2));
        NDArray w = model.getBlock().getParameters().valueAt(0).getArray();
        float[] weight = w.toFloatArray();
        float[] v = new float[2];
        NDArray x = m.create(new float[][] {{1f, 2f}, {3f, -1f}});
        NDArray y = m.create(new float[] {1f, 0f}).reshape(2, 1);
        for (int step = 0; step < 2; step++) {
          // by hand: loss = mean((x·w − y)²), grad_j = 2/N Σ (x_i·w − y_i) x_ij
          float[] g = new float[2];
          for (int i = 0; i < 2; i++) {
            float[] xi = x.get(i).toFloatArray();
            float r = xi[0] * weight[0] + xi[1] * weight[1] - y.getFloat(i, 0);
            g[0] += 2f / 2 * r * xi[0];
            g[1] += 2f / 2 * r * xi[1];
          }
          for (int j = 0; j < 2; j++) {
            v[j] = 0.99f * v[j] + 0.01f * g[j] * g[j];
            weight[j] -= lr * g[j] / ((float) Math.sqrt(v[j]) + 1e-8f);
          }
          try (GradientCollector c = trainer.newGradientCollector()) {
            NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
            c.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(out)));
          }
          trainer.step();
          assertArrayEquals(weight, model.getBlock().getParameters().valueAt(0).getArray().toFloatArray(), 1e-4f, "step " + step);
        }
        assertTrue(model.getBlock().getParameters().valueAt(0).getArray().getGradient().abs().sum().getFloat() == 0f, "gradient zeroed");
      }
    }
  }
}
