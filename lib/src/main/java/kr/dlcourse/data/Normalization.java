package kr.dlcourse.data;

import ai.djl.ndarray.NDArray;
import kr.dlcourse.notebook.Numbers;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.viz.Images;

/**
 * Per-channel mean and standard deviation of pixel values in [0, 1], as in {@code
 * transforms.Normalize(mean, std)}: {@code normalize} computes {@code (x - mean) / std}, {@code
 * denormalize} undoes it for display.
 *
 * <pre>{@code
 * Normalization norm = Normalization.CIFAR10;
 * BufferedImage picture = norm.toImage(batch.x().get(0));
 * }</pre>
 *
 * @param mean one value per channel
 * @param std one positive value per channel
 */
public record Normalization(float[] mean, float[] std) {

  /** The CIFAR-10 statistics the lessons use: (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616). */
  public static final Normalization CIFAR10 =
      new Normalization(new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2470f, 0.2435f, 0.2616f});

  public Normalization {
    if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
      throw CourseException.argument(
          "mean과 std에는 채널마다 값이 하나씩, 같은 개수로 있어야 합니다 (받은 개수: mean "
              + (mean == null ? "null" : mean.length)
              + "개, std "
              + (std == null ? "null" : std.length)
              + "개). 예: new Normalization(new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2470f, 0.2435f, 0.2616f})");
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw CourseException.argument(
            "std는 모두 0보다 커야 합니다 (받은 값: "
                + Numbers.human(std)
                + "). std로 나누기 때문입니다. 데이터에서 구하려면 예: train.statistics(1000)");
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** Pixel values scaled to [0, 1] only, like {@code ToTensor()} without {@code Normalize}. */
  public static Normalization none(int channels) {
    float[] zeros = new float[channels];
    float[] ones = new float[channels];
    Arrays.fill(ones, 1f);
    return new Normalization(zeros, ones);
  }

  /** The number of channels. */
  public int channels() {
    return mean.length;
  }

  @Override
  public float[] mean() {
    return mean.clone();
  }

  @Override
  public float[] std() {
    return std.clone();
  }

  /**
   * @param images values in [0, 1], shape (C, H, W) or (N, C, H, W)
   * @return {@code (images - mean) / std}, per channel
   */
  public NDArray normalize(NDArray images) {
    NDManager m = images.getManager();
    return images.sub(column(m, mean, images)).div(column(m, std, images));
  }

  /**
   * @param images normalized values, shape (C, H, W) or (N, C, H, W)
   * @return {@code images * std + mean}, values near [0, 1]
   */
  public NDArray denormalize(NDArray images) {
    NDManager m = images.getManager();
    return images.mul(column(m, std, images)).add(column(m, mean, images));
  }

  /**
   * One normalized image as a picture: denormalized, clipped to [0, 1], converted.
   *
   * @param image shape (C, H, W), normalized with these statistics
   */
  public BufferedImage toImage(NDArray image) {
    try (NDManager scope = image.getManager().newSubManager()) {
      NDArray copy = image.duplicate();
      copy.attach(scope);
      return Images.fromTensor(denormalize(copy));
    }
  }

  private NDArray column(NDManager m, float[] values, NDArray like) {
    int channelAxis = like.getShape().dimension() - 3;
    if (channelAxis < 0 || like.getShape().get(channelAxis) != values.length) {
      throw CourseException.shape(
          "이 정규화는 채널이 "
              + values.length
              + "개인 이미지 (C, H, W) 또는 배치 (N, C, H, W)에 씁니다 (받은 모양: "
              + like.getShape()
              + "). 채널 수와 축 순서를 확인하세요"
              + (like.getShape().dimension() >= 3
                      && like.getShape().get(like.getShape().dimension() - 1) == values.length
                  ? ": 채널이 마지막 축에 있으면 (H, W, C) 먼저 transpose(2, 0, 1)로 (C, H, W)로 바꾸세요."
                  : "."));
    }
    return m.create(values).reshape(values.length, 1, 1);
  }

  @Override
  public String toString() {
    return "Normalization(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }
}
