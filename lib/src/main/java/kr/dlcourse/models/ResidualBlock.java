package kr.dlcourse.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import kr.dlcourse.notebook.CourseException;

/**
 * The lesson's {@code ResBlock} (39강 §3): {@code relu(bn2(conv2(relu(bn1(conv1(x))))) +
 * shortcut(x))}, with bias-free 3×3 convolutions; the shortcut is the identity (the lesson's empty
 * {@code nn.Sequential()}), or a bias-free 1×1 convolution with batch norm when the stride is not 1 or the
 * width changes. Children are named {@code conv1, bn1, conv2, bn2, shortcut} as in the lesson.
 * Trainable parameters: ResBlock(64, 64) 73,984; (64, 128, 2) 230,144.
 *
 * <pre>{@code
 * Block block = ProjectModels.resBlock(64, 128, 2);   // (N, 64, 32, 32) → (N, 128, 16, 16)
 * }</pre>
 */
public final class ResidualBlock extends AbstractBlock {

  private static final byte VERSION = 1;

  private final int inChannels;
  private final int outChannels;
  private final int stride;
  private final Block conv1;
  private final Block bn1;
  private final Block conv2;
  private final Block bn2;
  private final Block shortcut;

  /**
   * @param inChannels channels of the input
   * @param outChannels channels of the output
   * @param stride 1 keeps height and width, 2 halves them
   */
  public ResidualBlock(int inChannels, int outChannels, int stride) {
    super(VERSION);
    if (inChannels < 1 || outChannels < 1 || stride < 1) {
      throw CourseException.argument(
          "ResBlock의 채널 수와 stride는 1 이상이어야 합니다 (받은 값: in_ch="
              + inChannels + ", out_ch=" + outChannels + ", stride=" + stride + ").");
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.stride = stride;
    conv1 = addChildBlock("conv1", conv(outChannels, 3, stride, 1));
    bn1 = addChildBlock("bn1", BatchNorm.builder().build());
    conv2 = addChildBlock("conv2", conv(outChannels, 3, 1, 1));
    bn2 = addChildBlock("bn2", BatchNorm.builder().build());
    Block sc = Blocks.identityBlock(); // the lesson's empty nn.Sequential()
    if (stride != 1 || inChannels != outChannels) {
      sc = new SequentialBlock().add(conv(outChannels, 1, stride, 0)).add(BatchNorm.builder().build());
    }
    shortcut = addChildBlock("shortcut", sc);
  }

  /** {@code nn.Conv2d(in, filters, kernel, stride, padding, bias=False)}. */
  static Conv2d conv(int filters, int kernel, int stride, int padding) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optBias(false)
        .build();
  }

  public int inChannels() {
    return inChannels;
  }

  public int outChannels() {
    return outChannels;
  }

  public int stride() {
    return stride;
  }

  /** Whether the shortcut is a 1×1 convolution (true) or the identity (false). */
  public boolean projects() {
    return !shortcut.getChildren().isEmpty();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = inputs;
    NDList out = bn1.forward(ps, conv1.forward(ps, x, training), training);
    out = new NDList(Activation.relu(out.singletonOrThrow()));
    out = bn2.forward(ps, conv2.forward(ps, out, training), training);
    NDArray sum = out.singletonOrThrow().add(shortcut.forward(ps, x, training).singletonOrThrow());
    return new NDList(Activation.relu(sum));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv2.getOutputShapes(conv1.getOutputShapes(inputShapes));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    if (in.dimension() != 4 || in.get(1) != inChannels) {
      throw CourseException.shape(
          "ResBlock("
              + inChannels + ", " + outChannels + ", stride=" + stride
              + ")은 (N, " + inChannels + ", H, W) 모양의 입력을 받습니다 (받은 모양: " + in
              + "). 앞 블록의 출력 채널 수와 in_ch를 맞추세요.");
    }
    conv1.initialize(manager, dataType, in);
    Shape[] afterConv1 = conv1.getOutputShapes(inputShapes);
    bn1.initialize(manager, dataType, afterConv1);
    conv2.initialize(manager, dataType, afterConv1);
    bn2.initialize(manager, dataType, conv2.getOutputShapes(afterConv1));
    shortcut.initialize(manager, dataType, in);
  }

  /** {@code ResBlock(64, 128, stride=2)}. */
  @Override
  public String toString() {
    return "ResBlock(" + inChannels + ", " + outChannels + ", stride=" + stride + ")";
  }
}
