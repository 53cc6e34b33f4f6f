package kr.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import kr.dlcourse.nn.Parameters;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

/** The FashionMNIST and MNIST lessons' models against the PyTorch parameter counts. */
class LessonModelsTest {

  private static final Shape GREY = new Shape(1, 1, 28, 28);

  @Test
  void fashionMnistModelsHaveThePyTorchCountsAndShapes() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      long[] expected = {426_602, 7_850, 535_818};
      Block[] models = {FashionMnistModels.convNet(), FashionMnistModels.fcSingleLayer(), FashionMnistModels.fcMultiLayer()};
      for (int i = 0; i < models.length; i++) {
        models[i].initialize(manager, DataType.FLOAT32, GREY);
        assertEquals(expected[i], Parameters.count(models[i]), "model " + i);
        assertEquals(new Shape(4, 10), forward(manager, models[i], new Shape(4, 1, 28, 28)));
      }
    }
  }

  @Test
  void convNetBlocksTraceTheLessonsShapes() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      SequentialBlock cnn = FashionMnistModels.convNet();
      cnn.initialize(manager, DataType.FLOAT32, GREY);
      long[] perBlock = new long[5];
      Shape shape = GREY;
      Shape[] expected = {new Shape(1, 16, 14, 14), new Shape(1, 32, 7, 7), new Shape(1, 64, 7, 7), new Shape(1, 3136), new Shape(1, 10)};
      for (int b = 0; b < 5; b++) {
        Block block = cnn.getChildren().get(b).getValue();
        shape = forward(manager, block, shape);
        assertEquals(expected[b], shape, "after child " + b);
        perBlock[b] = b == 3 ? 0 : Parameters.count(block);
      }
      // the lesson's per-block table: 16+32 BN values in block 1, and so on
      assertEquals(416 + 32, perBlock[0]);
      assertEquals(4_640 + 64, perBlock[1]);
      assertEquals(18_496 + 128, perBlock[2]);
      assertEquals(401_536 + 1_290, perBlock[4]);
    }
  }

  @Test
  void mnistMlpHasTheTutorialsCount() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      Block mlp = MnistModels.mlp(100);
      mlp.initialize(manager, DataType.FLOAT32, GREY);
      assertEquals(79_510, Parameters.count(mlp));
      assertEquals(new Shape(3, 10), forward(manager, mlp, new Shape(3, 1, 28, 28)));
      CourseException e = assertThrows(CourseException.class, () -> MnistModels.mlp(0));
      assertEquals("인자 오류", e.title());
      assertTrue(e.getMessage().contains("은닉층 크기(hiddenSize)는 1 이상이어야 합니다 (받은 값: 0)"), e.getMessage());
      assertTrue(e.getMessage().contains("MnistModels.mlp(100)"), e.getMessage());
    }
  }

  private static Shape forward(NDManager manager, Block block, Shape input) {
    try (NDManager scope = manager.newSubManager()) {
      NDList out = block.forward(new ParameterStore(scope, false), new NDList(scope.randomNormal(input)), false);
      return out.singletonOrThrow().getShape();
    }
  }
}
