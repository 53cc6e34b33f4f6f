package kr.dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Locale;
import kr.dlcourse.notebook.CourseException;

/**
 * PyTorch's {@code nn.Dropout2d(p)}: drops whole channels. In training, each (sample, channel)
 * plane of an (N, C, H, W) batch is zeroed with probability {@code p} and the surviving planes are
 * scaled by 1/(1-p); in evaluation and inference the block passes its input through unchanged. DJL
 * has only element-wise {@link ai.djl.nn.norm.Dropout}: neighbouring pixels of a feature map are
 * strongly correlated, so dropping single pixels hardly removes any information, while dropping a
 * whole map forces the next layer not to rely on one channel.
 *
 * <pre>{@code
 * SequentialBlock features = new SequentialBlock()
 *     .add(Cifar10Models.convBnRelu(64))
 *     .add(Pool.maxPool2dBlock(new Shape(2, 2)))
 *     .add(new Dropout2d(0.25f));            // nn.Dropout2d(0.25)
 * }</pre>
 *
 * <p>It has no parameters. Inputs of two or more dimensions are accepted: the first two axes are
 * (sample, channel), and the mask is shared across all the others.
 */
public final class Dropout2d extends AbstractBlock {

  private static final byte VERSION = 1;

  private final float rate;

  /**
   * @param rate the probability {@code p} that a channel is dropped, in [0, 1)
   * @throws CourseException if {@code rate} is outside [0, 1)
   */
  public Dropout2d(float rate) {
    super(VERSION);
    if (!(rate >= 0f && rate < 1f)) {
      throw CourseException.argument(
          "Dropout2d의 p는 0 이상 1 미만이어야 합니다 (받은 값 "
              + rate
              + "). 채널을 지울 확률입니다: 강의처럼 new Dropout2d(0.25f) 로 쓰세요.");
    }
    this.rate = rate;
  }

  /** The probability that a channel is dropped in training. */
  public float rate() {
    return rate;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    return new NDList(dropChannels(x, rate, training));
  }

  /**
   * The function behind the block: {@code F.dropout2d(x, p, training)}.
   *
   * @param x a batch whose first two axes are (sample, channel)
   * @param rate the probability that a channel is dropped, in [0, 1)
   * @param training false returns {@code x} itself
   * @return a new array of {@code x}'s shape on {@code x}'s manager (or {@code x} when not training)
   */
  public static NDArray dropChannels(NDArray x, float rate, boolean training) {
    if (!training || rate == 0f) {
      return x;
    }
    Shape shape = x.getShape();
    if (shape.dimension() < 2) {
      throw CourseException.shape(
          "Dropout2d는 (배치, 채널, 높이, 너비) 모양의 입력에 씁니다 (받은 모양: " + shape + ").");
    }
    long[] maskDims = new long[shape.dimension()];
    java.util.Arrays.fill(maskDims, 1);
    maskDims[0] = shape.get(0);
    maskDims[1] = shape.get(1);
    NDArray mask; // stays on x's manager: the backward pass multiplies the gradient by it
    try (NDArray draw = x.getManager().randomUniform(0f, 1f, new Shape(maskDims), x.getDataType());
        NDArray keep = draw.gte(rate)) {
      mask = keep.toType(x.getDataType(), false).muli(1f / (1f - rate));
    }
    return x.mul(mask);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** {@code Dropout2d(p=0.25)}, as PyTorch prints it. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Dropout2d(p=%s)", rate);
  }
}
