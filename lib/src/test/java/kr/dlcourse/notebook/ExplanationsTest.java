package kr.dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The engine's real errors for everyday mistakes, explained in Korean. */
class ExplanationsTest {

  private NDManager manager;
  private ParameterStore store;
  private Block conv;
  private Block linear;

  @BeforeEach
  void layers() {
    manager = NDManager.newBaseManager();
    store = new ParameterStore(manager, false);
    conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).build();
    conv.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
    linear = Linear.builder().setUnits(256).build();
    linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3072));
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private CourseException explained(Executable mistake) {
    RuntimeException engine = assertThrows(RuntimeException.class, mistake);
    CourseException e = Explanations.explain(engine);
    assertTrue(e != null, "not explained: " + engine.getMessage());
    assertTrue(e.getCause() == engine, "keeps the engine's error as its cause");
    return e;
  }

  private void forward(Block block, Shape shape, DataType type) {
    block.forward(store, new NDList(manager.zeros(shape, type)), false);
  }

  @Test
  void greyImageIntoColourModel() {
    CourseException e = explained(() -> forward(conv, new Shape(1, 1, 32, 32), DataType.FLOAT32));
    assertEquals("모양 오류", e.title());
    assertTrue(e.getMessage().contains("입력 (1, 1, 32, 32)의 채널 수는 1"), e.getMessage());
    assertTrue(e.getMessage().contains("3채널 이미지를 받습니다"), e.getMessage());
    assertTrue(e.getMessage().contains("흑백(1채널) 이미지를 컬러(3채널) 모델에"), e.getMessage());
  }

  @Test
  void channelsLastImage() {
    CourseException e = explained(() -> forward(conv, new Shape(8, 32, 32, 3), DataType.FLOAT32));
    assertTrue(e.getMessage().contains("x.transpose(0, 3, 1, 2)"), e.getMessage());
  }

  @Test
  void imageWithoutBatchAndChannel() {
    CourseException e = explained(() -> forward(conv, new Shape(32, 32), DataType.FLOAT32));
    assertTrue(e.getMessage().contains("(32, 32) (2차원)"), e.getMessage());
    assertTrue(e.getMessage().contains("x.reshape(1, 1, 32, 32)"), e.getMessage());
  }

  @Test
  void wrongNumberOfFeatures() {
    CourseException e = explained(() -> forward(linear, new Shape(4, 2352), DataType.FLOAT32));
    assertTrue(e.getMessage().contains("샘플마다 3072개의 값을 받도록 초기화되었는데, 2352개를 받았습니다"), e.getMessage());
    assertTrue(e.getMessage().contains("batchFlattenBlock"), e.getMessage());
  }

  @Test
  void doubleInput() {
    CourseException e = explained(() -> forward(conv, new Shape(1, 3, 32, 32), DataType.FLOAT64));
    assertEquals("자료형 오류", e.title());
    assertTrue(e.getMessage().startsWith("입력의 자료형이 FLOAT64인데 모델의 가중치는 FLOAT32입니다."), e.getMessage());
    assertTrue(e.getMessage().contains("toType(DataType.FLOAT32, false)"), e.getMessage());
    CourseException linearDouble = explained(() -> forward(linear, new Shape(2, 3072), DataType.FLOAT64));
    assertTrue(linearDouble.getMessage().startsWith("입력의 자료형이 FLOAT64인데"), linearDouble.getMessage());
  }

  @Test
  void imageBytes() {
    CourseException e = explained(() -> forward(conv, new Shape(1, 3, 32, 32), DataType.UINT8));
    assertTrue(e.getMessage().contains("div(255f)"), e.getMessage());
  }

  @Test
  void labelOutOfRange() {
    CourseException e = explained(() -> Loss.softmaxCrossEntropyLoss()
        .evaluate(new NDList(manager.create(new float[] {12, 1, 2, 3})), new NDList(manager.zeros(new Shape(4, 10)))).getFloat());
    assertTrue(e.getMessage().startsWith("인덱스 12이(가) 크기 10인 1번 차원의 범위(0~9)를 벗어났습니다."), e.getMessage());
  }

  @Test
  void reshapeAndBroadcast() {
    CourseException reshape = explained(() -> manager.zeros(new Shape(4, 10)).reshape(3, 7));
    assertTrue(reshape.getMessage().startsWith("원소 40개인 배열을 (3, 7) 모양(원소 21개)으로 바꿀 수 없습니다."), reshape.getMessage());
    CourseException add = explained(() -> manager.zeros(new Shape(4, 10)).add(manager.zeros(new Shape(3, 7))));
    assertTrue(add.getMessage().startsWith("두 배열의 1번 차원 크기가 10과(와) 7(으)로"), add.getMessage());
  }

  @Test
  void djlsRmsPropPointsToTheCourses() {
    CourseException e = explained(() -> {
      try (ai.djl.Model model = ai.djl.Model.newInstance("r")) {
        model.setBlock(Linear.builder().setUnits(1).build());
        try (ai.djl.training.Trainer t = model.newTrainer(new ai.djl.training.DefaultTrainingConfig(Loss.l2Loss())
            .optOptimizer(ai.djl.training.optimizer.Optimizer.rmsprop().build()))) {
          t.initialize(new Shape(1, 2));
          try (ai.djl.training.GradientCollector c = t.newGradientCollector()) {
            c.backward(t.forward(new NDList(manager.ones(new Shape(1, 2)))).singletonOrThrow().sum());
          }
          t.step();
        }
      }
    });
    assertEquals("지원되지 않음", e.title());
    assertTrue(e.getMessage().contains("RmsProp.builder()"), e.getMessage());
  }

  @Test
  void unknownErrorsAreLeftAlone() {
    assertNull(Explanations.explain(new IllegalStateException("something else")));
    assertNull(Explanations.explain(new NullPointerException()));
    CourseException own = CourseException.argument("이미 한국어입니다");
    assertTrue(Explanations.explain(new RuntimeException(own)) == own);
  }

  @Test
  void aMachineWithoutFontconfigGetsTheInstallCommand() {
    // what Java2D throws on a Debian without fontconfig when a title is drawn into an image
    CourseException e = Explanations.explain(new RuntimeException(new Error("Fontconfig head is null, check your fonts or fonts configuration")));
    assertEquals("글꼴 오류", e.title());
    assertTrue(e.getMessage().contains("sudo apt install fontconfig fonts-nanum"), e.getMessage());
  }

  @Test
  void aFullJavaHeapSaysWhatToLowerAndHowToRaiseTheCap() {
    OutOfMemoryError full = assertThrows(OutOfMemoryError.class, () -> {
      long[] tooLarge = new long[Integer.MAX_VALUE - 8]; // 16 GB, more than this JVM's heap
      tooLarge[0] = 1;
    });
    CourseException e = Explanations.explain(full);
    assertEquals("메모리 부족", e.title());
    assertTrue(e.getMessage().contains(String.format("Java 힙 한도(%,d MB)", Runtime.getRuntime().maxMemory() >> 20)), e.getMessage());
    assertTrue(e.getMessage().contains("./install-kernel.sh --max-heap 4g"), e.getMessage());
    assertTrue(e.getMessage().contains("커널은 계속 쓸 수 있습니다"), e.getMessage());

    CourseException array = Explanations.explain(new OutOfMemoryError("Requested array size exceeds VM limit"));
    assertTrue(array.getMessage().startsWith("Java 배열 하나에 담을 수 있는 것보다 큰 배열"), array.getMessage());
  }

  @Test
  void aTensorTheMachineCannotHoldSaysHowLarge() {
    CourseException e = explained(() -> manager.zeros(new Shape(1L << 44))); // 64 TiB of float32
    assertEquals("메모리 부족", e.title());
    assertTrue(e.getMessage().startsWith("엔진이 텐서에 쓸 메모리(약 65,536.0 GB)"), e.getMessage());
  }
}
