package kr.dlcourse.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import kr.dlcourse.notebook.Numbers;

/**
 * Mixup (Zhang et al., 2018), lesson 39's {@code mixup_data}: every image of the batch is blended
 * with a partner image of the same batch, and the loss with both labels by the same weight.
 *
 * <pre>{@code
 * lam   ~ Beta(alpha, alpha)
 * index = randperm(N)
 * mixed_x = lam·x + (1 - lam)·x[index]      y_a = y,  y_b = y[index]
 * loss  = lam·CE(out, y_a) + (1 - lam)·CE(out, y_b)
 * }</pre>
 *
 * <pre>{@code
 * Mixing.Mixed m = Mixup.of(0.2).apply(b.x(), b.y(), new Random(42));
 * Mixing.Mixed same = Mixup.mix(b.x(), b.y(), m.lambda(), index);   // lam and index given
 * }</pre>
 *
 * <p>One lam per batch, as in the lesson. The draws come from the {@link Random} in this order:
 * lam (two Gamma draws, {@link Beta}), then the partner order (a Fisher–Yates shuffle, like {@code
 * torch.randperm}).
 */
public final class Mixup implements Mixing {

  private static final String EXAMPLE = "Mixup.of(0.2)";
  private static final String MIX_EXAMPLE = "Mixup.mix(b.x(), b.y(), 0.7, new int[] {1, 0, 3, 2})";

  private final double alpha;

  private Mixup(double alpha) {
    this.alpha = alpha;
  }

  /**
   * Mixup with lam drawn from Beta(alpha, alpha), like {@code mixup_data(x, y, alpha)}.
   *
   * <pre>{@code
   * Mixing mixup = Mixup.of(0.2);   // the lesson's default
   * }</pre>
   *
   * @param alpha above 0; small values (0.2) keep most images close to one of the two, 1 draws lam
   *     uniformly in [0, 1]
   * @return the mixing
   */
  public static Mixup of(double alpha) {
    return new Mixup(MixSupport.checkAlpha(alpha, EXAMPLE));
  }

  /** The Beta distribution's parameter. */
  public double alpha() {
    return alpha;
  }

  /**
   * Draws lam and the partner order from {@code random}, then {@link #mix}. The input arrays are
   * left unchanged.
   */
  @Override
  public Mixed apply(NDArray x, NDArray y, Random random) {
    int n = MixSupport.checkBatch(x, y, "Mixup", EXAMPLE + ".apply(b.x(), b.y(), new Random(42))");
    double lam = Beta.sample(alpha, alpha, random);
    int[] index = MixSupport.permutation(n, random);
    return mix(x, y, lam, index);
  }

  /**
   * {@code mixed_x = lam·x + (1 - lam)·x[index]} and {@code y_b = y[index]}, with lam and index
   * given: the lesson's {@code mixup_data} without the random draws, to check by hand.
   *
   * <pre>{@code
   * Mixing.Mixed m = Mixup.mix(x, y, 0.7, new int[] {1, 0});   // 0.7·x[0] + 0.3·x[1], ...
   * }</pre>
   *
   * @param x images (N, C, H, W), float
   * @param y labels (N)
   * @param lam the weight of the original images, in [0, 1]
   * @param index the partner of each image, N positions in [0, N)
   * @return new arrays (in x's and y's managers) and lam; the inputs are unchanged
   */
  public static Mixed mix(NDArray x, NDArray y, double lam, int[] index) {
    int n = MixSupport.checkBatch(x, y, "Mixup.mix", MIX_EXAMPLE);
    MixSupport.checkLambda(lam, "Mixup.mix", MIX_EXAMPLE);
    MixSupport.checkIndex(index, n, "Mixup.mix", MIX_EXAMPLE);
    return MixSupport.scoped(
        x,
        y,
        () -> {
          NDArray order = x.getManager().create(index).toType(DataType.INT64, false);
          NDArray partner = x.get(order);
          NDArray mixed = x.mul((float) lam).add(partner.mul((float) (1 - lam)));
          return new Mixed(mixed, y.get(order), lam);
        });
  }

  @Override
  public String toString() {
    return "Mixup(alpha=" + Numbers.human(alpha) + ")";
  }
}
