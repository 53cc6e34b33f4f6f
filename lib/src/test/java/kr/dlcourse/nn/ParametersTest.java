package kr.dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ParametersTest {

  @Test
  void countsMatchPyTorchForTheIrisClassifier() {
    Course.setup();
    // lesson 004: nn.Linear(4, 16), nn.Linear(16, 8), nn.Linear(8, 3) -> 80 + 136 + 27
    SequentialBlock iris =
        new SequentialBlock()
            .add(Linear.builder().setUnits(16).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(8).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(3).build());
    try (NDManager manager = NDManager.newBaseManager()) {
      iris.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
      assertEquals(243, Parameters.count(iris));
      Table table = Parameters.table(iris);
      assertEquals(6, table.rowCount());
      assertEquals("(16, 4)", table.stringColumn("shape").get(0));
      assertEquals(64L, table.longColumn("count").get(0));
      assertEquals("parameters: 243 trainable", table.name());
    }
  }

  @Test
  void runningStatisticsAreNotTrainable() {
    // PyTorch's BatchNorm2d(32) has 64 trainable values; running mean/var are buffers
    SequentialBlock bn = new SequentialBlock().add(BatchNorm.builder().build());
    try (NDManager manager = NDManager.newBaseManager()) {
      bn.initialize(manager, DataType.FLOAT32, new Shape(1, 32, 4, 4));
      assertEquals(64, Parameters.count(bn));
      assertEquals(4, Parameters.table(bn).rowCount());
    }
  }

  @Test
  void anUninitializedBlockSaysWhatToDo() {
    SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(3).build());
    CourseException e = assertThrows(CourseException.class, () -> Parameters.count(block));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("에 아직 값이 없습니다: 블록을 먼저 초기화하세요"), e.getMessage());
    assertTrue(e.getMessage().contains("block.initialize(manager, DataType.FLOAT32, new Shape("), e.getMessage());
    assertThrows(CourseException.class, () -> Parameters.table(block));
  }
}
