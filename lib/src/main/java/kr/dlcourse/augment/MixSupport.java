package kr.dlcourse.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.function.Supplier;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.Numbers;

/** Argument checks, the partner order and the memory scope shared by {@link Mixup} and {@link CutMix}. */
final class MixSupport {

  private MixSupport() {}

  static double checkAlpha(double alpha, String example) {
    if (!(alpha > 0 && alpha < Double.POSITIVE_INFINITY)) {
      throw CourseException.argument(
          "alpha는 0보다 큰 수여야 합니다 (받은 값: "
              + Numbers.human(alpha)
              + "). lam은 Beta(alpha, alpha)에서 뽑습니다: alpha가 작으면 lam이 0이나 1에 가까워 조금만 섞이고,"
              + " 1이면 0~1 사이에서 고르게 뽑힙니다. 예: "
              + example);
    }
    return alpha;
  }

  /** Checks a batch (N, C, H, W) of floats and its (N) labels; returns N. */
  static int checkBatch(NDArray x, NDArray y, String who, String example) {
    if (x == null || y == null) {
      throw CourseException.argument(
          who + "에 넘긴 " + (x == null ? "이미지 배치(x)" : "레이블(y)") + "가 null입니다. 예: " + example);
    }
    Shape s = x.getShape();
    if (s.dimension() != 4) {
      throw CourseException.shape(
          who
              + "는 이미지 배치 (N, C, H, W)를 섞습니다 (받은 모양: "
              + s
              + ", "
              + s.dimension()
              + "차원)."
              + (s.dimension() == 3
                  ? " 이미지 한 장이면 배치 축을 붙이세요: image.expandDims(0). 다만 섞으려면 배치에 이미지가 여러 장 있어야 합니다."
                  : " 배치의 모양을 확인하세요.")
              + " 예: "
              + example);
    }
    if (!x.getDataType().isFloating()) {
      throw CourseException.argument(
          who
              + "는 실수(float) 이미지를 섞습니다 (받은 자료형: "
              + x.getDataType()
              + "). 배치의 b.x()처럼 정규화된 float32 배열을 넘기세요. 예: "
              + example);
    }
    long n = s.get(0);
    if (y.getShape().dimension() != 1 || y.getShape().get(0) != n) {
      throw CourseException.shape(
          who
              + "의 레이블 y는 이미지마다 하나인 (N) 배열이어야 합니다 (이미지 "
              + n
              + "장, 레이블 모양: "
              + y.getShape()
              + "). 배치의 b.y()를 넘기세요. 예: "
              + example);
    }
    return (int) n;
  }

  static void checkLambda(double lam, String who, String example) {
    if (!(lam >= 0 && lam <= 1)) {
      throw CourseException.argument(
          who
              + "의 lam은 0 이상 1 이하여야 합니다 (받은 값: "
              + Numbers.human(lam)
              + "). lam은 원래 이미지의 비율입니다. 예: "
              + example);
    }
  }

  static void checkIndex(int[] index, int n, String who, String example) {
    if (index == null || index.length != n) {
      throw CourseException.argument(
          who
              + "의 index는 배치의 이미지마다 짝이 될 위치 하나씩, "
              + n
              + "개여야 합니다 (받은 개수: "
              + (index == null ? "null" : String.valueOf(index.length))
              + "). torch.randperm(batch_size)처럼 0~"
              + (n - 1)
              + "을 섞은 배열을 넘기세요. 예: "
              + example);
    }
    for (int i = 0; i < n; i++) {
      if (index[i] < 0 || index[i] >= n) {
        throw CourseException.argument(
            who
                + "의 index["
                + i
                + "] = "
                + index[i]
                + "이 배치 밖을 가리킵니다. 값은 0 이상 "
                + n
                + " 미만이어야 합니다. 예: "
                + example);
      }
    }
  }

  /** {@code torch.randperm(n)}: a Fisher–Yates shuffle of 0..n-1 drawn from {@code random}. */
  static int[] permutation(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * Runs {@code work} with x and y temporarily in a sub-manager, so that every intermediate array
   * is freed on return; the result's x is attached to x's manager, its labels to y's.
   */
  static Mixing.Mixed scoped(NDArray x, NDArray y, Supplier<Mixing.Mixed> work) {
    NDManager xOwner = x.getManager();
    NDManager yOwner = y.getManager();
    try (NDManager scope = xOwner.newSubManager()) {
      x.tempAttach(scope); // returned to xOwner when the scope closes
      y.tempAttach(scope);
      Mixing.Mixed out = work.get();
      out.x().attach(xOwner);
      out.partnerLabels().attach(yOwner);
      return out;
    }
  }
}
