package kr.dlcourse.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.Numbers;

/**
 * CutMix (Yun et al., 2019), lesson 39's {@code cutmix_data}: one rectangle of every image is
 * replaced by the same rectangle of a partner image from the batch, and lam becomes the share of
 * the image that stayed its own.
 *
 * <pre>{@code
 * lam ~ Beta(alpha, alpha);  index = randperm(N)
 * W, H = x.size(3), x.size(2)
 * cut_w = int(W·sqrt(1 - lam));  cut_h = int(H·sqrt(1 - lam))
 * cx, cy = randint(W), randint(H)
 * x1 = clip(cx - cut_w//2, 0, W);  x2 = clip(cx + cut_w//2, 0, W)   (y1, y2 likewise with cy, cut_h, H)
 * x[:, :, y1:y2, x1:x2] = x[index, :, y1:y2, x1:x2]
 * lam = 1 - (x2 - x1)·(y2 - y1) / (W·H)
 * }</pre>
 *
 * <pre>{@code
 * Mixing.Mixed m = CutMix.of(1.0).apply(b.x(), b.y(), new Random(42));
 * }</pre>
 *
 * <p>One box per batch, as in the lesson. The draws come from the {@link Random} in the lesson's
 * order: lam, the partner order, cx, cy. Unlike the lesson, which writes into {@code x} itself, the
 * batch is left unchanged and the mixed images are a new array.
 */
public final class CutMix implements Mixing {

  private static final String EXAMPLE = "CutMix.of(1.0)";
  private static final String MIX_EXAMPLE =
      "CutMix.mix(b.x(), b.y(), 0.75, new int[] {1, 0, 3, 2}, 16, 16)";

  /**
   * The pasted rectangle: columns {@code x1 ≤ col < x2}, rows {@code y1 ≤ row < y2} (Python's
   * {@code x[:, :, y1:y2, x1:x2]}). Empty when {@code x1 == x2} or {@code y1 == y2}.
   */
  public record Box(int x1, int y1, int x2, int y2) {

    /** The number of pixels in the box, {@code (x2 - x1)·(y2 - y1)}. */
    public int area() {
      return (x2 - x1) * (y2 - y1);
    }

    /** The corrected lam for an image of this size: {@code 1 - area / (W·H)}. */
    public double lambda(int width, int height) {
      return 1 - (double) area() / ((double) width * height);
    }
  }

  private final double alpha;

  private CutMix(double alpha) {
    this.alpha = alpha;
  }

  /**
   * CutMix with lam drawn from Beta(alpha, alpha), like {@code cutmix_data(x, y, alpha)}.
   *
   * <pre>{@code
   * Mixing cutmix = CutMix.of(1.0);   // the lesson's default: lam uniform in [0, 1]
   * }</pre>
   *
   * @param alpha above 0
   * @return the mixing
   */
  public static CutMix of(double alpha) {
    return new CutMix(MixSupport.checkAlpha(alpha, EXAMPLE));
  }

  /** The Beta distribution's parameter. */
  public double alpha() {
    return alpha;
  }

  /**
   * Draws lam, the partner order and the box centre from {@code random}, then {@link #mix}. The
   * input arrays are left unchanged; the lambda returned is the corrected one.
   */
  @Override
  public Mixed apply(NDArray x, NDArray y, Random random) {
    int n = MixSupport.checkBatch(x, y, "CutMix", EXAMPLE + ".apply(b.x(), b.y(), new Random(42))");
    double lam = Beta.sample(alpha, alpha, random);
    int[] index = MixSupport.permutation(n, random);
    int cx = random.nextInt((int) x.getShape().get(3));
    int cy = random.nextInt((int) x.getShape().get(2));
    return mix(x, y, lam, index, cx, cy);
  }

  /**
   * The lesson's box for a W×H image: sides {@code int(W·sqrt(1-lam))} by {@code
   * int(H·sqrt(1-lam))} centred at (cx, cy), clipped to the image. Near the border the box loses
   * the part outside, so its area can be smaller than {@code (1-lam)·W·H}: that is why the lesson
   * recomputes lam from the box.
   *
   * <pre>{@code
   * CutMix.Box box = CutMix.box(32, 32, 0.75, 30, 2);   // x 22..32, y 0..10: clipped at two sides
   * }</pre>
   *
   * @param width W, {@code x.size(3)}
   * @param height H, {@code x.size(2)}
   * @param lam the drawn lam, in [0, 1]
   * @param cx the box centre's column, in [0, W)
   * @param cy the box centre's row, in [0, H)
   * @return the box
   */
  public static Box box(int width, int height, double lam, int cx, int cy) {
    MixSupport.checkLambda(lam, "CutMix.box", "CutMix.box(32, 32, 0.75, 16, 16)");
    checkCentre(cx, cy, width, height, "CutMix.box(32, 32, 0.75, 16, 16)");
    double cut = Math.sqrt(1 - lam);
    int cutW = (int) (width * cut);
    int cutH = (int) (height * cut);
    int x1 = clip(cx - cutW / 2, width);
    int x2 = clip(cx + cutW / 2, width);
    int y1 = clip(cy - cutH / 2, height);
    int y2 = clip(cy + cutH / 2, height);
    return new Box(x1, y1, x2, y2);
  }

  /**
   * The lesson's {@code cutmix_data} with lam, index and the box centre given, to check by hand:
   * the box from {@link #box}, filled from the partner images, and the corrected lam.
   *
   * <pre>{@code
   * Mixing.Mixed m = CutMix.mix(x, y, 0.75, new int[] {1, 0}, 2, 2);   // 4×4 images: box rows/cols 1..3
   * }</pre>
   *
   * @param x images (N, C, H, W), float
   * @param y labels (N)
   * @param lam the drawn lam, in [0, 1]; it sets the box's size
   * @param index the partner of each image, N positions in [0, N)
   * @param cx the box centre's column, in [0, W)
   * @param cy the box centre's row, in [0, H)
   * @return new arrays (in x's and y's managers) and the corrected lam {@code 1 - box area / (W·H)};
   *     the inputs are unchanged
   */
  public static Mixed mix(NDArray x, NDArray y, double lam, int[] index, int cx, int cy) {
    int n = MixSupport.checkBatch(x, y, "CutMix.mix", MIX_EXAMPLE);
    MixSupport.checkLambda(lam, "CutMix.mix", MIX_EXAMPLE);
    MixSupport.checkIndex(index, n, "CutMix.mix", MIX_EXAMPLE);
    Shape s = x.getShape();
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    checkCentre(cx, cy, w, h, MIX_EXAMPLE);
    Box box = box(w, h, lam, cx, cy);
    return MixSupport.scoped(
        x,
        y,
        () -> {
          NDManager m = x.getManager();
          NDArray order = m.create(index).toType(DataType.INT64, false);
          // inside[r, c]: y1 <= r < y2 and x1 <= c < x2, as a (1, 1, H, W) mask
          NDArray rows = m.arange(h).reshape(1, 1, h, 1);
          NDArray cols = m.arange(w).reshape(1, 1, 1, w);
          NDArray inside =
              rows.gte(box.y1())
                  .logicalAnd(rows.lt(box.y2()))
                  .logicalAnd(cols.gte(box.x1()))
                  .logicalAnd(cols.lt(box.x2()));
          // PyTorch's where does not broadcast the condition: expand it to the batch's shape
          NDArray mixed = NDArrays.where(inside.broadcast(s), x.get(order), x);
          return new Mixed(mixed, y.get(order), box.lambda(w, h));
        });
  }

  @Override
  public String toString() {
    return "CutMix(alpha=" + Numbers.human(alpha) + ")";
  }

  private static int clip(int value, int max) {
    return Math.max(0, Math.min(max, value));
  }

  private static void checkCentre(int cx, int cy, int width, int height, String example) {
    if (cx < 0 || cx >= width || cy < 0 || cy >= height) {
      throw CourseException.argument(
          "CutMix 상자의 중심 (cx, cy) = ("
              + cx
              + ", "
              + cy
              + ")가 이미지 밖입니다. cx는 0 이상 W="
              + width
              + " 미만, cy는 0 이상 H="
              + height
              + " 미만이어야 합니다 (np.random.randint(W), np.random.randint(H)). 예: "
              + example);
    }
  }
}
