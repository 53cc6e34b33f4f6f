package kr.dlcourse.augment;

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
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import kr.dlcourse.nn.Layouts;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MixingTest {

  private NDManager manager;

  @BeforeEach
  void open() {
    Course.setup();
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  /** n images of 1×4×4: pixel k of image i is 16·i + k. */
  private NDArray ramp(int n) {
    return manager.arange(0f, 16f * n, 1f).reshape(n, 1, 4, 4);
  }

  private NDArray labels(long... values) {
    return manager.create(values);
  }

  // ---- Beta / Gamma ---------------------------------------------------------------------------

  @Test
  void betaHasTheMeanAndVarianceOfBetaAlphaAlpha() {
    int draws = 40_000;
    for (double alpha : new double[] {0.2, 0.5, 1.0, 2.0}) {
      Random random = new Random(11);
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < draws; i++) {
        double lam = Beta.sample(alpha, alpha, random);
        assertTrue(lam >= 0 && lam <= 1, "lam " + lam);
        sum += lam;
        sumSq += lam * lam;
      }
      double mean = sum / draws;
      double variance = sumSq / draws - mean * mean;
      double expectedVariance = 1 / (4 * (2 * alpha + 1)); // alpha·alpha / ((2α)²(2α+1))
      assertEquals(0.5, mean, 0.01, "mean for alpha " + alpha);
      assertEquals(expectedVariance, variance, 0.04 * expectedVariance, "variance for alpha " + alpha);
    }
  }

  @Test
  void betaIsAsymmetricForUnequalShapesAndGammaHasMeanAndVarianceK() {
    int draws = 40_000;
    Random random = new Random(3);
    double sum = 0;
    for (int i = 0; i < draws; i++) {
      sum += Beta.sample(2, 5, random);
    }
    assertEquals(2.0 / 7, sum / draws, 0.005, "Beta(2, 5) mean a/(a+b)");
    for (double k : new double[] {0.3, 1.0, 4.5}) {
      double s = 0;
      double sq = 0;
      for (int i = 0; i < draws; i++) {
        double g = Beta.gamma(k, random);
        assertTrue(g >= 0);
        s += g;
        sq += g * g;
      }
      double mean = s / draws;
      assertEquals(k, mean, 0.03 * Math.max(1, k), "Gamma(" + k + ") mean");
      assertEquals(k, sq / draws - mean * mean, 0.06 * Math.max(1, k), "Gamma(" + k + ") variance");
    }
  }

  @Test
  void smallAlphaPutsLamNearZeroOrOne() {
    Random random = new Random(5);
    int extreme = 0;
    for (int i = 0; i < 10_000; i++) {
      double lam = Beta.sample(0.2, 0.2, random);
      extreme += lam < 0.1 || lam > 0.9 ? 1 : 0;
    }
    // P(lam < 0.1 or lam > 0.9) for Beta(0.2, 0.2) is 0.673 (scipy.stats.beta); for a uniform lam it would be 0.2
    assertEquals(0.673, extreme / 10_000.0, 0.02);
  }

  // ---- Mixup ----------------------------------------------------------------------------------

  @Test
  void mixupEqualsHandComputedValues() {
    NDArray x = ramp(3);
    NDArray y = labels(7, 8, 9);
    int[] index = {2, 0, 1};
    Mixing.Mixed m = Mixup.mix(x, y, 0.7, index);
    assertEquals(new Shape(3, 1, 4, 4), m.x().getShape());
    float[] out = m.x().toFloatArray();
    // image 0, pixel 0: 0.7·0 + 0.3·32 = 9.6; image 1, pixel 5: 0.7·21 + 0.3·5 = 16.2
    assertEquals(9.6f, out[0], 1e-5);
    assertEquals(16.2f, out[16 + 5], 1e-5);
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 16; k++) {
        double expected = 0.7 * (16 * i + k) + 0.3 * (16 * index[i] + k);
        assertEquals(expected, out[16 * i + k], 1e-4, "image " + i + " pixel " + k);
      }
    }
    assertArrayEquals(new long[] {9, 7, 8}, m.partnerLabels().toLongArray());
    assertEquals(0.7, m.lambda());
  }

  @Test
  void mixupWithLamOneOrIdentityIndexKeepsTheImages() {
    NDArray x = ramp(2);
    NDArray y = labels(0, 1);
    assertTrue(Mixup.mix(x, y, 1, new int[] {1, 0}).x().contentEquals(x));
    assertTrue(Mixup.mix(x, y, 0.3, new int[] {0, 1}).x().allClose(x, 1e-6, 1e-5, false));
    assertTrue(Mixup.mix(x, y, 0, new int[] {1, 0}).x().contentEquals(x.flip(0)));
  }

  @Test
  void mixupApplyDrawsLamThenPartnersFromTheRandomInThatOrder() {
    NDArray x = ramp(4);
    NDArray y = labels(0, 1, 2, 3);
    for (long seed = 1; seed <= 5; seed++) {
      Mixing.Mixed m = Mixup.of(0.4).apply(x, y, new Random(seed));
      Random known = new Random(seed);
      double lam = Beta.sample(0.4, 0.4, known);
      int[] index = MixSupport.permutation(4, known);
      assertEquals(lam, m.lambda());
      assertTrue(m.lambda() >= 0 && m.lambda() <= 1);
      assertArrayEquals(Arrays.stream(index).asLongStream().toArray(), m.partnerLabels().toLongArray());
      assertTrue(m.x().allClose(Mixup.mix(x, y, lam, index).x(), 1e-6, 1e-6, false));
      long[] sorted = m.partnerLabels().toLongArray();
      Arrays.sort(sorted);
      assertArrayEquals(new long[] {0, 1, 2, 3}, sorted, "the partners are a permutation");
    }
  }

  @Test
  void permutationIsAUniformShuffle() {
    Random random = new Random(9);
    int[][] counts = new int[4][4]; // counts[position][value]
    Set<String> seen = new HashSet<>();
    for (int t = 0; t < 24_000; t++) {
      int[] p = MixSupport.permutation(4, random);
      seen.add(Arrays.toString(p));
      for (int i = 0; i < 4; i++) {
        counts[i][p[i]]++;
      }
    }
    assertEquals(24, seen.size(), "every order of 4 occurs");
    for (int[] row : counts) {
      for (int c : row) {
        assertEquals(6000, c, 300);
      }
    }
  }

  @Test
  void mixingLeavesTheInputUnchangedAndKeepsResultsInItsManager() {
    NDArray x = Layouts.channelsLast(manager.randomUniform(-2f, 2f, new Shape(4, 3, 4, 4)));
    NDArray y = labels(3, 1, 4, 1);
    NDArray xCopy = x.duplicate();
    NDArray yCopy = y.duplicate();
    for (Mixing mixing : new Mixing[] {Mixup.of(1.0), CutMix.of(1.0)}) {
      Mixing.Mixed m = mixing.apply(x, y, new Random(2));
      assertTrue(x.contentEquals(xCopy), mixing + " changed x");
      assertTrue(y.contentEquals(yCopy), mixing + " changed y");
      assertSame(manager, x.getManager());
      assertSame(manager, m.x().getManager());
      assertSame(manager, m.partnerLabels().getManager());
      assertEquals(x.getShape(), m.x().getShape());
      assertEquals(DataType.INT64, m.partnerLabels().getDataType());
    }
  }

  @Test
  void sameSeedGivesSameOutput() {
    NDArray x = manager.randomUniform(0f, 1f, new Shape(8, 3, 8, 8));
    NDArray y = labels(0, 1, 2, 3, 4, 5, 6, 7);
    for (Mixing mixing : new Mixing[] {Mixup.of(0.2), CutMix.of(1.0)}) {
      Mixing.Mixed a = mixing.apply(x, y, new Random(42));
      Mixing.Mixed b = mixing.apply(x, y, new Random(42));
      assertTrue(a.x().contentEquals(b.x()), mixing.toString());
      assertTrue(a.partnerLabels().contentEquals(b.partnerLabels()));
      assertEquals(a.lambda(), b.lambda());
      Mixing.Mixed c = mixing.apply(x, y, new Random(43));
      assertFalse(a.x().contentEquals(c.x()), mixing + " with another seed");
    }
  }

  // ---- CutMix ---------------------------------------------------------------------------------

  @Test
  void cutMixEqualsHandComputedValues() {
    NDArray x = ramp(2); // image 0 holds 0..15, image 1 holds 16..31
    NDArray y = labels(5, 6);
    // lam 0.75: cut_w = cut_h = int(4·0.5) = 2; centre (cx 2, cy 1): columns 1..3, rows 0..2
    Mixing.Mixed m = CutMix.mix(x, y, 0.75, new int[] {1, 0}, 2, 1);
    float[] expected = {
      0, 17, 18, 3, //
      4, 21, 22, 7, //
      8, 9, 10, 11, //
      12, 13, 14, 15, //
      16, 1, 2, 19, //
      20, 5, 6, 23, //
      24, 25, 26, 27, //
      28, 29, 30, 31
    };
    assertArrayEquals(expected, m.x().toFloatArray());
    assertArrayEquals(new long[] {6, 5}, m.partnerLabels().toLongArray());
    assertEquals(1 - 4.0 / 16, m.lambda(), 1e-12);
  }

  @Test
  void cutMixBoxIsClippedAtTheBorderAndLamIsCorrected() {
    // lam 0: cut_w = cut_h = 4; centre (3, 0): x 1..5 clipped to 1..4, y -2..2 clipped to 0..2
    CutMix.Box box = CutMix.box(4, 4, 0, 3, 0);
    assertEquals(new CutMix.Box(1, 0, 4, 2), box);
    assertEquals(6, box.area());
    NDArray x = ramp(2);
    Mixing.Mixed m = CutMix.mix(x, labels(0, 1), 0, new int[] {1, 0}, 3, 0);
    assertEquals(1 - 6.0 / 16, m.lambda(), 1e-12, "not the drawn lam 0: only 6 of 16 pixels moved");
    float[] image0 = m.x().get(0).toFloatArray();
    assertArrayEquals(
        new float[] {0, 17, 18, 19, 4, 21, 22, 23, 8, 9, 10, 11, 12, 13, 14, 15}, image0);

    // the lesson's cut_w//2 on both sides: an odd side of 3 gives a box 2 wide
    assertEquals(new CutMix.Box(0, 0, 2, 2), CutMix.box(3, 3, 0, 1, 1));
    assertEquals(1 - 4.0 / 9, CutMix.box(3, 3, 0, 1, 1).lambda(3, 3), 1e-12);
    // lam 1: an empty box, nothing pasted
    CutMix.Box none = CutMix.box(32, 32, 1, 10, 20);
    assertEquals(0, none.area());
    Mixing.Mixed kept = CutMix.mix(x, labels(0, 1), 1, new int[] {1, 0}, 1, 1);
    assertTrue(kept.x().contentEquals(x));
    assertEquals(1.0, kept.lambda());
    // non-square images: W = x.size(3), H = x.size(2)
    assertEquals(new CutMix.Box(2, 1, 6, 3), CutMix.box(8, 4, 0.75, 4, 2));
  }

  @Test
  void cutMixLamIsTheShareOfEachImageThatStayedItsOwn() {
    int n = 8;
    int side = 6;
    // image i is filled with the value i, so each output pixel shows where it came from
    NDArray x =
        manager.arange(0f, n, 1f).reshape(n, 1, 1, 1).broadcast(new Shape(n, 2, side, side)).duplicate();
    NDArray y = manager.arange(0L, n, 1L, DataType.INT64);
    Set<Double> lambdas = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      Mixing.Mixed m = CutMix.of(1.0).apply(x, y, new Random(seed));
      assertTrue(m.lambda() >= 0 && m.lambda() <= 1, "lam " + m.lambda());
      lambdas.add(m.lambda());
      long[] partner = m.partnerLabels().toLongArray();
      float[] out = m.x().toFloatArray();
      int perImage = 2 * side * side;
      for (int i = 0; i < n; i++) {
        int own = 0;
        int pasted = 0;
        for (int k = 0; k < perImage; k++) {
          float v = out[i * perImage + k];
          own += v == i ? 1 : 0;
          pasted += v == partner[i] && partner[i] != i ? 1 : 0;
        }
        if (partner[i] != i) {
          assertEquals(perImage, own + pasted, "every pixel comes from image " + i + " or its partner");
          assertEquals(m.lambda(), own / (double) perImage, 1e-12, "seed " + seed + ", image " + i);
        }
      }
    }
    assertTrue(lambdas.size() > 5, "the box varies with the seed: " + lambdas);
  }

  @Test
  void cutMixApplyDrawsLamPartnersThenCentre() {
    NDArray x = manager.randomUniform(0f, 1f, new Shape(4, 3, 8, 6));
    NDArray y = labels(0, 1, 2, 3);
    for (long seed = 1; seed <= 5; seed++) {
      Mixing.Mixed m = CutMix.of(1.0).apply(x, y, new Random(seed));
      Random known = new Random(seed);
      double lam = Beta.sample(1, 1, known);
      int[] index = MixSupport.permutation(4, known);
      int cx = known.nextInt(6);
      int cy = known.nextInt(8);
      Mixing.Mixed expected = CutMix.mix(x, y, lam, index, cx, cy);
      assertTrue(m.x().contentEquals(expected.x()), "seed " + seed);
      assertEquals(expected.lambda(), m.lambda());
      assertEquals(CutMix.box(6, 8, lam, cx, cy).lambda(6, 8), m.lambda());
    }
  }

  // ---- errors ---------------------------------------------------------------------------------

  @Test
  void badAlphaIsExplainedInKorean() {
    for (double alpha : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertArgument("alpha는 0보다 큰 수", () -> Mixup.of(alpha), "Mixup.of(0.2)");
      assertArgument("alpha는 0보다 큰 수", () -> CutMix.of(alpha), "CutMix.of(1.0)");
    }
    assertArgument("0보다 큰", () -> Beta.sample(0, 1, new Random(1)));
  }

  @Test
  void inputOtherThanAFourDimensionalFloatBatchIsExplainedInKorean() {
    NDArray one = manager.zeros(new Shape(3, 4, 4));
    NDArray y = labels(0, 1, 2);
    assertShape("(N, C, H, W)", () -> Mixup.of(0.2).apply(one, y, new Random(1)), "3차원", "expandDims(0)");
    assertShape("(N, C, H, W)", () -> CutMix.of(1).apply(one, y, new Random(1)), "3차원");
    assertShape("(N, C, H, W)", () -> Mixup.mix(manager.zeros(new Shape(2, 8)), labels(0, 1), 0.5, new int[] {1, 0}));
    assertArgument("float", () -> Mixup.mix(manager.zeros(new Shape(2, 1, 2, 2), DataType.UINT8), labels(0, 1), 0.5, new int[] {1, 0}));
    NDArray x = ramp(2);
    assertShape("(N)", () -> Mixup.of(0.2).apply(x, labels(0, 1, 2), new Random(1)), "b.y()");
    assertArgument("lam은 0 이상 1 이하", () -> Mixup.mix(x, labels(0, 1), 1.5, new int[] {1, 0}));
    assertArgument("2개", () -> Mixup.mix(x, labels(0, 1), 0.5, new int[] {1, 0, 2}), "randperm");
    assertArgument("index[1] = 2", () -> CutMix.mix(x, labels(0, 1), 0.5, new int[] {0, 2}, 1, 1));
    assertArgument("이미지 밖", () -> CutMix.mix(x, labels(0, 1), 0.5, new int[] {1, 0}, 4, 0), "W=4");
    assertArgument("null", () -> Mixup.mix(null, labels(0, 1), 0.5, new int[] {1, 0}));
  }

  @Test
  void namesShowTheAlpha() {
    assertEquals("Mixup(alpha=0.2)", Mixup.of(0.2).toString());
    assertEquals("CutMix(alpha=1)", CutMix.of(1.0).toString());
    assertEquals(0.2, Mixup.of(0.2).alpha());
    assertNotEquals(Mixup.of(0.2).toString(), Mixup.of(0.4).toString());
  }

  private static void assertArgument(String expected, Executable call, String... more) {
    assertCourse("인자 오류", expected, call, more);
  }

  private static void assertShape(String expected, Executable call, String... more) {
    assertCourse("모양 오류", expected, call, more);
  }

  private static void assertCourse(String title, String expected, Executable call, String... more) {
    CourseException e = assertThrows(CourseException.class, call);
    assertEquals(title, e.title(), e.toString());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    for (String word : more) {
      assertTrue(e.getMessage().contains(word), "\"" + word + "\" missing in: " + e.getMessage());
    }
  }
}
