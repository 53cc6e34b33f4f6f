package kr.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import kr.dlcourse.nn.Parameters;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

class Cifar10ModelsTest {

  @Test
  void parameterCountsAndOutputShapesMatchThePyTorchModels() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      long[] expected = {789_258, 94_538, 141_354};
      Block[] models = {Cifar10Models.mlp(10), Cifar10Models.cnnV1(10), Cifar10Models.cnnV2(10)};
      for (int i = 0; i < models.length; i++) {
        models[i].initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        assertEquals(expected[i], Parameters.count(models[i]), "model " + i);
        NDList out =
            models[i].forward(new ParameterStore(manager, false), new NDList(manager.zeros(new Shape(4, 3, 32, 32))), false);
        assertEquals(new Shape(4, 10), out.singletonOrThrow().getShape());
      }
    }
  }
}
