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
import kr.dlcourse.notebook.CourseException;

/**
 * The architectures of lesson 1강 (CIFAR-10), exactly as the notebooks define them, for the later
 * notebooks that reuse them. Trainable parameter counts equal PyTorch's: MLP 789,258; CNN_V1
 * 94,538; CNN_V2 141,354.
 *
 * <pre>{@code
 * Block cnn = Cifar10Models.cnnV1(10);
 * cnn.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
 * }</pre>
 */
public final class Cifar10Models {

  private Cifar10Models() {}

  /** {@code nn.Conv2d(in, filters, 3, padding=1)}. */
  public static Conv2d conv3x3(int filters) {
    return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
  }

  /** MLP: Flatten → Linear(3072, 256) → ReLU → Dropout(0.3) → Linear(256, classes). */
  public static Block mlp(int numClasses) {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(256).build())
        .add(Activation::relu)
        .add(Dropout.builder().optRate(0.3f).build())
        .add(Linear.builder().setUnits(numClasses).build());
  }

  /**
   * CNN_V1: features (Conv 32-ReLU-MaxPool, Conv 64-ReLU-MaxPool, Conv 128-ReLU) then classifier
   * (global average pool, Dropout(0.3), Linear(128, classes)). Child 0 is {@code features}, whose
   * child 0 is the first convolution ({@link #firstConv(Block)}).
   */
  public static SequentialBlock cnnV1(int numClasses) {
    return new SequentialBlock().add(cnnV1Features()).add(cnnV1Classifier(numClasses));
  }

  /**
   * CNN_V1's {@code self.features}: Conv 32-ReLU-MaxPool, Conv 64-ReLU-MaxPool, Conv 128-ReLU. A new
   * block each call, to extend with {@code add(...)} (notebook 06, challenge 1):
   *
   * <pre>{@code
   * SequentialBlock features = Cifar10Models.cnnV1Features()
   *     .add(Cifar10Models.conv3x3(256)).add(Activation::relu);
   * SequentialBlock cnnV3 = new SequentialBlock().add(features).add(Cifar10Models.cnnV1Classifier(10));
   * }</pre>
   */
  public static SequentialBlock cnnV1Features() {
    return new SequentialBlock()
        .add(conv3x3(32)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(conv3x3(64)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(conv3x3(128)).add(Activation::relu);
  }

  /** CNN_V1's {@code self.classifier}: global average pool + flatten, Dropout(0.3), Linear(·, classes). */
  public static SequentialBlock cnnV1Classifier(int numClasses) {
    return new SequentialBlock()
        .add(Pool.globalAvgPool2dBlock())
        .add(Dropout.builder().optRate(0.3f).build())
        .add(Linear.builder().setUnits(numClasses).build());
  }

  /**
   * The lesson's {@code cnn.features[0]}: the first convolution of a CNN_V1 (or of a model built like
   * it: a {@code features} block first, a convolution first in it).
   *
   * <pre>{@code Block firstConv = Cifar10Models.firstConv(cnn);   // cnn.features[0]}</pre>
   *
   * @throws CourseException (인자 오류) if {@code cnn} is not built that way
   */
  public static Conv2d firstConv(Block cnn) {
    Block features = cnn.getChildren().isEmpty() ? null : cnn.getChildren().get(0).getValue();
    Block first = features == null || features.getChildren().isEmpty() ? null : features.getChildren().get(0).getValue();
    if (!(first instanceof Conv2d conv)) {
      throw CourseException.argument(
          "firstConv는 CNN_V1처럼 features 블록이 맨 앞에 있고 그 첫 층이 Conv2d인 모델에만 쓸 수 있습니다."
              + " Cifar10Models.cnnV1(10)으로 만든 모델을 넘기세요.");
    }
    return conv;
  }

  /**
   * CNN_V2: two Conv-BN-ReLU pairs of 32, MaxPool, Dropout(0.2); two of 64, MaxPool, Dropout(0.3);
   * Conv-BN-ReLU 128, global average pool, Dropout(0.4), Linear(128, classes).
   */
  public static SequentialBlock cnnV2(int numClasses) {
    return new SequentialBlock()
        .addAll(convBnRelu(32), convBnRelu(32))
        .add(Pool.maxPool2dBlock(new Shape(2, 2))).add(Dropout.builder().optRate(0.2f).build())
        .addAll(convBnRelu(64), convBnRelu(64))
        .add(Pool.maxPool2dBlock(new Shape(2, 2))).add(Dropout.builder().optRate(0.3f).build())
        .add(convBnRelu(128))
        .add(Pool.globalAvgPool2dBlock())
        .add(Dropout.builder().optRate(0.4f).build())
        .add(Linear.builder().setUnits(numClasses).build());
  }

  /** {@code nn.Conv2d(in, filters, 3, padding=1), nn.BatchNorm2d(filters), nn.ReLU()}. */
  public static SequentialBlock convBnRelu(int filters) {
    return new SequentialBlock().add(conv3x3(filters)).add(BatchNorm.builder().build()).add(Activation::relu);
  }
}
