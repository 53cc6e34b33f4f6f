package kr.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import kr.dlcourse.nn.Parameters;
import kr.dlcourse.nn.ShapeTrace;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Lesson 39's models: PyTorch's trainable parameter counts, output shapes, layer names. */
class ProjectModelsTest {

  private static NDArray forward(Block block, NDManager m, Shape shape, boolean training) {
    return block
        .forward(new ParameterStore(m, false), new NDList(m.randomNormal(shape)), training)
        .singletonOrThrow();
  }

  @Test
  void cifar10CnnHasThePyTorchCountAndShape() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      Block cnn = ProjectModels.cifar10Cnn(10);
      cnn.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      assertEquals(3_249_994, Parameters.count(cnn));
      assertEquals(new Shape(2, 10), forward(cnn, m, new Shape(2, 3, 32, 32), false).getShape());
      assertEquals(new Shape(2, 10), forward(cnn, m, new Shape(2, 3, 32, 32), true).getShape());
      assertEquals(List.of("01features", "02classifier"), cnn.getChildren().keys());
    }
  }

  @Test
  void resBlockCountsEqualPyTorchs() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      int[][] cases = {{64, 64, 1, 32}, {64, 128, 2, 32}, {128, 256, 2, 16}, {256, 512, 2, 8}};
      long[] expected = {73_984, 230_144, 919_040, 3_673_088};
      for (int i = 0; i < cases.length; i++) {
        int[] c = cases[i];
        ResidualBlock block = ProjectModels.resBlock(c[0], c[1], c[2]);
        block.initialize(m, DataType.FLOAT32, new Shape(1, c[0], c[3], c[3]));
        assertEquals(expected[i], Parameters.count(block), "ResBlock" + List.of(c[0], c[1], c[2]));
        assertEquals(i > 0, block.projects());
      }
    }
  }

  @Test
  void resBlockHalvesTheImageAndKeepsLessonNames() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      ResidualBlock block = ProjectModels.resBlock(64, 128, 2);
      block.initialize(m, DataType.FLOAT32, new Shape(1, 64, 32, 32));
      assertEquals(new Shape(2, 128, 16, 16), forward(block, m, new Shape(2, 64, 32, 32), true).getShape());
      assertEquals(new Shape(2, 128, 16, 16), block.getOutputShapes(new Shape[] {new Shape(2, 64, 32, 32)})[0]);
      assertEquals(List.of("01conv1", "02bn1", "03conv2", "04bn2", "05shortcut"), block.getChildren().keys());
      // output is a ReLU: never negative
      assertTrue(forward(block, m, new Shape(2, 64, 32, 32), false).min().getFloat() >= 0f);
      // identity shortcut: ResBlock(64, 64) has no shortcut parameters
      ResidualBlock same = ProjectModels.resBlock(64, 64);
      assertFalse(same.projects());
    }
  }

  @Test
  void identityShortcutAddsTheInput() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      ResidualBlock block = ProjectModels.resBlock(4, 4);
      block.initialize(m, DataType.FLOAT32, new Shape(1, 4, 5, 5));
      // all conv weights 0: the residual branch is bn2(0) = 0 (beta 0), output relu(x)
      block.getParameters().forEach(p -> {
        if (p.getKey().contains("conv")) {
          p.getValue().getArray().muli(0);
        }
      });
      NDArray x = m.randomNormal(new Shape(2, 4, 5, 5));
      NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      assertTrue(y.sub(x.maximum(0f)).abs().max().getFloat() < 1e-4f);
    }
  }

  @Test
  void resNet18HasElevenMillionParameters() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      Block net = ProjectModels.resNet18(10);
      net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      assertEquals(11_173_962, Parameters.count(net));
      assertTrue(net.toString().contains("layer4"), "prints as a tree"); // DJL's describe walks every child
      assertEquals(new Shape(2, 10), forward(net, m, new Shape(2, 3, 32, 32), true).getShape());
      assertEquals(new Shape(2, 10), forward(net, m, new Shape(2, 3, 32, 32), false).getShape());
    }
  }

  @Test
  void wrongInputWidthIsAKoreanShapeError() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      ResidualBlock block = ProjectModels.resBlock(64, 128, 2);
      CourseException e =
          assertThrows(CourseException.class, () -> block.initialize(m, DataType.FLOAT32, new Shape(1, 32, 16, 16)));
      assertTrue(e.getMessage().contains("in_ch"), e.getMessage());
    }
  }

  @Test
  void shapeTraceListsLayersAndStages() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      Shape input = new Shape(1, 3, 32, 32);
      Block cnn = ProjectModels.cifar10Cnn(10);
      cnn.initialize(m, DataType.FLOAT32, input);
      Table t = ShapeTrace.of(cnn, input);
      assertEquals(1 + 24 + 5, t.rowCount());
      assertEquals("features.0", t.stringColumn("층").get(1));
      assertEquals("Conv2d(3→64, 3×3)", t.stringColumn("종류").get(1));
      assertEquals("(1, 64, 16, 16)", t.stringColumn("출력 모양").get(8));
      assertEquals("Dropout2d(p=0.25)", t.stringColumn("종류").get(8));
      assertEquals("(1, 4096)", t.stringColumn("출력 모양").get(25));
      assertEquals("Linear(4096→512)", t.stringColumn("종류").get(26));
      assertEquals(3_249_994L, (long) t.longColumn("파라미터").sum());

      Block net = ProjectModels.resNet18(10);
      net.initialize(m, DataType.FLOAT32, input);
      Table r = ShapeTrace.of(net, input);
      List<String> names = r.stringColumn("층").asList();
      assertEquals(
          List.of("입력", "conv1", "bn1", "relu", "layer1.0", "layer1.1", "layer2.0", "layer2.1",
              "layer3.0", "layer3.1", "layer4.0", "layer4.1", "avgpool", "fc"),
          names);
      assertEquals("ResBlock(64, 128, stride=2)", r.stringColumn("종류").get(names.indexOf("layer2.0")));
      assertEquals("(1, 512, 4, 4)", r.stringColumn("출력 모양").get(names.indexOf("layer4.1")));
      assertEquals("(1, 10)", r.stringColumn("출력 모양").get(names.size() - 1));
      assertEquals(11_173_962L, (long) r.longColumn("파라미터").sum());
      assertEquals(10, ShapeTrace.of(net, input, 1).rowCount());
    }
  }
}
