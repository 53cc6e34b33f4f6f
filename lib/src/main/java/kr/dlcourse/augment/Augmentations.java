package kr.dlcourse.augment;

import ai.djl.ndarray.NDArray;
import kr.dlcourse.notebook.Numbers;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.function.BiFunction;
import kr.dlcourse.notebook.CourseException;

/**
 * Batch augmentations named like torchvision's transforms. Each works on the whole batch (N, C, H,
 * W) with a few tensor operations; only the per-sample random numbers are drawn in Java.
 *
 * <pre>{@code
 * // RandomHorizontalFlip(), RandomCrop(32, padding=4), ColorJitter(0.2, 0.2, 0.2)
 * Augmentation aug = Augmentations.lessonPipeline();
 * NDArray out = aug.apply(batch, new Random(42));
 * }</pre>
 *
 * <p>Apply them to values in [0, 1], before normalization. The temporary arrays live in a
 * sub-manager that is closed before returning; only the result is attached to the batch's manager.
 */
public final class Augmentations {

  private static final float[] GREY_WEIGHTS = {0.299f, 0.587f, 0.114f};
  private static final int ERASE_ATTEMPTS = 10;

  private Augmentations() {}

  /**
   * Flips each image left to right with probability {@code p}, like {@code
   * RandomHorizontalFlip(p)}.
   *
   * <pre>{@code
   * NDArray out = Augmentations.horizontalFlip(0.5).apply(batch, new Random(42));
   * }</pre>
   *
   * @param p the probability that a sample is flipped, in [0, 1]
   * @return the augmentation
   */
  public static Augmentation horizontalFlip(double p) {
    checkUnit("p", p, "horizontalFlip(0.5)");
    return scoped(
        (x, random) -> {
          int n = (int) x.getShape().get(0);
          boolean[] flip = new boolean[n];
          for (int i = 0; i < n; i++) {
            flip[i] = random.nextDouble() < p;
          }
          // PyTorch's where does not broadcast the condition, so expand it to the full shape
          NDArray chosen =
              x.getManager().create(flip, new Shape(n, 1, 1, 1)).broadcast(x.getShape());
          return NDArrays.where(chosen, x.flip(3), x);
        });
  }

  /**
   * Pads each image with {@code padding} zeros on every side and crops it back to H×W at a random
   * offset per sample, like {@code RandomCrop(32, padding=4)} on 32×32 images.
   *
   * <pre>{@code
   * NDArray out = Augmentations.randomCrop(4).apply(batch, new Random(42));
   * }</pre>
   *
   * @param padding zeros added on each side, 0 or more; offsets are drawn in [0, 2·padding]
   * @return the augmentation
   */
  public static Augmentation randomCrop(int padding) {
    if (padding < 0) {
      throw CourseException.argument(
          "randomCrop의 padding은 0 이상이어야 합니다 (받은 값: "
              + padding
              + "). 32×32 이미지에는 보통 4를 씁니다. 예: Augmentations.randomCrop(4)");
    }
    return scoped(
        (x, random) -> {
          Shape s = x.getShape();
          int n = (int) s.get(0);
          long c = s.get(1);
          int h = (int) s.get(2);
          int w = (int) s.get(3);
          long[] top = new long[n];
          long[] left = new long[n];
          for (int i = 0; i < n; i++) {
            top[i] = random.nextInt(2 * padding + 1);
            left[i] = random.nextInt(2 * padding + 1);
          }
          NDManager m = x.getManager();
          Shape perSample = new Shape(n, 1, 1, 1);
          NDArray padded = x.pad(new Shape(padding, padding, padding, padding), 0);
          // out[n, c, i, j] = padded[n, c, top[n] + i, left[n] + j]: gather rows, then columns
          NDArray rows =
              m.arange(0, h, 1, DataType.INT64)
                  .reshape(1, 1, h, 1)
                  .add(m.create(top, perSample))
                  .broadcast(n, c, h, w + 2L * padding);
          NDArray cols =
              m.arange(0, w, 1, DataType.INT64)
                  .reshape(1, 1, 1, w)
                  .add(m.create(left, perSample))
                  .broadcast(n, c, h, w);
          return padded.gather(rows, 2).gather(cols, 3);
        });
  }

  /**
   * Changes brightness, contrast and saturation by random factors per sample, like {@code
   * ColorJitter(brightness, contrast, saturation)}. Each factor is drawn uniformly in [1 - amount,
   * 1 + amount]; the steps run in this order, each clipped to [0, 1]:
   *
   * <ul>
   *   <li>brightness: {@code x·f};
   *   <li>contrast: {@code (x - m)·f + m}, m the mean grey value of the image;
   *   <li>saturation: {@code g + (x - g)·f}, g the grey image 0.299R + 0.587G + 0.114B (skipped for
   *       one channel).
   * </ul>
   *
   * <pre>{@code
   * NDArray out = Augmentations.colorJitter(0.2, 0.2, 0.2).apply(batch, new Random(42));
   * }</pre>
   *
   * @param brightness in [0, 1]; 0 leaves brightness unchanged
   * @param contrast in [0, 1]; 0 leaves contrast unchanged
   * @param saturation in [0, 1]; 0 leaves saturation unchanged
   * @return the augmentation, for batches with 1 or 3 channels
   */
  public static Augmentation colorJitter(double brightness, double contrast, double saturation) {
    checkUnit("brightness", brightness, "colorJitter(0.2, 0.2, 0.2)");
    checkUnit("contrast", contrast, "colorJitter(0.2, 0.2, 0.2)");
    checkUnit("saturation", saturation, "colorJitter(0.2, 0.2, 0.2)");
    return scoped(
        (x, random) -> {
          Shape s = x.getShape();
          int n = (int) s.get(0);
          if (s.get(1) != 1 && s.get(1) != 3) {
            throw CourseException.shape(
                "colorJitter는 채널이 1개(흑백)나 3개(RGB)인 배치 (N, C, H, W)에만 쓸 수 있습니다 (받은 모양: "
                    + s
                    + ", 채널 "
                    + s.get(1)
                    + "개). 채널이 두 번째 축에 있는지 확인하세요.");
          }
          float[] fb = new float[n];
          float[] fc = new float[n];
          float[] fs = new float[n];
          for (int i = 0; i < n; i++) {
            fb[i] = factor(random, brightness);
            fc[i] = factor(random, contrast);
            fs[i] = factor(random, saturation);
          }
          NDManager m = x.getManager();
          Shape perSample = new Shape(n, 1, 1, 1);
          NDArray out = x.mul(m.create(fb, perSample)).clip(0, 1);
          // sum, not mean: DJL's PyTorch mean takes a single axis
          NDArray mean = grey(out).sum(new int[] {1, 2, 3}, true).div(s.get(2) * s.get(3));
          out = blend(out, mean, m.create(fc, perSample));
          if (s.get(1) == 3) {
            out = blend(out, grey(out), m.create(fs, perSample));
          }
          return out;
        });
  }

  /**
   * Sets a random rectangle of each chosen image to 0, like {@code RandomErasing(p, scale, ratio)}.
   * As in torchvision, up to 10 rectangles are drawn per sample until one fits in the image; a
   * sample where none fits stays unchanged. Here a rectangle must also keep its area fraction in
   * [minArea, maxArea] after rounding its sides.
   *
   * <pre>{@code
   * NDArray out = Augmentations.randomErasing(0.5, 0.02, 0.33, 0.3, 3.3).apply(batch, random);
   * }</pre>
   *
   * @param p the probability that a sample gets a rectangle, in [0, 1]
   * @param minArea the smallest area of the rectangle as a fraction of the image, above 0
   * @param maxArea the largest area fraction, from minArea to 1
   * @param minRatio the smallest aspect ratio height / width, above 0
   * @param maxRatio the largest aspect ratio, minRatio or more
   * @return the augmentation
   */
  public static Augmentation randomErasing(
      double p, double minArea, double maxArea, double minRatio, double maxRatio) {
    checkUnit("p", p, "randomErasing(0.5, 0.02, 0.33, 0.3, 3.3)");
    if (!(minArea > 0 && minArea <= maxArea && maxArea <= 1)) {
      throw CourseException.argument(
          "randomErasing의 면적 비율은 0 < minArea ≤ maxArea ≤ 1 이어야 합니다 (받은 값: minArea "
              + Numbers.human(minArea)
              + ", maxArea "
              + Numbers.human(maxArea)
              + "). 예: Augmentations.randomErasing(0.5, 0.02, 0.33, 0.3, 3.3)");
    }
    if (!(minRatio > 0 && minRatio <= maxRatio && maxRatio < Double.POSITIVE_INFINITY)) {
      throw CourseException.argument(
          "randomErasing의 가로세로 비율은 0 < minRatio ≤ maxRatio 여야 합니다 (받은 값: minRatio "
              + Numbers.human(minRatio)
              + ", maxRatio "
              + Numbers.human(maxRatio)
              + "). 예: Augmentations.randomErasing(0.5, 0.02, 0.33, 0.3, 3.3)");
    }
    return scoped(
        (x, random) -> {
          Shape s = x.getShape();
          int n = (int) s.get(0);
          int h = (int) s.get(2);
          int w = (int) s.get(3);
          // rows [top, bottom) and columns [left, right); empty for samples left alone
          int[] top = new int[n];
          int[] bottom = new int[n];
          int[] left = new int[n];
          int[] right = new int[n];
          double area = (double) h * w;
          for (int i = 0; i < n; i++) {
            if (random.nextDouble() >= p) {
              continue;
            }
            for (int attempt = 0; attempt < ERASE_ATTEMPTS; attempt++) {
              double target = area * uniform(random, minArea, maxArea);
              double ratio = Math.exp(uniform(random, Math.log(minRatio), Math.log(maxRatio)));
              int eh = (int) Math.round(Math.sqrt(target * ratio));
              int ew = (int) Math.round(Math.sqrt(target / ratio));
              double fraction = eh * ew / area;
              if (eh < h && ew < w && fraction >= minArea && fraction <= maxArea) {
                top[i] = random.nextInt(h - eh + 1);
                left[i] = random.nextInt(w - ew + 1);
                bottom[i] = top[i] + eh;
                right[i] = left[i] + ew;
                break;
              }
            }
          }
          NDManager m = x.getManager();
          Shape perSample = new Shape(n, 1, 1, 1);
          NDArray rows = m.arange(h).reshape(1, 1, h, 1);
          NDArray cols = m.arange(w).reshape(1, 1, 1, w);
          NDArray inRows =
              rows.gte(m.create(top, perSample)).logicalAnd(rows.lt(m.create(bottom, perSample)));
          NDArray inCols =
              cols.gte(m.create(left, perSample)).logicalAnd(cols.lt(m.create(right, perSample)));
          NDArray keep = inRows.logicalAnd(inCols).logicalNot(); // (N, 1, H, W)
          return x.mul(keep.toType(x.getDataType(), false));
        });
  }

  /**
   * {@code RandomErasing()} with torchvision's defaults: p 0.5, area 0.02 to 0.33 of the image,
   * aspect ratio 0.3 to 3.3, value 0.
   *
   * <pre>{@code
   * Augmentation challenge = Augmentations.lessonPipeline().then(Augmentations.randomErasing());
   * }</pre>
   *
   * @return the augmentation
   */
  public static Augmentation randomErasing() {
    return randomErasing(0.5, 0.02, 0.33, 0.3, 3.3);
  }

  /**
   * Rotates each image by its own random angle, like {@code RandomRotation(degrees)}: the angle is
   * drawn uniformly in [-degrees, degrees] per sample (positive = counter-clockwise, as in
   * torchvision), the image turns about its centre, keeps its size, and corners that come from
   * outside the image are 0. Each output pixel takes the nearest input pixel (torchvision's default
   * {@code InterpolationMode.NEAREST}): output (row, col) comes from input (round(cy + x·sin + y·cos),
   * round(cx + x·cos - y·sin)), where x = col - cx, y = row - cy and (cy, cx) = ((H-1)/2, (W-1)/2).
   *
   * <pre>{@code
   * NDArray out = Augmentations.randomRotation(10).apply(batch, new Random(42)); // RandomRotation(10)
   * }</pre>
   *
   * @param degrees the largest angle in degrees, from 0 to 180; 0 leaves images unchanged
   * @return the augmentation
   */
  public static Augmentation randomRotation(double degrees) {
    if (!(degrees >= 0 && degrees <= 180)) {
      throw CourseException.argument(
          "randomRotation의 degrees는 0 이상 180 이하의 각도(도)여야 합니다 (받은 값: "
              + Numbers.human(degrees)
              + "). 이미지마다 -degrees~degrees 사이의 각도로 돌립니다. 예: Augmentations.randomRotation(10)");
    }
    return scoped(
        (x, random) -> {
          Shape s = x.getShape();
          int n = (int) s.get(0);
          int h = (int) s.get(2);
          int w = (int) s.get(3);
          float[] cos = new float[n];
          float[] sin = new float[n];
          for (int i = 0; i < n; i++) {
            double angle = Math.toRadians(uniform(random, -degrees, degrees));
            cos[i] = (float) Math.cos(angle);
            sin[i] = (float) Math.sin(angle);
          }
          NDManager m = x.getManager();
          Shape perSample = new Shape(n, 1, 1, 1);
          float cx = (w - 1) / 2f;
          float cy = (h - 1) / 2f;
          // pixel coordinates about the centre, y pointing down as rows do
          NDArray xs = m.arange(0f, w, 1f).sub(cx).reshape(1, 1, 1, w);
          NDArray ys = m.arange(0f, h, 1f).sub(cy).reshape(1, 1, h, 1);
          NDArray c = m.create(cos, perSample);
          NDArray sn = m.create(sin, perSample);
          // the inverse rotation: where each output pixel comes from, (N, 1, H, W)
          NDArray cols = xs.mul(c).sub(ys.mul(sn)).add(cx).round();
          NDArray rows = xs.mul(sn).add(ys.mul(c)).add(cy).round();
          return sample(x, rows.toType(DataType.INT64, false), cols.toType(DataType.INT64, false));
        });
  }

  /**
   * Shifts each image by its own random whole number of pixels, like {@code RandomAffine(degrees=0,
   * translate=(fx, fy))}: as in torchvision, the shift is round(uniform(-fx·W, fx·W)) pixels to the
   * right and round(uniform(-fy·H, fy·H)) pixels down (drawn in that order per sample; negative
   * values shift left or up). The image keeps its size; what comes in from outside is 0.
   *
   * <pre>{@code
   * // RandomAffine(degrees=0, translate=(0.2, 0.2)): up to 20 % of the width and height
   * NDArray out = Augmentations.randomTranslate(0.2, 0.2).apply(batch, new Random(42));
   * }</pre>
   *
   * @param fx the largest horizontal shift as a fraction of the width, in [0, 1]
   * @param fy the largest vertical shift as a fraction of the height, in [0, 1]
   * @return the augmentation
   */
  public static Augmentation randomTranslate(double fx, double fy) {
    if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) {
      throw CourseException.argument(
          "randomTranslate의 fx, fy는 0 이상 1 이하여야 합니다 (받은 값: fx "
              + Numbers.human(fx)
              + ", fy "
              + Numbers.human(fy)
              + "). 너비·높이에 대한 최대 이동 비율입니다 (0.2 = 20 %). 예: Augmentations.randomTranslate(0.2, 0.2)");
    }
    return scoped(
        (x, random) -> {
          Shape s = x.getShape();
          int n = (int) s.get(0);
          int h = (int) s.get(2);
          int w = (int) s.get(3);
          long[] right = new long[n];
          long[] down = new long[n];
          for (int i = 0; i < n; i++) {
            right[i] = (long) Math.rint(uniform(random, -fx * w, fx * w));
            down[i] = (long) Math.rint(uniform(random, -fy * h, fy * h));
          }
          NDManager m = x.getManager();
          Shape perSample = new Shape(n, 1, 1, 1);
          // out[row, col] = in[row - down, col - right]
          NDArray rows = m.arange(0, h, 1, DataType.INT64).reshape(1, 1, h, 1).sub(m.create(down, perSample));
          NDArray cols = m.arange(0, w, 1, DataType.INT64).reshape(1, 1, 1, w).sub(m.create(right, perSample));
          return sample(x, rows, cols);
        });
  }

  /**
   * The lesson's training pipeline: {@code horizontalFlip(0.5)}, then {@code randomCrop(4)}, then
   * {@code colorJitter(0.2, 0.2, 0.2)}.
   *
   * <pre>{@code
   * Augmentation aug = Augmentations.lessonPipeline();
   * NDArray out = aug.apply(batch, new Random(42));
   * }</pre>
   *
   * @return the augmentation
   */
  public static Augmentation lessonPipeline() {
    return horizontalFlip(0.5).then(randomCrop(4)).then(colorJitter(0.2, 0.2, 0.2));
  }

  /**
   * Lesson 39's {@code train_transform}: {@code RandomCrop(32, padding=4)}, then {@code
   * RandomHorizontalFlip()}, then {@code ColorJitter(brightness=0.2, contrast=0.2)} (no saturation),
   * in that order. Unlike torchvision, which shuffles the order of the jitter's steps for every image,
   * brightness always comes before contrast here.
   *
   * <pre>{@code train.batches(128).shuffle(42).augment(Augmentations.projectPipeline(), 42)}</pre>
   */
  public static Augmentation projectPipeline() {
    return randomCrop(4).then(horizontalFlip(0.5)).then(colorJitter(0.2, 0.2, 0));
  }

  static NDArray checkBatch(NDArray batch) {
    if (batch == null) {
      throw CourseException.argument(
          "증강할 배치가 null입니다. 이미지 배치 (N, C, H, W)를 넘기세요. 예: aug.apply(batch.x(), new Random(42))");
    }
    Shape shape = batch.getShape();
    if (shape.dimension() != 4) {
      throw CourseException.shape(
          "증강은 이미지 배치 (N, C, H, W)에 씁니다 (받은 모양: "
              + shape
              + ", "
              + shape.dimension()
              + "차원)."
              + (shape.dimension() == 3
                  ? " 이미지 한 장이면 배치 축을 붙이세요. 예: image.expandDims(0)"
                  : " 배치의 모양을 확인하세요."));
    }
    if (!batch.getDataType().isFloating()) {
      throw CourseException.argument(
          "증강은 0~1 사이의 실수(float) 값에 씁니다 (받은 자료형: "
              + batch.getDataType()
              + "). 먼저 실수로 바꾸고 255로 나누세요. 예: x.toType(DataType.FLOAT32, false).div(255f)");
    }
    return batch;
  }

  /** Runs {@code work} in a sub-manager; only its result is kept, in the batch's manager. */
  private static Augmentation scoped(BiFunction<NDArray, Random, NDArray> work) {
    return (batch, random) -> {
      checkBatch(batch);
      if (random == null) {
        throw CourseException.argument(
            "증강에 넘긴 난수 생성기(random)가 null입니다. 예: aug.apply(batch, new Random(42))");
      }
      NDManager owner = batch.getManager();
      try (NDManager scope = owner.newSubManager()) {
        batch.tempAttach(scope); // arrays computed from batch now land in scope; returned on close
        NDArray out = work.apply(batch, random);
        out.attach(owner);
        return out;
      }
    };
  }

  /**
   * {@code out[n, c, i, j] = x[n, c, rows[n, i, j], cols[n, i, j]]}, and 0 where that position is
   * outside the image: one gather over the flattened image planes. {@code rows} and {@code cols} are
   * int64 and broadcast to (N, 1, H, W).
   */
  private static NDArray sample(NDArray x, NDArray rows, NDArray cols) {
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    Shape grid = new Shape(n, 1, h, w);
    rows = rows.broadcast(grid);
    cols = cols.broadcast(grid);
    NDArray inside =
        rows.gte(0).logicalAnd(rows.lt(h)).logicalAnd(cols.gte(0)).logicalAnd(cols.lt(w));
    NDArray index =
        rows.clip(0, h - 1).mul(w).add(cols.clip(0, w - 1)).reshape(n, 1, h * w).broadcast(n, c, h * w);
    return x.reshape(n, c, h * w)
        .gather(index, 2)
        .reshape(s)
        .mul(inside.toType(x.getDataType(), false));
  }

  private static NDArray grey(NDArray x) {
    if (x.getShape().get(1) == 1) {
      return x;
    }
    return x.mul(x.getManager().create(GREY_WEIGHTS, new Shape(1, 3, 1, 1)))
        .sum(new int[] {1}, true);
  }

  /** {@code f·x + (1 - f)·y}, clipped to [0, 1]; exactly x when f is 1. */
  private static NDArray blend(NDArray x, NDArray y, NDArray f) {
    return x.mul(f).add(y.mul(f.neg().add(1))).clip(0, 1);
  }

  private static float factor(Random random, double amount) {
    return (float) (1 + amount * (2 * random.nextDouble() - 1));
  }

  private static double uniform(Random random, double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  private static void checkUnit(String name, double value, String example) {
    if (!(value >= 0 && value <= 1)) {
      throw CourseException.argument(
          name
              + "는 0 이상 1 이하여야 합니다 (받은 값: "
              + Numbers.human(value)
              + "). "
              + (name.equals("p") ? "p는 이미지마다 적용할 확률입니다" : name + "는 바꾸는 정도입니다 (0이면 그대로)")
              + ". 예: Augmentations."
              + example);
    }
  }

}
