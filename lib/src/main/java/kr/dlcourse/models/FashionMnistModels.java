package kr.dlcourse.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import kr.dlcourse.nn.PyTorchInit;

/**
 * The models of lesson 3편 (FashionMNIST, 1×28×28 inputs): the 3-block ConvNet and the two
 * fully-connected baselines it is compared with. Trainable parameter counts equal PyTorch's:
 * ConvNet 426,602; FC 1-layer 7,850; FC multi-layer 535,818. Every model starts from PyTorch's
 * default initialization ({@link PyTorchInit}), as the lesson's does.
 *
 * <pre>{@code
 * SequentialBlock cnn = FashionMnistModels.convNet();
 * cnn.getChildren().get(0).getValue()   // block1, as cnn_net.block1
 * }</pre>
 */
public final class FashionMnistModels {

  private FashionMnistModels() {}

  /**
   * ConvNet: block1 (Conv 16 5×5 pad 2, BN, ReLU, MaxPool 2), block2 (Conv 32 3×3 pad 1, BN,
   * ReLU, MaxPool 2), block3 (Conv 64 3×3 pad 1, BN, ReLU), then flatten and the classifier
   * (Dropout 0.3, Linear 3136→128, ReLU, Dropout 0.5, Linear 128→10). Children 0-2 are the blocks,
   * child 3 flattens, child 4 is the classifier.
   */
  public static SequentialBlock convNet() {
    SequentialBlock block1 = convBlock(16, 5, 2).add(Pool.maxPool2dBlock(new Shape(2, 2)));
    SequentialBlock block2 = convBlock(32, 3, 1).add(Pool.maxPool2dBlock(new Shape(2, 2)));
    SequentialBlock block3 = convBlock(64, 3, 1);
    SequentialBlock classifier =
        new SequentialBlock()
            .add(Dropout.builder().optRate(0.3f).build())
            .add(Linear.builder().setUnits(128).build())
            .add(Activation::relu)
            .add(Dropout.builder().optRate(0.5f).build())
            .add(Linear.builder().setUnits(10).build());
    SequentialBlock model =
        new SequentialBlock()
            .add(block1)
            .add(block2)
            .add(block3)
            .add(Blocks.batchFlattenBlock())
            .add(classifier);
    PyTorchInit.apply(model);
    return model;
  }

  /** {@code nn.Conv2d(in, filters, kernel, padding=padding), nn.BatchNorm2d(filters), nn.ReLU()}. */
  public static SequentialBlock convBlock(int filters, int kernel, int padding) {
    SequentialBlock block =
        new SequentialBlock()
            .add(
                Conv2d.builder()
                    .setKernelShape(new Shape(kernel, kernel))
                    .optPadding(new Shape(padding, padding))
                    .setFilters(filters)
                    .build())
            .add(BatchNorm.builder().build())
            .add(Activation::relu);
    PyTorchInit.apply(block);
    return block;
  }

  /** FC 1-layer: flatten, Linear 784→10 (a linear classifier). */
  public static Block fcSingleLayer() {
    return PyTorchInit.apply(
        new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build()));
  }

  /** FC multi-layer: flatten, Linear 784→512, ReLU, Linear 512→256, ReLU, Linear 256→10. */
  public static Block fcMultiLayer() {
    return PyTorchInit.apply(
        new SequentialBlock()
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(512).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(256).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(10).build()));
  }
}
