package kr.dlcourse.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import kr.dlcourse.nn.Dropout2d;
import kr.dlcourse.nn.NamedSequential;
import kr.dlcourse.nn.PyTorchInit;
import kr.dlcourse.notebook.CourseException;

/**
 * The models of lesson 39강 (실전 이미지 분류 프로젝트, CIFAR-10), as notebook 15 writes them:
 * {@code CIFAR10CNN} (3,249,994 trainable parameters), {@code ResBlock}, and a ResNet-18 for 32×32
 * images built from it (11,173,962). Weights start as PyTorch's do ({@link PyTorchInit}).
 *
 * <pre>{@code
 * Block model = ProjectModels.cifar10Cnn(10);
 * model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
 * ShapeTrace.of(model, new Shape(1, 3, 32, 32))   // one row per layer
 * }</pre>
 */
public final class ProjectModels {

  private ProjectModels() {}

  /**
   * The lesson's {@code CIFAR10CNN}: {@code features} (three blocks of Conv-BN-ReLU-Conv-BN-ReLU,
   * MaxPool(2), Dropout2d(0.25) with 64, 128, 256 filters: 32 → 16 → 8 → 4) and {@code classifier}
   * (Flatten, Linear(4096, 512), ReLU, Dropout(0.5), Linear(512, classes)).
   *
   * @param numClasses the number of classes (10 for CIFAR-10)
   * @return an uninitialized block with children {@code features} and {@code classifier}
   */
  public static NamedSequential cifar10Cnn(int numClasses) {
    checkClasses(numClasses);
    SequentialBlock features = new SequentialBlock();
    for (int filters : new int[] {64, 128, 256}) {
      features
          .add(Cifar10Models.conv3x3(filters)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
          .add(Cifar10Models.conv3x3(filters)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
          .add(new Dropout2d(0.25f));
    }
    SequentialBlock classifier =
        new SequentialBlock()
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(512).build())
            .add(Activation.reluBlock())
            .add(Dropout.builder().optRate(0.5f).build())
            .add(Linear.builder().setUnits(numClasses).build());
    NamedSequential model = new NamedSequential().add("features", features).add("classifier", classifier);
    PyTorchInit.apply(model);
    return model;
  }

  /**
   * The lesson's {@code ResBlock(in_ch, out_ch, stride)}; see {@link ResidualBlock}.
   *
   * @param inChannels channels of the input
   * @param outChannels channels of the output
   * @param stride 1 keeps height and width, 2 halves them
   * @return an uninitialized block
   */
  public static ResidualBlock resBlock(int inChannels, int outChannels, int stride) {
    ResidualBlock block = new ResidualBlock(inChannels, outChannels, stride);
    PyTorchInit.apply(block);
    return block;
  }

  /** {@code ResBlock(in_ch, out_ch)} with stride 1. */
  public static ResidualBlock resBlock(int inChannels, int outChannels) {
    return resBlock(inChannels, outChannels, 1);
  }

  /**
   * A ResNet-18 for 32×32 images, built from {@link #resBlock}: torchvision's {@code resnet18} as
   * the lesson's §7 changes it for CIFAR (3×3 stride-1 {@code conv1}, no max pooling, {@code fc}
   * with {@code numClasses} outputs). Children: {@code conv1, bn1, relu, layer1..layer4, avgpool,
   * fc}; each layer holds two ResBlocks, 64/128/256/512 channels, the first block of layers 2-4 with
   * stride 2 (32 → 16 → 8 → 4).
   *
   * @param numClasses the number of classes (10 for CIFAR-10)
   * @return an uninitialized block
   */
  public static NamedSequential resNet18(int numClasses) {
    checkClasses(numClasses);
    NamedSequential model =
        new NamedSequential()
            .add("conv1", ResidualBlock.conv(64, 3, 1, 1))
            .add("bn1", BatchNorm.builder().build())
            .add("relu", Activation.reluBlock());
    int in = 64;
    int[] widths = {64, 128, 256, 512};
    for (int stage = 0; stage < widths.length; stage++) {
      int stride = stage == 0 ? 1 : 2;
      SequentialBlock layer =
          new SequentialBlock()
              .add(new ResidualBlock(in, widths[stage], stride))
              .add(new ResidualBlock(widths[stage], widths[stage], 1));
      model.add("layer" + (stage + 1), layer);
      in = widths[stage];
    }
    model.add("avgpool", Pool.globalAvgPool2dBlock()).add("fc", Linear.builder().setUnits(numClasses).build());
    PyTorchInit.apply(model);
    return model;
  }

  private static void checkClasses(int numClasses) {
    if (numClasses < 2) {
      throw CourseException.argument("클래스 수는 2 이상이어야 합니다 (받은 값 " + numClasses + "). CIFAR-10이면 10입니다.");
    }
  }

}
