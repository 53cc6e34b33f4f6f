package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.StoppedException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {

  /** 30 RGB 2×2 images; image i has every pixel = i, label i % 3. */
  static ImageDataset tiny() {
    int n = 30;
    byte[] pixels = new byte[n * 12];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(pixels, i * 12, (i + 1) * 12, (byte) i);
      labels[i] = i % 3;
    }
    return ImageDataset.of("tiny", pixels, labels, new Shape(3, 2, 2), List.of("a", "b", "c"), List.of("가", "나", "다"));
  }

  @Test
  void batchesOutliveTheManagerTheyWereMadeWithAndStopWhenAsked() {
    ImageDataset data = tiny();
    Batches batches;
    try (NDManager cellManager = NDManager.newBaseManager()) {
      batches = data.batches(cellManager, 8);
    } // a rerun of the cell that made the manager closed it
    try (Batch b = batches.first()) {
      assertEquals(new Shape(8, 3, 2, 2), b.x().getShape());
      assertArrayEquals(new long[] {0, 1, 2, 0, 1, 2, 0, 1}, b.y().toLongArray());
    }
    Thread.currentThread().interrupt(); // the ■ button
    StoppedException stop = assertThrows(StoppedException.class, () -> batches.iterator().next());
    assertEquals("tiny의 배치 1/4를 읽기 전에 멈췄습니다.", stop.getMessage());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  @Test
  void aSubsetSharesItsSetsPixelsAndItsBatchesHoldItsOwnImages() {
    ImageDataset data = tiny();
    ImageDataset part = data.subset(new int[] {7, 2, 29}).subset(new int[] {2, 0}); // images 29 and 7
    assertSame(data.sharedPixels(), part.sharedPixels(), "a subset does not copy the images");
    assertArrayEquals(new int[] {29 % 3, 7 % 3}, part.labels());
    assertEquals(29, part.pixels(0)[0]);
    try (Batch b = part.batches(2).first()) {
      assertArrayEquals(new float[] {29 / 255f, 29 / 255f, 29 / 255f, 29 / 255f}, Arrays.copyOf(b.x().toFloatArray(), 4), 1e-6f);
      assertArrayEquals(new long[] {29 % 3, 7 % 3}, b.y().toLongArray());
    }
    byte[] compact = part.pixelArray();
    assertEquals(2 * 12, compact.length);
    assertEquals(7, compact[12]);
  }

  @Test
  void batchesLeaveNoDirectBuffersForTheGarbageCollector() {
    java.lang.management.BufferPoolMXBean direct =
        java.lang.management.ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
            .filter(p -> p.getName().equals("direct")).findFirst().orElseThrow();
    ImageDataset data = tiny();
    long before = direct.getMemoryUsed();
    for (int epoch = 0; epoch < 200; epoch++) {
      for (Batch b : data.batches(8).shuffle(epoch).normalize(Normalization.CIFAR10)) {
        assertEquals(3, b.x().getShape().get(1));
      }
    }
    // 800 batches: DJL's create(...) used to leave each batch's pixels and labels in a direct buffer
    assertTrue(direct.getMemoryUsed() - before < 4096, (direct.getMemoryUsed() - before) + " bytes left behind");
  }

  @Test
  void splitIsSeededDisjointAndSizedLikeRandomSplit() {
    ImageDataset data = tiny();
    ImageDataset.Split split = data.split(0.2, 42);
    assertEquals(24, split.train().size());
    assertEquals(6, split.validation().size());
    Set<Integer> seen = new HashSet<>();
    for (ImageDataset part : List.of(split.train(), split.validation())) {
      for (int i = 0; i < part.size(); i++) {
        assertTrue(seen.add((int) part.pixels(i)[0]), "an image is in both parts");
      }
    }
    ImageDataset.Split again = data.split(0.2, 42);
    assertArrayEquals(split.validation().labels(), again.validation().labels());
    assertArrayEquals(split.validation().pixelArray(), again.validation().pixelArray());
    assertFalse(Arrays.equals(split.validation().pixelArray(), data.split(0.2, 7).validation().pixelArray()));
    CourseException e = assertThrows(CourseException.class, () -> data.split(1.5, 1));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("(받은 값: 1.5)"), e.getMessage());
    assertTrue(e.getMessage().contains("data.split(0.2, 42)"), e.getMessage());
    // a float is shown rounded for people, not as 0.10000000149011612 or 1.100000023841858
    e = assertThrows(CourseException.class, () -> data.split(1.1f, 1));
    assertTrue(e.getMessage().contains("(받은 값: 1.1)"), e.getMessage());
  }

  @Test
  void countsFirstOfEachClassSamplesAndStatistics() {
    ImageDataset data = tiny();
    assertArrayEquals(new int[] {10, 10, 10}, data.classCounts());
    assertArrayEquals(new int[][] {{0, 3}, {1, 4}, {2, 5}}, data.firstOfEachClass(2));
    ImageDataset sample = data.sample(9, 1);
    assertArrayEquals(new int[] {3, 3, 3}, sample.classCounts(), "every class is kept");
    assertEquals(3, data.classCountTable().rowCount());
    Normalization stats = data.statistics();
    double mean = IntStream.range(0, 30).average().orElseThrow() / 255;
    assertEquals(mean, stats.mean()[0], 1e-6);
    double var = IntStream.range(0, 30).mapToDouble(i -> (i / 255.0 - mean) * (i / 255.0 - mean)).sum() / 30;
    assertEquals(Math.sqrt(var), stats.std()[0], 1e-6);
    assertEquals(0x0a0a0a, data.image(10).getRGB(1, 1) & 0xffffff);
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    CourseException e =
        assertThrows(
            CourseException.class,
            () -> ImageDataset.of("x", new byte[10], new int[] {0}, new Shape(3, 2, 2), List.of("a"), List.of("a")));
    assertEquals("모양 오류", e.title());
    assertTrue(e.getMessage().contains("픽셀이 12바이트여야 하는데 10바이트를 받았습니다"), e.getMessage());
    e =
        assertThrows(
            CourseException.class,
            () -> ImageDataset.of("x", new byte[12], new int[] {5}, new Shape(3, 2, 2), List.of("a"), List.of("a")));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("0번 샘플의 레이블 5은(는) 클래스 번호가 아닙니다"), e.getMessage());

    ImageDataset data = tiny();
    e = assertThrows(CourseException.class, () -> data.image(30));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("번호는 0~29입니다 (받은 번호: 30)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> data.batches(0));
    assertTrue(e.getMessage().contains("배치 크기(batchSize)는 1 이상이어야 합니다 (받은 값: 0)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> data.batches(4).normalize(Normalization.none(1)));
    assertTrue(e.getMessage().contains("채널이 3개인데 정규화(Normalization)는 채널 1개용입니다"), e.getMessage());
    e = assertThrows(CourseException.class, () -> data.channelHistogram(3));
    assertTrue(e.getMessage().contains("채널 번호는 0~2입니다 (받은 값: 3)"), e.getMessage());
    e =
        assertThrows(
            CourseException.class, () -> new Normalization(new float[] {0.5f}, new float[] {0.1f, 0.2f}));
    assertTrue(e.getMessage().contains("mean 1개, std 2개"), e.getMessage());
    e = assertThrows(CourseException.class, () -> new Normalization(new float[] {0.5f}, new float[] {0f}));
    assertTrue(e.getMessage().contains("std는 모두 0보다 커야 합니다 (받은 값: [0])"), e.getMessage());
  }

  @Test
  void batchesAreNormalizedShuffledPerEpochAndClosed() {
    Course.setup();
    ImageDataset data = tiny();
    try (NDManager manager = NDManager.newBaseManager()) {
      Normalization norm = new Normalization(new float[] {0.1f, 0.2f, 0.3f}, new float[] {0.5f, 0.5f, 0.5f});
      Batches batches = data.batches(manager, 8).normalize(norm);
      assertEquals(4, batches.count());
      List<Integer> sizes = new ArrayList<>();
      for (Batch b : batches) {
        sizes.add(b.size());
        assertEquals(DataType.FLOAT32, b.x().getDataType());
        assertEquals(DataType.INT64, b.y().getDataType());
        int first = b.indices()[0];
        NDArray x = b.x();
        assertEquals(new Shape(b.size(), 3, 2, 2), x.getShape());
        assertEquals((first / 255f - 0.2f) / 0.5f, x.get(0, 1, 0, 0).getFloat(), 1e-5);
        assertEquals(first % 3, b.y().getLong(0));
      }
      assertEquals(List.of(8, 8, 8, 6), sizes);
      assertEquals(0, manager.getManagedArrays().size(), "every batch was closed");
      assertEquals(3, data.batches(manager, 8).dropLast().count());

      Batches shuffled = data.batches(manager, 30).shuffle(42);
      int[] epoch1 = firstBatch(shuffled);
      int[] epoch2 = firstBatch(shuffled);
      assertNotEquals(Arrays.toString(epoch1), Arrays.toString(epoch2), "each epoch has a new order");
      assertArrayEquals(epoch1, firstBatch(data.batches(manager, 30).shuffle(42)), "reproducible");
      int[] sorted = epoch1.clone();
      Arrays.sort(sorted);
      assertArrayEquals(IntStream.range(0, 30).toArray(), sorted, "a permutation of all images");
    }
  }

  @Test
  void normalizationRoundTripsAndTurnsTensorsIntoPictures() {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray image = manager.randomUniform(0f, 1f, new Shape(3, 4, 4));
      Normalization norm = Normalization.CIFAR10;
      assertTrue(norm.denormalize(norm.normalize(image)).allClose(image, 1e-5, 1e-5, false));
      NDArray red = manager.zeros(new Shape(3, 1, 1));
      red.set(new ai.djl.ndarray.index.NDIndex("0"), 1f);
      int rgb = norm.toImage(norm.normalize(red)).getRGB(0, 0) & 0xffffff;
      assertEquals(0xff0000, rgb);
      CourseException e =
          assertThrows(CourseException.class, () -> norm.normalize(manager.zeros(new Shape(1, 28, 28))));
      assertEquals("모양 오류", e.title());
      assertTrue(e.getMessage().contains("채널이 3개인 이미지 (C, H, W) 또는 배치 (N, C, H, W)에 씁니다 (받은 모양: (1, 28, 28))"), e.getMessage());
      e = assertThrows(CourseException.class, () -> norm.normalize(manager.zeros(new Shape(32, 32, 3))));
      assertTrue(e.getMessage().contains("transpose(2, 0, 1)"), e.getMessage());
    }
  }

  @Test
  void augmentationRunsOnPixelsInZeroOneBeforeNormalization() {
    Course.setup();
    ImageDataset data = tiny();
    try (NDManager manager = NDManager.newBaseManager()) {
      Normalization norm = new Normalization(new float[] {0.1f, 0.2f, 0.3f}, new float[] {0.5f, 0.5f, 0.5f});
      float[] seen = new float[2];
      kr.dlcourse.augment.Augmentation probe =
          (batch, random) -> {
            seen[0] = batch.max().getFloat();
            return batch.mul(0f).add(1f); // every pixel becomes 1.0
          };
      for (Batch b : data.batches(manager, 30).augment(probe, 1).normalize(norm)) {
        assertEquals(29 / 255f, seen[0], 1e-6, "the augmentation sees values in [0, 1]");
        assertEquals((1f - 0.2f) / 0.5f, b.x().get(0, 1, 0, 0).getFloat(), 1e-5, "then normalization");
      }
      assertEquals(0, manager.getManagedArrays().size());
    }
  }

  private static int[] firstBatch(Batches batches) {
    for (Batch b : batches) {
      return b.indices();
    }
    throw new AssertionError("no batch");
  }
}
