package kr.dlcourse.augment;

import java.util.Random;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.Numbers;

/**
 * Draws from the Beta and Gamma distributions with a {@link Random}, like NumPy's {@code
 * np.random.beta(a, b)}: the mixing weight {@code lam} of Mixup and CutMix.
 *
 * <pre>{@code
 * double lam = Beta.sample(0.2, 0.2, new Random(42));   // np.random.beta(0.2, 0.2)
 * }</pre>
 *
 * <p>Beta(a, b) is X / (X + Y) with X ~ Gamma(a) and Y ~ Gamma(b); each Gamma draw uses
 * Marsaglia and Tsang's method (2000), with the boost {@code Gamma(k) = Gamma(k + 1)·U^(1/k)} for
 * k &lt; 1. The numbers differ from NumPy's for the same seed (another generator); the distribution
 * is the same.
 */
public final class Beta {

  private Beta() {}

  /**
   * One draw from Beta(a, b), a value in [0, 1] with mean a / (a + b).
   *
   * <pre>{@code
   * double lam = Beta.sample(1.0, 1.0, random);   // uniform in [0, 1]
   * }</pre>
   *
   * @param a the first shape parameter, above 0
   * @param b the second shape parameter, above 0
   * @param random the source of the draw
   * @return the draw
   */
  public static double sample(double a, double b, Random random) {
    check("a", a);
    check("b", b);
    while (true) {
      double x = gamma(a, random);
      double y = gamma(b, random);
      if (x + y > 0) { // both 0 only when both underflow (shapes far below 0.01): draw again
        return x / (x + y);
      }
    }
  }

  /**
   * One draw from Gamma(shape, 1) (Marsaglia–Tsang).
   *
   * <pre>{@code
   * double g = Beta.gamma(2.0, random);   // mean 2, variance 2
   * }</pre>
   *
   * @param shape the shape parameter k, above 0; the mean and the variance are both k
   * @param random the source of the draw
   * @return the draw, 0 or more
   */
  public static double gamma(double shape, Random random) {
    check("shape", shape);
    if (shape < 1) {
      // boost: if G ~ Gamma(k + 1) and U ~ Uniform(0, 1), then G·U^(1/k) ~ Gamma(k)
      double u = random.nextDouble();
      return gamma(shape + 1, random) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      double x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  private static void check(String name, double value) {
    if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
      throw CourseException.argument(
          "Beta/Gamma 분포의 "
              + name
              + "는 0보다 큰 유한한 수여야 합니다 (받은 값: "
              + Numbers.human(value)
              + "). 예: Beta.sample(0.2, 0.2, new Random(42))");
    }
  }
}
