package kr.dlcourse.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import kr.dlcourse.data.Batch;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.StoppedException;
import org.junit.jupiter.api.Test;

class TabularDataTest {

  /** 10 rows of 3 features: row i is {i, 10 i, 100 i}, label i % 3. */
  static TabularData tenRows(boolean binary) {
    float[][] x = new float[10][];
    int[] y = new int[10];
    for (int i = 0; i < 10; i++) {
      x[i] = new float[] {i, 10 * i, 100 * i};
      y[i] = binary ? i % 2 : i % 3;
    }
    return binary ? TabularData.binary(x, y) : TabularData.of(x, y);
  }

  @Test
  void multiClassBatchesHoldFloatRowsAndInt64Labels() {
    TabularData data = tenRows(false).named("작은 표");
    assertEquals(10, data.size());
    assertEquals(3, data.featureCount());
    TabularBatches loader = data.batches(4);
    assertEquals(3, loader.count());
    List<Integer> sizes = new ArrayList<>();
    for (Batch b : loader) {
      sizes.add(b.size());
      assertEquals(new Shape(b.size(), 3), b.x().getShape());
      assertEquals(DataType.FLOAT32, b.x().getDataType());
      assertEquals(new Shape(b.size()), b.y().getShape());
      assertEquals(DataType.INT64, b.y().getDataType());
      int first = b.indices()[0];
      assertArrayEquals(new float[] {first, 10 * first, 100 * first}, b.x().get(0).toFloatArray());
      assertEquals(first % 3, b.y().getLong(0));
    }
    assertEquals(List.of(4, 4, 2), sizes, "the last batch holds the 2 rows left");
    assertEquals(2, data.batches(4).dropLast().count());
  }

  @Test
  void binaryBatchesHoldFloatTargetsShapedLikeOneLogit() {
    try (Batch b = tenRows(true).batches(8).first()) {
      assertEquals(new Shape(8, 1), b.y().getShape());
      assertEquals(DataType.FLOAT32, b.y().getDataType());
      assertArrayEquals(new float[] {0, 1, 0, 1, 0, 1, 0, 1}, b.y().toFloatArray());
      assertEquals(1, b.labels().size());
      assertEquals(1, b.data().size());
    }
  }

  @Test
  void withoutShuffleRowsComeInOrder() {
    List<Integer> seen = new ArrayList<>();
    for (Batch b : tenRows(false).batches(3)) {
      for (int i : b.indices()) {
        seen.add(i);
      }
    }
    assertEquals(IntStream.range(0, 10).boxed().toList(), seen);
  }

  @Test
  void shuffleGivesANewOrderEveryEpochReproducibleFromTheSeed() {
    TabularBatches loader = tenRows(false).batches(4).shuffle(42);
    int[] epoch1 = order(loader);
    int[] epoch2 = order(loader);
    assertArrayEquals(IntStream.range(0, 10).toArray(), Arrays.stream(epoch1).sorted().toArray(), "each row once");
    assertArrayEquals(IntStream.range(0, 10).toArray(), Arrays.stream(epoch2).sorted().toArray());
    assertFalse(Arrays.equals(epoch1, epoch2), "a new order in the second epoch");
    assertFalse(Arrays.equals(epoch1, IntStream.range(0, 10).toArray()), "shuffled");
    TabularBatches again = tenRows(false).batches(4).shuffle(42);
    assertArrayEquals(epoch1, order(again), "same seed, same first epoch");
    assertArrayEquals(epoch2, order(again), "same seed, same second epoch");
    assertFalse(Arrays.equals(epoch1, order(tenRows(false).batches(4).shuffle(7))));
  }

  @Test
  void eachBatchIsClosedWhenTheLoopMovesOn() {
    Iterator<Batch> it = tenRows(false).batches(4).iterator();
    Batch first = it.next();
    assertTrue(first.manager().isOpen());
    Batch second = it.next();
    assertFalse(first.manager().isOpen(), "closed when the next batch is taken");
    it.next();
    assertFalse(it.hasNext());
    assertFalse(second.manager().isOpen());
  }

  @Test
  void stopButtonEndsTheLoopBetweenBatches() {
    Iterator<Batch> it = tenRows(false).named("Iris 학습").batches(4).iterator();
    Batch first = it.next();
    Thread.currentThread().interrupt();
    StoppedException e = assertThrows(StoppedException.class, it::next);
    assertEquals("중지", e.title());
    assertTrue(e.getMessage().contains("Iris 학습의 배치 2/3를 읽기 전에 멈췄습니다"), e.getMessage());
    assertFalse(Thread.interrupted(), "the request is cleared");
    assertFalse(first.manager().isOpen());
  }

  @Test
  void badInputIsRefusedInKorean() {
    float[][] x = {{1, 2}, {3, 4}};
    CourseException e = assertThrows(CourseException.class, () -> TabularData.of(x, new int[3]));
    assertEquals("인자 오류", e.title());
    assertTrue(e.getMessage().contains("x는 2행인데 y는 3개입니다"), e.getMessage());
    e = assertThrows(CourseException.class, () -> TabularData.binary(x, new int[] {0, 2}));
    assertTrue(e.getMessage().contains("1번 행의 레이블이 2입니다. 이진 분류의 레이블은 0 또는 1"), e.getMessage());
    e = assertThrows(CourseException.class, () -> TabularData.of(x, new int[] {0, -1}));
    assertTrue(e.getMessage().contains("클래스 번호"), e.getMessage());
    e = assertThrows(CourseException.class, () -> TabularData.of(x, new int[2]).batches(0));
    assertTrue(e.getMessage().contains("배치 크기(batchSize)는 1 이상이어야 합니다 (받은 값: 0)"), e.getMessage());
    e = assertThrows(CourseException.class, () -> TabularData.of(x, new int[2]).batches(4).dropLast().first());
    assertTrue(e.getMessage().contains("배치를 하나도 만들 수 없습니다"), e.getMessage());
    TabularData data = TabularData.of(x, new int[2]);
    x[0][0] = 99;
    assertEquals(1, data.row(0)[0], "rows are copied in");
  }

  private static int[] order(TabularBatches loader) {
    List<Integer> seen = new ArrayList<>();
    for (Batch b : loader) {
      for (int i : b.indices()) {
        seen.add(i);
      }
      // x follows the order: row i holds i in its first feature
      assertEquals(b.indices()[b.size() - 1], (int) b.x().get(b.size() - 1).getFloat(0));
    }
    return seen.stream().mapToInt(Integer::intValue).toArray();
  }
}
