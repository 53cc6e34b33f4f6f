package kr.dlcourse.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AugmentationsTest {

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

  /** Values in [lo, hi), so that zeros in an output can only come from the augmentation. */
  private NDArray batch(int n, int c, int h, int w, float lo, float hi) {
    return manager.randomUniform(lo, hi, new Shape(n, c, h, w));
  }

  @Test
  void flipWithPOneFlipsEverySampleAndPZeroNone() {
    NDArray x = batch(4, 3, 5, 6, 0f, 1f);
    NDArray flipped = Augmentations.horizontalFlip(1).apply(x, new Random(1));
    assertTrue(flipped.contentEquals(x.flip(3)));
    assertSame(manager, flipped.getManager());
    NDArray same = Augmentations.horizontalFlip(0).apply(x, new Random(1));
    assertTrue(same.contentEquals(x));
    assertTrue(same != x, "a new array");
  }

  @Test
  void flipChoosesSamplesIndependentlyWithProbabilityP() {
    int n = 200;
    NDArray x = batch(n, 1, 2, 3, 0f, 1f);
    float[] in = x.toFloatArray();
    float[] mirrored = x.flip(3).toFloatArray();
    float[] out = Augmentations.horizontalFlip(0.5).apply(x, new Random(3)).toFloatArray();
    int flipped = 0;
    for (int i = 0; i < n; i++) {
      boolean isInput = sameRange(out, in, i * 6, 6);
      boolean isMirror = sameRange(out, mirrored, i * 6, 6);
      assertTrue(isInput != isMirror, "sample " + i + " is either kept or flipped");
      flipped += isMirror ? 1 : 0;
    }
    double fraction = flipped / (double) n;
    assertTrue(fraction >= 0.35 && fraction <= 0.65, "flipped fraction " + fraction);
  }

  @Test
  void cropShiftsEachSampleByItsOffsetAndPadsWithZeros() {
    int n = 6;
    int c = 2;
    int size = 8;
    int padding = 2;
    NDArray x = batch(n, c, size, size, 0.1f, 1f);
    NDArray out = Augmentations.randomCrop(padding).apply(x, new Random(7));
    assertEquals(x.getShape(), out.getShape());

    Random known = new Random(7); // the draws in the documented order: top, then left, per sample
    boolean shifted = false;
    for (int i = 0; i < n; i++) {
      int dy = known.nextInt(2 * padding + 1) - padding;
      int dx = known.nextInt(2 * padding + 1) - padding;
      shifted |= dy != 0 || dx != 0;
      // out[y, x] = in[y + dy, x + dx] where that is inside the image, else 0
      int y0 = Math.max(0, -dy);
      int y1 = Math.min(size, size - dy);
      int x0 = Math.max(0, -dx);
      int x1 = Math.min(size, size - dx);
      NDArray kept = out.get(new NDIndex("{}, :, {}:{}, {}:{}", i, y0, y1, x0, x1));
      NDArray source =
          x.get(new NDIndex("{}, :, {}:{}, {}:{}", i, y0 + dy, y1 + dy, x0 + dx, x1 + dx));
      assertTrue(kept.contentEquals(source), "sample " + i + " shifted by " + dy + ", " + dx);
      long zeros = out.get(i).eq(0).countNonzero().getLong();
      assertEquals(
          (long) c * (size * size - (y1 - y0) * (x1 - x0)), zeros, "padding of sample " + i);
    }
    assertTrue(shifted, "some sample moved");
  }

  @Test
  void sameSeedGivesSameOutputAndStepsChainThroughOneRandom() {
    NDArray x = batch(8, 3, 32, 32, 0f, 1f);
    Augmentation aug = Augmentations.lessonPipeline();
    NDArray a = aug.apply(x, new Random(42));
    assertTrue(a.contentEquals(aug.apply(x, new Random(42))));
    assertFalse(a.contentEquals(aug.apply(x, new Random(43))));
    assertFalse(a.contentEquals(x));

    Random random = new Random(42);
    NDArray stepByStep = Augmentations.horizontalFlip(0.5).apply(x, random);
    stepByStep = Augmentations.randomCrop(4).apply(stepByStep, random);
    stepByStep = Augmentations.colorJitter(0.2, 0.2, 0.2).apply(stepByStep, random);
    assertTrue(a.contentEquals(stepByStep));

    Augmentation erase = Augmentations.randomErasing();
    assertTrue(erase.apply(x, new Random(5)).contentEquals(erase.apply(x, new Random(5))));
  }

  @Test
  void colorJitterWithZeroAmountsIsTheIdentity() {
    NDArray x = batch(5, 3, 6, 6, 0f, 1f);
    assertTrue(Augmentations.colorJitter(0, 0, 0).apply(x, new Random(1)).contentEquals(x));
    NDArray grey = batch(5, 1, 6, 6, 0f, 1f);
    assertTrue(Augmentations.colorJitter(0, 0, 0).apply(grey, new Random(1)).contentEquals(grey));
  }

  @Test
  void brightnessScalesEachImageByOneFactor() {
    int n = 10;
    int size = 3 * 4 * 4;
    NDArray x = batch(n, 3, 4, 4, 0.1f, 0.8f); // 0.8 × 1.2 < 1: no clipping
    float[] ratio =
        Augmentations.colorJitter(0.2, 0, 0).apply(x, new Random(2)).div(x).toFloatArray();
    float lowest = Float.MAX_VALUE;
    float highest = -Float.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      float f = ratio[i * size];
      assertTrue(f >= 0.8f && f <= 1.2f, "factor " + f);
      for (int k = 1; k < size; k++) {
        assertEquals(f, ratio[i * size + k], 1e-5, "one factor within image " + i);
      }
      lowest = Math.min(lowest, f);
      highest = Math.max(highest, f);
    }
    assertTrue(highest - lowest > 0.05, "factors vary across images");
  }

  @Test
  void contrastScalesDeviationsFromTheImageMean() {
    NDArray x = batch(6, 1, 5, 5, 0.3f, 0.7f); // deviations × 1.2 stay inside [0, 1]
    NDArray out = Augmentations.colorJitter(0, 0.2, 0).apply(x, new Random(4));
    NDArray mean = x.reshape(6, 25).mean(new int[] {1}).reshape(6, 1, 1, 1);
    NDArray outMean = out.reshape(6, 25).mean(new int[] {1}).reshape(6, 1, 1, 1);
    assertTrue(outMean.allClose(mean, 1e-5, 1e-5, false), "the mean is kept");
    float[] ratio = out.sub(mean).div(x.sub(mean)).toFloatArray();
    for (int i = 0; i < 6; i++) {
      float f = ratio[i * 25];
      assertTrue(f >= 0.8f && f <= 1.2f, "factor " + f);
      for (int k = 1; k < 25; k++) {
        assertEquals(f, ratio[i * 25 + k], 1e-3, "one factor within image " + i);
      }
    }
  }

  @Test
  void saturationKeepsGreyImagesAndTheGreyLevelOfColourOnes() {
    NDArray grey = batch(4, 1, 5, 5, 0f, 1f).repeat(1, 3);
    assertEquals(new Shape(4, 3, 5, 5), grey.getShape());
    NDArray out = Augmentations.colorJitter(0, 0, 0.9).apply(grey, new Random(5));
    assertTrue(out.allClose(grey, 1e-5, 1e-6, false));

    NDArray colour = batch(4, 3, 5, 5, 0.4f, 0.6f);
    NDArray saturated = Augmentations.colorJitter(0, 0, 0.5).apply(colour, new Random(5));
    assertFalse(saturated.allClose(colour, 1e-3, 1e-3, false), "colours change");
    NDArray weights = manager.create(new float[] {0.299f, 0.587f, 0.114f}, new Shape(1, 3, 1, 1));
    NDArray before = colour.mul(weights).sum(new int[] {1});
    NDArray after = saturated.mul(weights).sum(new int[] {1});
    assertTrue(after.allClose(before, 1e-5, 1e-5, false), "grey level is kept");
  }

  @Test
  void outputsStayInTheUnitRange() {
    NDArray x = batch(16, 3, 8, 8, 0f, 1f);
    for (Augmentation aug :
        List.of(Augmentations.colorJitter(1, 1, 1), Augmentations.lessonPipeline())) {
      NDArray out = aug.apply(x, new Random(6));
      assertTrue(out.min().getFloat() >= 0f && out.max().getFloat() <= 1f);
      assertFalse(out.contentEquals(x));
    }
  }

  @Test
  void erasingWithPOneZeroesOneRectanglePerSample() {
    int n = 20;
    int c = 3;
    int size = 32;
    double minArea = 0.02;
    double maxArea = 0.33;
    NDArray x = batch(n, c, size, size, 0.1f, 1f);
    NDArray out =
        Augmentations.randomErasing(1, minArea, maxArea, 0.3, 3.3).apply(x, new Random(8));
    float[] in = x.toFloatArray();
    float[] v = out.toFloatArray();
    int plane = size * size;
    for (int i = 0; i < n; i++) {
      int count = 0;
      int top = size;
      int bottom = -1;
      int left = size;
      int right = -1;
      for (int y = 0; y < size; y++) {
        for (int col = 0; col < size; col++) {
          for (int ch = 0; ch < c; ch++) {
            int at = (i * c + ch) * plane + y * size + col;
            boolean erased = v[(i * c) * plane + y * size + col] == 0f;
            assertEquals(erased ? 0f : in[at], v[at], "channels agree, the rest is kept");
          }
          if (v[(i * c) * plane + y * size + col] == 0f) {
            count++;
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
            left = Math.min(left, col);
            right = Math.max(right, col);
          }
        }
      }
      assertEquals((bottom - top + 1) * (right - left + 1), count, "a full rectangle in " + i);
      double fraction = count / (double) plane;
      assertTrue(fraction >= minArea && fraction <= maxArea, "area fraction " + fraction);
    }
    NDArray same =
        Augmentations.randomErasing(0, minArea, maxArea, 0.3, 3.3).apply(x, new Random(8));
    assertTrue(same.contentEquals(x));
  }

  @Test
  void temporaryArraysAreFreedAndOnlyTheResultStays() {
    NDArray x = batch(4, 3, 8, 8, 0f, 1f);
    assertEquals(1, manager.getManagedArrays().size());
    List<Augmentation> all =
        List.of(
            Augmentations.horizontalFlip(0.5),
            Augmentations.randomCrop(2),
            Augmentations.colorJitter(0.2, 0.2, 0.2),
            Augmentations.randomErasing(),
            Augmentations.randomRotation(10),
            Augmentations.randomTranslate(0.2, 0.2),
            Augmentations.lessonPipeline().then(Augmentations.randomErasing()),
            Augmentation.compose());
    for (Augmentation aug : all) {
      NDArray out = aug.apply(x, new Random(9));
      assertSame(manager, out.getManager());
      assertSame(manager, x.getManager(), "the input is returned to its manager");
      assertEquals(2, manager.getManagedArrays().size(), "only input and output");
      out.close();
    }
    assertFalse(x.isReleased());
  }

  @Test
  void composeAppliesStepsInOrder() {
    NDArray x = batch(3, 3, 4, 5, 0f, 1f);
    Augmentation twice =
        Augmentation.compose(Augmentations.horizontalFlip(1), Augmentations.horizontalFlip(1));
    assertTrue(twice.apply(x, new Random(1)).contentEquals(x));
    Augmentation flipThenCrop =
        Augmentation.compose(Augmentations.horizontalFlip(1), Augmentations.randomCrop(0));
    assertTrue(flipThenCrop.apply(x, new Random(1)).contentEquals(x.flip(3)));
    NDArray copy = Augmentation.compose().apply(x, new Random(1));
    assertTrue(copy != x && copy.contentEquals(x));

    Augmentation passThrough = (batch, random) -> batch; // then must not close the caller's batch
    NDArray flipped = passThrough.then(Augmentations.horizontalFlip(1)).apply(x, new Random(1));
    assertFalse(x.isReleased());
    assertTrue(flipped.contentEquals(x.flip(3)));
  }

  /** A Random whose nextDouble gives these values in turn (and then the last again). */
  private static Random draws(double... values) {
    return new Random() {
      private int next;

      @Override
      public double nextDouble() {
        return values[Math.min(next++, values.length - 1)];
      }
    };
  }

  @Test
  void rotationMovesABrightPixelWhereTheRotationSays() {
    // one bright pixel at row 2, column 6 of a 9×9 image; the centre is (4, 4)
    NDArray x = manager.zeros(new Shape(1, 1, 9, 9));
    x.set(new NDIndex("0, 0, 2, 6"), 1f);
    // degrees 60 and a draw of 0.75: angle = -60 + 120 · 0.75 = 30°, counter-clockwise.
    // The pixel sits at (x, y) = (2, -2) from the centre (y down); turned 30° counter-clockwise it
    // goes to (2 cos 30° + (-2) sin 30°, -2 sin 30° + (-2) cos 30°) = (0.73, -2.73), so to column
    // 4 + 0.73 ≈ 5 and row 4 - 2.73 ≈ 1: up and to the left, as a counter-clockwise turn moves it.
    NDArray out = Augmentations.randomRotation(60).apply(x, draws(0.75));
    assertEquals(x.getShape(), out.getShape());
    assertEquals(1f, out.getFloat(0, 0, 1, 5));
    assertEquals(1f, out.sum().getFloat(), "no other pixel is bright");

    // 90° (degrees 180, draw 0.75) turns a 6×6 image exactly: out[i][j] = in[j][5 - i] (rot90)
    NDArray image = batch(2, 3, 6, 6, 0.1f, 1f);
    NDArray turned = Augmentations.randomRotation(180).apply(image, draws(0.75));
    assertTrue(turned.contentEquals(image.transpose(0, 1, 3, 2).flip(2)));
    assertEquals(image.getFloat(0, 1, 0, 5), turned.getFloat(0, 1, 0, 0), "top-right goes to top-left");
    // -90° (draw 0.25) turns the other way: out[i][j] = in[5 - j][i]
    NDArray back = Augmentations.randomRotation(180).apply(image, draws(0.25));
    assertTrue(back.contentEquals(image.transpose(0, 1, 3, 2).flip(3)));
    // degrees 0 changes nothing
    assertTrue(Augmentations.randomRotation(0).apply(image, new Random(1)).contentEquals(image));
  }

  @Test
  void rotationDrawsOneAngleInRangePerImageFillsZerosAndRepeatsWithTheSeed() {
    int n = 8;
    int size = 16;
    double degrees = 10;
    NDArray one = batch(1, 3, size, size, 0.1f, 1f); // no zeros: zeros come from outside
    NDArray x = one.repeat(0, n);
    NDArray out = Augmentations.randomRotation(degrees).apply(x, new Random(11));
    assertEquals(x.getShape(), out.getShape());
    assertTrue(out.min().getFloat() >= 0f && out.max().getFloat() <= 1f, "range kept");

    // the reference: nearest-pixel inverse rotation, angle = -10 + 20·u per image, in Java
    float[] in = one.toFloatArray();
    float[] v = out.toFloatArray();
    Random known = new Random(11);
    int plane = size * size;
    double centre = (size - 1) / 2.0;
    boolean someZero = false;
    for (int i = 0; i < n; i++) {
      double angle = Math.toRadians(-degrees + 2 * degrees * known.nextDouble());
      for (int row = 0; row < size; row++) {
        for (int col = 0; col < size; col++) {
          double px = col - centre;
          double py = row - centre;
          long sc = Math.round(px * Math.cos(angle) - py * Math.sin(angle) + centre);
          long sr = Math.round(px * Math.sin(angle) + py * Math.cos(angle) + centre);
          boolean inside = sr >= 0 && sr < size && sc >= 0 && sc < size;
          someZero |= !inside;
          for (int ch = 0; ch < 3; ch++) {
            float expected = inside ? in[(int) (ch * plane + sr * size + sc)] : 0f;
            assertEquals(expected, v[(i * 3 + ch) * plane + row * size + col],
                "image " + i + ", channel " + ch + ", pixel (" + row + ", " + col + ")");
          }
        }
      }
    }
    assertTrue(someZero, "corners come from outside and are 0");
    // the check above follows each image's own draw; with nearest pixels two close angles (here
    // -1.45° and -1.30°, -9.47° and -9.13°) can still give the same image, but most images differ
    java.util.Set<List<Float>> distinct = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      List<Float> image = new java.util.ArrayList<>();
      for (float f : out.get(i).toFloatArray()) {
        image.add(f);
      }
      distinct.add(image);
    }
    assertTrue(distinct.size() >= n / 2, "images get their own angles: " + distinct.size() + " distinct");
    assertTrue(out.contentEquals(Augmentations.randomRotation(degrees).apply(x, new Random(11))));
    assertFalse(out.contentEquals(Augmentations.randomRotation(degrees).apply(x, new Random(12))));
  }

  @Test
  void translationShiftsAKnownPatternByWholePixelsAndFillsZeros() {
    // 10×10 image with values 1..100 (row-major) / 100: every input pixel is above 0
    NDArray x = manager.arange(1f, 101f, 1f).div(100f).reshape(1, 1, 10, 10);
    // fx = fy = 0.2 of 10 pixels: shifts up to 2. Draws 0.75 then 0.25:
    // right = round(-2 + 4·0.75) = 1, down = round(-2 + 4·0.25) = -1 (one pixel up)
    NDArray out = Augmentations.randomTranslate(0.2, 0.2).apply(x, draws(0.75, 0.25));
    assertEquals(x.getShape(), out.getShape());
    float[] v = out.toFloatArray();
    for (int row = 0; row < 10; row++) {
      for (int col = 0; col < 10; col++) {
        // out[row][col] = in[row + 1][col - 1]; the last row and the first column come from outside
        float expected = row == 9 || col == 0 ? 0f : ((row + 1) * 10 + (col - 1) + 1) / 100f;
        assertEquals(expected, v[row * 10 + col], 1e-7, "pixel (" + row + ", " + col + ")");
      }
    }
    assertEquals(0.12f, out.getFloat(0, 0, 0, 2), 1e-7, "in[1][1] moved up one and right one");
    // the largest shift: draws 1 and 0 give right 2, up 2
    NDArray most = Augmentations.randomTranslate(0.2, 0.2).apply(x, draws(1.0, 0.0));
    assertEquals(0.23f, most.getFloat(0, 0, 0, 4), 1e-7, "in[2][2] is now at (0, 4)");
    assertEquals(2 * 10 + 2 * 10 - 4, most.eq(0).countNonzero().getLong(), "two rows and two columns of zeros");
    // fractions 0 leave the image where it is
    assertTrue(Augmentations.randomTranslate(0, 0).apply(x, new Random(1)).contentEquals(x));
  }

  @Test
  void translationDrawsOneShiftPerImageWithinTheFractionsAndRepeatsWithTheSeed() {
    int n = 12;
    int h = 10;
    int w = 20;
    NDArray one = batch(1, 2, h, w, 0.1f, 1f);
    NDArray x = one.repeat(0, n);
    NDArray out = Augmentations.randomTranslate(0.2, 0.3).apply(x, new Random(21));
    assertEquals(x.getShape(), out.getShape());
    assertTrue(out.min().getFloat() >= 0f && out.max().getFloat() <= 1f, "range kept");
    Random known = new Random(21);
    boolean moved = false;
    for (int i = 0; i < n; i++) {
      long right = Math.round(Math.rint(-0.2 * w + 0.4 * w * known.nextDouble()));
      long down = Math.round(Math.rint(-0.3 * h + 0.6 * h * known.nextDouble()));
      assertTrue(Math.abs(right) <= 4 && Math.abs(down) <= 3, right + ", " + down);
      moved |= right != 0 || down != 0;
      // out[row][col] = in[row - down][col - right] where that is inside, else 0
      int y0 = (int) Math.max(0, down);
      int y1 = (int) Math.min(h, h + down);
      int x0 = (int) Math.max(0, right);
      int x1 = (int) Math.min(w, w + right);
      NDArray kept = out.get(new NDIndex("{}, :, {}:{}, {}:{}", i, y0, y1, x0, x1));
      NDArray source =
          one.get(new NDIndex("0, :, {}:{}, {}:{}", y0 - down, y1 - down, x0 - right, x1 - right));
      assertTrue(kept.contentEquals(source), "image " + i + " shifted by " + right + ", " + down);
      assertEquals(2L * (h * w - (y1 - y0) * (x1 - x0)), out.get(i).eq(0).countNonzero().getLong(),
          "zeros of image " + i);
    }
    assertTrue(moved, "some image moved");
    long distinct = 0;
    for (int i = 1; i < n; i++) {
      distinct += out.get(i).contentEquals(out.get(0)) ? 0 : 1;
    }
    assertTrue(distinct >= n / 2, "images get their own shifts: " + distinct);
    assertTrue(out.contentEquals(Augmentations.randomTranslate(0.2, 0.3).apply(x, new Random(21))));
    assertFalse(out.contentEquals(Augmentations.randomTranslate(0.2, 0.3).apply(x, new Random(22))));
  }

  @Test
  void theCatsAndDogsPipelineChainsFlipRotationAndTranslation() {
    NDArray x = batch(4, 3, 18, 18, 0f, 1f);
    Augmentation aug =
        Augmentation.compose(
            Augmentations.horizontalFlip(0.5),
            Augmentations.randomRotation(10),
            Augmentations.randomTranslate(0.2, 0.2));
    NDArray out = aug.apply(x, new Random(42));
    assertEquals(x.getShape(), out.getShape());
    assertTrue(out.min().getFloat() >= 0f && out.max().getFloat() <= 1f);
    assertTrue(out.contentEquals(aug.apply(x, new Random(42))));
    assertFalse(out.contentEquals(x));
  }

  @Test
  void badArgumentsAreRefusedWithTheValue() {
    assertArgument(
        "p는 0 이상 1 이하여야 합니다 (받은 값: 1.5)",
        () -> Augmentations.horizontalFlip(1.5),
        "horizontalFlip(0.5)");
    assertArgument(
        "padding은 0 이상이어야 합니다 (받은 값: -1)", () -> Augmentations.randomCrop(-1), "randomCrop(4)");
    assertArgument(
        "brightness는 0 이상 1 이하여야 합니다 (받은 값: 3)",
        () -> Augmentations.colorJitter(3.0, 0.2, 0.2),
        "예: Augmentations.colorJitter(0.2, 0.2, 0.2)");
    assertArgument(
        "contrast는 0 이상 1 이하여야 합니다 (받은 값: -0.1)",
        () -> Augmentations.colorJitter(0.2, -0.1, 0));
    // a float argument is shown as people write it, not as 1.100000023841858
    assertArgument(
        "(받은 값: 1.1)", () -> Augmentations.colorJitter(0.2, 0.2, 1.1f));
    assertArgument(
        "saturation는 0 이상 1 이하여야 합니다 (받은 값: NaN)",
        () -> Augmentations.colorJitter(0, 0, Double.NaN));
    assertArgument(
        "(받은 값: minArea 0.4, maxArea 0.2)",
        () -> Augmentations.randomErasing(0.5, 0.4, 0.2, 0.3, 3.3),
        "randomErasing(0.5, 0.02, 0.33, 0.3, 3.3)");
    assertArgument(
        "(받은 값: minRatio 0, maxRatio 3.3)",
        () -> Augmentations.randomErasing(0.5, 0.02, 0.33, 0, 3.3));
    assertArgument(
        "p는 0 이상 1 이하여야 합니다 (받은 값: -1)",
        () -> Augmentations.randomErasing(-1, 0.02, 0.33, 0.3, 3.3),
        "randomErasing(0.5");
    assertArgument("null", () -> Augmentations.horizontalFlip(0.5).then(null));
    assertArgument(
        "randomRotation의 degrees는 0 이상 180 이하의 각도(도)여야 합니다 (받은 값: -10)",
        () -> Augmentations.randomRotation(-10),
        "예: Augmentations.randomRotation(10)");
    assertArgument("(받은 값: 200)", () -> Augmentations.randomRotation(200));
    assertArgument("(받은 값: NaN)", () -> Augmentations.randomRotation(Double.NaN));
    assertArgument(
        "randomTranslate의 fx, fy는 0 이상 1 이하여야 합니다 (받은 값: fx 20, fy 0.2)",
        () -> Augmentations.randomTranslate(20, 0.2),
        "예: Augmentations.randomTranslate(0.2, 0.2)");
    assertArgument("(받은 값: fx 0.2, fy -0.1)", () -> Augmentations.randomTranslate(0.2, -0.1f));

    NDArray image = batch(1, 3, 32, 32, 0f, 1f).reshape(3, 32, 32);
    int before = manager.getManagedArrays().size();
    for (Augmentation aug :
        List.of(
            Augmentations.lessonPipeline(),
            Augmentations.randomErasing(),
            Augmentations.randomRotation(10),
            Augmentations.randomTranslate(0.2, 0.2),
            Augmentation.compose())) {
      assertShape(
          "이미지 배치 (N, C, H, W)에 씁니다 (받은 모양: (3, 32, 32), 3차원)",
          () -> aug.apply(image, new Random(1)),
          "expandDims(0)");
    }
    assertEquals(before, manager.getManagedArrays().size());
    assertShape(
        "채널이 1개(흑백)나 3개(RGB)인 배치 (N, C, H, W)에만 쓸 수 있습니다 (받은 모양: (2, 2, 4, 4)",
        () ->
            Augmentations.colorJitter(0.2, 0.2, 0.2)
                .apply(batch(2, 2, 4, 4, 0f, 1f), new Random(1)));
    assertArgument(
        "(받은 자료형: uint8)",
        () ->
            Augmentations.horizontalFlip(0.5)
                .apply(manager.zeros(new Shape(1, 1, 2, 2), DataType.UINT8), new Random(1)),
        "div(255f)");
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
    assertTrue(e.toString().startsWith(title + ": "), e.toString());
  }

  private static boolean sameRange(float[] a, float[] b, int from, int length) {
    for (int k = from; k < from + length; k++) {
      if (a[k] != b[k]) {
        return false;
      }
    }
    return true;
  }
}
