package kr.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import kr.dlcourse.notebook.CourseException;
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

  @Test
  void cnnV1IsItsFeaturesAndClassifierAndTheFeaturesExtendWithoutCasts() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      SequentialBlock cnnV3 = new SequentialBlock()
          .add(Cifar10Models.cnnV1Features().add(Cifar10Models.conv3x3(256)).add(Activation::relu))
          .add(Cifar10Models.cnnV1Classifier(10));
      Block cnnV1 = Cifar10Models.cnnV1(10);
      cnnV1.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      cnnV3.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      // a Conv2d(128, 256, 3) more: 128·256·9 + 256 = 295,168; the classifier's Linear takes 256 inputs (+1,280)
      assertEquals(94_538 + 295_168 + 1_280, Parameters.count(cnnV3));
      assertEquals(new Shape(32, 3, 3, 3), Cifar10Models.firstConv(cnnV1).getParameters().get("weight").getArray().getShape());
      assertSame(cnnV1.getChildren().get(0).getValue().getChildren().get(0).getValue(), Cifar10Models.firstConv(cnnV1));
      CourseException e = assertThrows(CourseException.class, () -> Cifar10Models.firstConv(Cifar10Models.mlp(10)));
      assertTrue(e.getMessage().contains("Cifar10Models.cnnV1(10)"), e.getMessage());
    }
  }
}
