package kr.dlcourse.augment;

import ai.djl.ndarray.NDArray;
import java.util.Random;

/**
 * A batch-level mix of two images and their labels, applied in the training loop after
 * normalization, as lesson 39 does with {@code mixup_data} and {@code cutmix_data}: each image is
 * combined with the image at a random partner position of the same batch, and the loss becomes
 * {@code lam·CE(out, y_a) + (1-lam)·CE(out, y_b)}.
 *
 * <pre>{@code
 * train.batches(128).shuffle(42).augment(Augmentations.lessonPipeline(), 42)
 *     .normalize(Normalization.CIFAR10).mix(Mixup.of(0.2), 42)
 * }</pre>
 */
@FunctionalInterface
public interface Mixing {

  /**
   * The mixed images, the partner labels {@code y_b = y[index]} and the weight {@code lam} of the
   * original labels {@code y_a = y}.
   *
   * @param x mixed images, same shape as the input, attached to the input's manager
   * @param partnerLabels {@code y[index]}, (N) int64
   * @param lambda the weight of the original labels in the loss, in [0, 1]
   */
  record Mixed(NDArray x, NDArray partnerLabels, double lambda) {}

  /**
   * Mixes a batch; the input arrays are left unchanged.
   *
   * @param x normalized images (N, C, H, W) float32
   * @param y labels (N) int64
   * @param random the source of every random draw (lam and the partner order)
   * @return the mixed batch
   */
  Mixed apply(NDArray x, NDArray y, Random random);
}
