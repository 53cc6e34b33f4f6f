package kr.dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {

  @Test
  void adamsMeansAndVariancesAreFreedWithTheTrainer() throws Exception {
    Course.setup();
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
    List<NDArray> state = new ArrayList<>();
    try (Model model = Model.newInstance("adam");
        NDManager data = NDManager.newBaseManager()) {
      model.setBlock(Linear.builder().setUnits(3).build());
      Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam));
      trainer.initialize(new Shape(2, 4));
      assertEquals(0, OptimizerState.ownBy(trainer), "no state before the first step");
      try (GradientCollector c = trainer.newGradientCollector()) {
        NDArray out = trainer.forward(new NDList(data.ones(new Shape(2, 4)))).singletonOrThrow();
        c.backward(trainer.getLoss().evaluate(new NDList(data.zeros(new Shape(2, 3))), new NDList(out)));
      }
      trainer.step();
      for (String name : List.of("means", "variances")) {
        Field f = adam.getClass().getDeclaredField(name);
        f.setAccessible(true);
        for (Map<?, ?> perDevice : ((Map<?, Map<?, ?>>) f.get(adam)).values()) {
          perDevice.values().forEach(a -> state.add((NDArray) a));
        }
      }
      assertEquals(4, state.size(), "weight and bias, a mean and a variance each");
      float[] mean = state.get(0).toFloatArray();

      assertEquals(4, OptimizerState.ownBy(trainer));
      for (NDArray a : state) {
        assertSame(trainer.getManager(), a.getManager());
      }
      assertArrayEquals(mean, state.get(0).toFloatArray(), "the values stay");
      trainer.close();
    }
    for (NDArray a : state) {
      assertTrue(a.isReleased(), "freed with the trainer, not left to the garbage collector");
    }
  }
}
