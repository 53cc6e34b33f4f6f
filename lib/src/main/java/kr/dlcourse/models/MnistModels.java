package kr.dlcourse.models;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import kr.dlcourse.nn.PyTorchInit;
import kr.dlcourse.notebook.CourseException;

/**
 * The MNIST tutorial's MLP: flatten, Linear 784→hidden, ReLU, Linear hidden→10. With the
 * tutorial's 100 hidden units it has 79,510 trainable parameters, as in PyTorch. It starts from
 * PyTorch's default initialization ({@link PyTorchInit}), as the tutorial's model does.
 *
 * <pre>{@code Block mlp = MnistModels.mlp(100);}</pre>
 */
public final class MnistModels {

  private MnistModels() {}

  /** The tutorial's MLP with {@code hiddenSize} hidden units (the tutorial uses 100). */
  public static SequentialBlock mlp(int hiddenSize) {
    if (hiddenSize < 1) {
      throw CourseException.argument(
          "은닉층 크기(hiddenSize)는 1 이상이어야 합니다 (받은 값: "
              + hiddenSize
              + "). 튜토리얼은 100을 씁니다. 예: MnistModels.mlp(100)");
    }
    SequentialBlock mlp =
        new SequentialBlock()
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(hiddenSize).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(10).build());
    PyTorchInit.apply(mlp);
    return mlp;
  }
}
