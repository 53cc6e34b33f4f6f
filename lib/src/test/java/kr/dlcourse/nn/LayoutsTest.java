package kr.dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import kr.dlcourse.models.Cifar10Models;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

class LayoutsTest {

  @Test
  void channelsLastKeepsShapeAndEveryValue() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5).toType(DataType.FLOAT32, false);
      NDArray cl = Layouts.channelsLast(x);
      assertEquals(x.getShape(), cl.getShape());
      assertTrue(x.contentEquals(cl));
      // element (1, 2, 3, 4) still reads 1*60 + 2*20 + 3*5 + 4
      assertEquals(119f, cl.get(1, 2, 3, 4).getFloat());
      assertEquals(15f + 16 + 17 + 18 + 19, cl.get(0, 0, 3).sum().getFloat()); // image 0, channel 0, row 3
    }
  }

  @Test
  void oneChannelBatchesAreLeftAsTheyAre() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.ones(new Shape(4, 1, 28, 28));
      assertSame(x, Layouts.channelsLast(x));
    }
  }

  @Test
  void rejectsWhatIsNotABatchOfImages() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      CourseException e = assertThrows(CourseException.class,
          () -> Layouts.channelsLast(manager.ones(new Shape(3, 32, 32))));
      assertEquals("모양 오류", e.title());
      assertTrue(e.getMessage().contains("이미지 배치 (N, C, H, W)에 씁니다 (받은 모양: (3, 32, 32), 3차원)"), e.getMessage());
      assertTrue(e.getMessage().contains("expandDims(0)"), e.getMessage());
    }
  }

  @Test
  void theLessonCnnPredictsTheSameInEitherLayout() {
    Course.setup();
    try (Model model = Model.newInstance("cnn_v2")) {
      model.setBlock(Cifar10Models.cnnV2(10));
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
        trainer.initialize(new Shape(8, 3, 32, 32));
        NDArray x = trainer.getManager().randomNormal(new Shape(8, 3, 32, 32));
        NDArray plain = trainer.evaluate(new NDList(x)).singletonOrThrow();
        NDArray fast = trainer.evaluate(new NDList(Layouts.channelsLast(x))).singletonOrThrow();
        assertEquals(new Shape(8, 10), fast.getShape());
        assertTrue(plain.allClose(fast, 1e-4, 1e-5, false), plain + " vs " + fast);
      }
    }
  }

  @Test
  void gradientsAreTheSameInEitherLayout() {
    Course.setup();
    // conv-BN-ReLU, pool, linear: the lesson's layers in training mode, without dropout's randomness
    SequentialBlock block = new SequentialBlock()
        .add(Cifar10Models.convBnRelu(16)).add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Cifar10Models.convBnRelu(32)).add(Pool.globalAvgPool2dBlock())
        .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
    try (Model model = Model.newInstance("small")) {
      model.setBlock(block);
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
        trainer.initialize(new Shape(8, 3, 16, 16));
        NDManager manager = trainer.getManager();
        NDArray x = manager.randomNormal(new Shape(8, 3, 16, 16));
        NDArray y = manager.randomInteger(0, 10, new Shape(8), DataType.INT64);
        NDArray plain = firstConvGradient(trainer, x, y);
        // gradients add up until the optimizer steps: the second pass's own part is the difference
        NDArray fast = firstConvGradient(trainer, Layouts.channelsLast(x), y).sub(plain);
        assertTrue(plain.allClose(fast, 1e-3, 1e-5, false), plain + " vs " + fast);
      }
    }
  }

  private static NDArray firstConvGradient(Trainer trainer, NDArray x, NDArray y) {
    try (GradientCollector collector = trainer.newGradientCollector()) {
      NDArray out = trainer.forward(new NDList(x)).singletonOrThrow();
      collector.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(out)));
    }
    NDArray weight = trainer.getModel().getBlock().getParameters().get(0).getValue().getArray();
    return weight.getGradient().duplicate();
  }
}
