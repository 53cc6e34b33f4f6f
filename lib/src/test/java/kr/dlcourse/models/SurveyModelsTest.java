package kr.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import kr.dlcourse.nn.Parameters;
import org.junit.jupiter.api.Test;

/** The survey lesson's models have PyTorch's parameter counts and output shapes. */
class SurveyModelsTest {

  private static Shape out(Block block, Shape input, NDManager m) {
    block.initialize(m, DataType.FLOAT32, input);
    return block.forward(new ParameterStore(m, false), new NDList(m.zeros(input)), false).singletonOrThrow().getShape();
  }

  @Test
  void parameterCountsAndShapesMatchPyTorch() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block iris = SurveyModels.irisClassifier();
      assertEquals(new Shape(2, 3), out(iris, new Shape(2, 4), m));
      assertEquals(243, Parameters.count(iris), "4·16+16 + 16·8+8 + 8·3+3");
      Block cancer = SurveyModels.cancerClassifier();
      assertEquals(new Shape(2, 1), out(cancer, new Shape(2, 30), m));
      assertEquals(4_097, Parameters.count(cancer), "30·64+64 + 64·32+32 + 32+1 (the lesson's ~3,000 is wrong)");
      Block mnist = SurveyModels.mnistClassifier();
      assertEquals(new Shape(2, 10), out(mnist, new Shape(2, 1, 28, 28), m));
      assertEquals(397_510, Parameters.count(mnist));
      Block convNet = SurveyModels.catsDogsConvNet();
      assertEquals(new Shape(1, 1), out(convNet, new Shape(1, 3, 180, 180), m));
      assertEquals(1_009_473, Parameters.count(convNet), "978,496 in the convolutions + 30,977 in Linear(256·11·11, 1); not ~30M");
    }
  }
}
