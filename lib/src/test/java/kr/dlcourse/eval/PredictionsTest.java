package kr.dlcourse.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.data.Normalization;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

class PredictionsTest {

  /** 30 RGB 2×2 images; image i has every pixel = i, label i % 3. */
  static ImageDataset tiny() {
    int n = 30;
    byte[] pixels = new byte[n * 12];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(pixels, i * 12, (i + 1) * 12, (byte) i);
      labels[i] = i % 3;
    }
    return ImageDataset.of(
        "tiny", pixels, labels, new Shape(3, 2, 2), List.of("a", "b", "c"), List.of("가", "나", "다"));
  }

  /** Leaves pixel values as they are (x = i for image i). */
  static final Normalization RAW =
      new Normalization(new float[3], new float[] {1 / 255f, 1 / 255f, 1 / 255f});

  /** Logits of image i: (0, i - 9.5, 2i - 29), so the prediction is i / 10. */
  static double[] logits(int i) {
    return new double[] {0, i - 9.5, 2 * i - 29};
  }

  /** Runs the flatten + linear block of {@link #logits} over {@link #tiny()}. */
  static Predictions predict(NDManager manager) {
    Course.setup();
    try (NDManager params = NDManager.newBaseManager()) {
      Linear linear = Linear.builder().setUnits(3).build();
      SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock()).add(linear);
      block.initialize(params, DataType.FLOAT32, new Shape(1, 3, 2, 2));
      float[] weight = new float[3 * 12];
      Arrays.fill(weight, 12, 24, 1 / 12f);
      Arrays.fill(weight, 24, 36, 2 / 12f);
      linear.getParameters().get("weight").getArray().set(weight);
      linear.getParameters().get("bias").getArray().set(new float[] {0, -9.5f, -29});
      return Predictions.of(block, tiny(), RAW, manager, 7);
    }
  }

  @Test
  void predictsWithABlockAndLeaksNoArrays() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      Predictions p = predict(manager);
      assertEquals(0, manager.getManagedArrays().size(), "every array was freed");
      assertEquals(30, p.size());
      for (int i = 0; i < 30; i++) {
        assertEquals(i % 3, p.trueLabel(i));
        assertEquals(i / 10, p.predicted(i), "image " + i);
        float[] prob = p.probabilities(i);
        double[] z = logits(i);
        double sum = Arrays.stream(z).map(Math::exp).sum();
        for (int c = 0; c < 3; c++) {
          assertEquals(Math.exp(z[c]) / sum, prob[c], 1e-5, "image " + i + " class " + c);
        }
        assertEquals(1, prob[0] + prob[1] + prob[2], 1e-5);
      }
      assertEquals(List.of("a", "b", "c"), p.classNames());
      // correct: i < 10 with i % 3 == 0, 10-19 with 1, 20-29 with 2
      int[] correct = {0, 3, 6, 9, 10, 13, 16, 19, 20, 23, 26, 29};
      assertArrayEquals(correct, p.correct());
      assertEquals(12 / 30.0, p.accuracy(), 1e-12);
      assertEquals(18, p.wrong().length);
      assertArrayEquals(new int[] {12, 15, 18}, p.where(0, 1));
      assertEquals(3, p.confusionMatrix().count(0, 1));
      assertEquals(30, p.confusionMatrix().total());
      assertArrayEquals(new int[] {1, 0}, p.topK(12, 2), "logits (0, 2.5, -5)");
      assertArrayEquals(new int[] {2, 1, 0}, p.topK(25, 3), "logits (0, 15.5, 21)");
    }
  }

  @Test
  void blockOutputMustHaveOneLogitPerClass() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager();
        NDManager params = NDManager.newBaseManager()) {
      SequentialBlock block =
          new SequentialBlock()
              .add(Blocks.batchFlattenBlock())
              .add(Linear.builder().setUnits(4).build());
      block.initialize(params, DataType.FLOAT32, new Shape(1, 3, 2, 2));
      CourseException e =
          assertThrows(
              CourseException.class, () -> Predictions.of(block, tiny(), RAW, manager, 8));
      assertEquals("모양 오류", e.title());
      assertTrue(
          e.getMessage().contains("모델의 출력 모양 (8, 4)") && e.getMessage().contains("클래스 3개의 점수(logit)"),
          e.getMessage());
      assertTrue(e.getMessage().contains("setUnits(3)"), e.getMessage());
      assertEquals(0, manager.getManagedArrays().size(), "freed after an error too");
    }
  }

  @Test
  void fromArraysTopKAndWhere() {
    Predictions p =
        Predictions.of(
            new int[] {0, 1, 2, 1},
            new int[] {1, 1, 2, 0},
            new float[][] {
              {0.2f, 0.5f, 0.3f}, {0.1f, 0.8f, 0.1f}, {0.3f, 0.3f, 0.4f}, {0.5f, 0.25f, 0.25f}
            },
            List.of("x", "y", "z"));
    assertArrayEquals(new int[] {1, 2}, p.topK(0, 2));
    assertArrayEquals(new int[] {0, 1}, p.topK(3, 2), "ties: lower class first");
    assertArrayEquals(new int[] {0}, p.where(0, 1));
    assertArrayEquals(new int[0], p.where(2, 0));
    assertArrayEquals(new int[] {1, 2}, p.correct());
    assertArrayEquals(new int[] {0, 3}, p.wrong());
    assertEquals(0.5, p.accuracy());
    p.probabilities(0)[0] = 9;
    assertEquals(0.2f, p.probabilities(0)[0], "probabilities(i) is a copy");
    assertThrows(CourseException.class, () -> p.topK(0, 0));
    CourseException e = assertThrows(CourseException.class, () -> p.topK(0, 4));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("k는 1~3 (클래스 수) 사이여야 합니다 (받은 값: 4)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> p.where(3, 0));
    assertTrue(e.getMessage().contains("정답 클래스(trueClass) 3은(는)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> p.trueLabel(4));
    assertTrue(e.getMessage().contains("이미지 번호 4이(가) 범위 밖입니다"), e.getMessage());
    assertTrue(e.getMessage().contains("0~3이어야"), e.getMessage());
  }

  @Test
  void badArraysAreRefusedWithTheReason() {
    List<String> names = List.of("x", "y");
    CourseException e =
        assertThrows(
            CourseException.class,
            () -> Predictions.of(new int[2], new int[2], new float[][] {{1, 0}}, names));
    assertTrue(e.getMessage().contains("레이블은 2개인데 확률은 1줄입니다"), e.getMessage());
    e =
        assertThrows(
            CourseException.class,
            () -> Predictions.of(new int[1], new int[1], new float[][] {{1, 0, 0}}, names));
    assertTrue(e.getMessage().contains("0번 이미지의 확률이 3개인데, 클래스마다 하나씩 2개여야 합니다"), e.getMessage());
    e =
        assertThrows(
            CourseException.class,
            () -> Predictions.of(new int[] {2}, new int[1], new float[][] {{1, 0}}, names));
    assertTrue(e.getMessage().contains("0번 샘플의 정답 레이블 2은(는)"), e.getMessage());
  }

  @Test
  void misclassifiedGridShowsThePairOrExplainsWhyNot() {
    ImageDataset data = tiny();
    Predictions p;
    try (NDManager manager = NDManager.newBaseManager()) {
      p = predict(manager);
    }
    var picture = Misclassified.grid(data, p, 0, 1, 2, 2, 4);
    assertTrue(
        picture.getWidth() >= 2 * 8 && picture.getWidth() < 1000, "width " + picture.getWidth());
    assertTrue(
        picture.getHeight() > 8 && picture.getHeight() < 200, "height " + picture.getHeight());
    int[] labels = data.labels();
    Predictions allRight =
        Predictions.of(
            labels,
            labels,
            IntStream.range(0, 30).mapToObj(i -> new float[3]).toArray(float[][]::new),
            data.classNames());
    CourseException e =
        assertThrows(
            CourseException.class,
            () -> Misclassified.grid(data, allRight, 0, 1, 8, 4, 2));
    assertEquals("인자 오류", e.title());
    assertTrue(
        e.getMessage().contains("a(0) 이미지를 b(1)(으)로 예측한 경우가 없습니다"),
        e.getMessage());
    assertTrue(e.getMessage().contains("p.where(0, 1).length"), e.getMessage());
    e =
        assertThrows(
            CourseException.class,
            () -> Misclassified.grid(data.head(10), p, 0, 1, 8, 4, 2));
    assertTrue(e.getMessage().contains("예측(이미지 30장)이 tiny(이미지 10장)에 대한 것이 아닙니다"), e.getMessage());
    e = assertThrows(CourseException.class, () -> Misclassified.grid(data, p, 0, 1, 0, 4, 2));
    assertTrue(e.getMessage().contains("(받은 값: 0)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> Misclassified.grid(data, p, 0, 1, 2, 0, 2));
    assertTrue(e.getMessage().contains("columns 0, scale 2"), e.getMessage());
  }
}
