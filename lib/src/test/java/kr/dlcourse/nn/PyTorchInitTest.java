package kr.dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

/** Weights fall in PyTorch's default range ±1/√fan_in and fill it. */
class PyTorchInitTest {

  @Test
  void linearWeightsAreUniformWithinOneOverRootFanIn() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block linear = PyTorchInit.apply(Linear.builder().setUnits(200).build());
      linear.initialize(m, DataType.FLOAT32, new Shape(1, 400));
      NDArray w = linear.getParameters().get("weight").getArray();
      float bound = (float) (1 / Math.sqrt(400));
      float max = w.abs().max().getFloat();
      assertTrue(max <= bound * 1.0001f, "max " + max + " bound " + bound);
      assertTrue(max > bound * 0.98f, "fills the range: max " + max);
      // uniform: standard deviation bound/√3
      float std = (float) Math.sqrt(w.sub(w.mean()).square().mean().getFloat());
      assertTrue(Math.abs(std - bound / Math.sqrt(3)) < 0.02 * bound, "std " + std);
    }
  }
}
