package kr.dlcourse.eval;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Collections;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.viz.Fonts;
import kr.dlcourse.viz.ImageGrid;

/**
 * Pictures of a model's mistakes, like the lesson's grid of misclassified examples.
 *
 * <pre>{@code
 * for (ConfusionMatrix.Pair pair : p.confusionMatrix().topConfusedPairs(3)) {
 *   display(Misclassified.grid(test, p, pair.trueClass(), pair.predictedClass(), 8, 4, 3));
 * }
 * }</pre>
 */
public final class Misclassified {

  private Misclassified() {}

  /**
   * The first {@code max} images of class {@code trueClass} predicted as {@code predictedClass}, in
   * dataset order, each titled "T:&lt;true&gt; → P:&lt;predicted&gt;" ("-&gt;" where the Hangul
   * font has no arrow), under the title "혼동 사례: &lt;true&gt; vs &lt;predicted&gt;".
   *
   * <pre>{@code
   * if (p.where(3, 5).length > 0) {
   *   Misclassified.grid(test, p, 3, 5, 8, 4, 3)   // cats taken for dogs, 4 per row, 3× enlarged
   * }
   * }</pre>
   *
   * @param data the images {@code p} was computed on (same size and labels)
   * @param p the predictions for {@code data}
   * @param trueClass the true class index
   * @param predictedClass the predicted class index
   * @param max at most this many images
   * @param columns images per row
   * @param scale the integer enlargement of each image
   * @return the grid as one picture
   * @throws CourseException if there is no image of {@code trueClass} predicted as {@code
   *     predictedClass} (check {@code p.where(trueClass, predictedClass).length} first), if {@code
   *     p} does not belong to {@code data}, or if {@code max}, {@code columns} or {@code scale} is
   *     below 1
   */
  public static BufferedImage grid(
      ImageDataset data,
      Predictions p,
      int trueClass,
      int predictedClass,
      int max,
      int columns,
      int scale) {
    if (max < 1) {
      throw CourseException.argument(
          "max(보여 줄 이미지 수)는 1 이상이어야 합니다 (받은 값: "
              + max
              + "). 예: Misclassified.grid(test, p, 3, 5, 8, 4, 3)");
    }
    if (columns < 1 || scale < 1) {
      throw CourseException.argument(
          "columns(한 줄의 이미지 수)와 scale(확대 배율)은 1 이상이어야 합니다 (받은 값: columns "
              + columns
              + ", scale "
              + scale
              + "). 예: Misclassified.grid(test, p, 3, 5, 8, 4, 3)");
    }
    if (p.size() != data.size() || !Arrays.equals(data.labels(), trueLabels(p))) {
      throw CourseException.argument(
          "예측(이미지 "
              + p.size()
              + "장)이 "
              + data.name()
              + "(이미지 "
              + data.size()
              + "장)에 대한 것이 아닙니다. 예측을 계산한 바로 그 데이터셋을 넘기세요. 예: Misclassified.grid(test, Predictions.of(block, test, norm, 256), ...)");
    }
    int[] found = p.where(trueClass, predictedClass);
    String t = data.classNames().get(trueClass);
    String q = data.classNames().get(predictedClass);
    if (found.length == 0) {
      throw CourseException.argument(
          t
              + "("
              + trueClass
              + ") 이미지를 "
              + q
              + "("
              + predictedClass
              + ")(으)로 예측한 경우가 없습니다. 먼저 p.where("
              + trueClass
              + ", "
              + predictedClass
              + ").length가 0보다 큰지 확인하거나, cm.topConfusedPairs(3)의 쌍을 쓰세요.");
    }
    int[] shown = Arrays.copyOf(found, Math.min(max, found.length));
    // ImageGrid draws with Fonts.hangul, which may lack the arrow (e.g. NanumGothic)
    String arrow = Fonts.hangul(Font.PLAIN, 12).canDisplay('→') ? " → " : " -> ";
    return ImageGrid.of(data.images(shown), columns)
        .scale(scale)
        .titles(Collections.nCopies(shown.length, "T:" + t + arrow + "P:" + q))
        .title("혼동 사례: " + t + " vs " + q)
        .render();
  }

  private static int[] trueLabels(Predictions p) {
    int[] labels = new int[p.size()];
    Arrays.setAll(labels, p::trueLabel);
    return labels;
  }
}
