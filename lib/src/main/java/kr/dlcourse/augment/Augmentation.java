package kr.dlcourse.augment;

import ai.djl.ndarray.NDArray;
import java.util.Random;
import kr.dlcourse.notebook.CourseException;

/**
 * A random change applied to a whole batch of images at once, like one step of a torchvision {@code
 * transforms.Compose([...])} pipeline, except that it works on a batch (N, C, H, W) and every
 * sample gets its own random draw.
 *
 * <pre>{@code
 * Augmentation aug = Augmentations.lessonPipeline();
 * NDArray out = aug.apply(batch, new Random(42));   // same shape, new random view of each image
 * }</pre>
 *
 * <p>Implementations leave the input unchanged and return a new array in the input's manager.
 */
@FunctionalInterface
public interface Augmentation {

  /**
   * Augments a batch.
   *
   * <pre>{@code
   * NDArray out = Augmentations.horizontalFlip(0.5).apply(batch, random);
   * }</pre>
   *
   * @param batch images of shape (N, C, H, W), float32 values in [0, 1] (before normalization)
   * @param random the source of every random draw; the same seed gives the same output
   * @return a new array of the same shape, attached to {@code batch.getManager()}
   */
  NDArray apply(NDArray batch, Random random);

  /**
   * This augmentation followed by {@code next}; the array passed between the two is closed.
   *
   * <pre>{@code
   * Augmentation aug = Augmentations.horizontalFlip(0.5).then(Augmentations.randomCrop(4));
   * }</pre>
   *
   * @param next the step applied to this step's output
   * @return the two steps as one augmentation
   */
  default Augmentation then(Augmentation next) {
    if (next == null) {
      throw CourseException.argument(
          "then(...)에 넘긴 증강이 null입니다. 예: Augmentations.horizontalFlip(0.5).then(Augmentations.randomCrop(4))");
    }
    return (batch, random) -> {
      NDArray middle = apply(batch, random);
      NDArray out = null;
      try {
        out = next.apply(middle, random);
        return out;
      } finally {
        if (middle != out && middle != batch) {
          middle.close();
        }
      }
    };
  }

  /**
   * The steps applied one after another, like {@code transforms.Compose([...])}; with no steps, a
   * copy of the batch.
   *
   * <pre>{@code
   * Augmentation aug =
   *     Augmentation.compose(Augmentations.horizontalFlip(0.5), Augmentations.randomErasing());
   * }</pre>
   *
   * @param steps the augmentations in the order they are applied
   * @return one augmentation doing all the steps
   */
  static Augmentation compose(Augmentation... steps) {
    Augmentation all = (batch, random) -> Augmentations.checkBatch(batch).duplicate();
    for (int i = 0; i < steps.length; i++) {
      if (steps[i] == null) {
        throw CourseException.argument(
            "compose(...)의 " + (i + 1) + "번째 증강이 null입니다. 예: Augmentation.compose(Augmentations.horizontalFlip(0.5), Augmentations.randomErasing())");
      }
      all = i == 0 ? steps[0] : all.then(steps[i]);
    }
    return all;
  }
}
