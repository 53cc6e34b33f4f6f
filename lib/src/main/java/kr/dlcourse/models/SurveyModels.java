package kr.dlcourse.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The four models of the survey lesson "PyTorch 정리", with PyTorch's parameter counts: the Iris
 * MLP (243), the breast-cancer MLP (4,097), MNIST 784-500-10 (397,510) and the cats-vs-dogs
 * ConvNet for 180×180 images (1,009,473). The lesson's notebooks write each model out; these are
 * the same definitions for tests and for the summary.
 *
 * <pre>{@code Block iris = SurveyModels.irisClassifier();   // input (N, 4)}</pre>
 */
public final class SurveyModels {

  private SurveyModels() {}

  /** {@code IrisClassifier}: 4 → 16 → 8 → 3 with ReLU and Dropout(0.2) after each hidden layer. */
  public static SequentialBlock irisClassifier() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(16).build()).add(Activation::relu).add(Dropout.builder().optRate(0.2f).build())
        .add(Linear.builder().setUnits(8).build()).add(Activation::relu).add(Dropout.builder().optRate(0.2f).build())
        .add(Linear.builder().setUnits(3).build());
  }

  /** {@code CancerClassifier}: 30 → 64 → 32 → 1 with ReLU; one logit for BCEWithLogitsLoss. */
  public static SequentialBlock cancerClassifier() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(64).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(32).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(1).build());
  }

  /** {@code ImageClassifier}: flatten 28×28 → 784 → 500 → ReLU → 10. */
  public static SequentialBlock mnistClassifier() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(500).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(10).build());
  }

  /**
   * The cats-vs-dogs {@code ConvNet}: five 3×3 convolutions with {@code padding='same'} (32, 64, 128,
   * 256, 256), ReLU, a 2×2 max-pool after the first four (180 → 90 → 45 → 22 → 11), then {@code
   * Linear(256·11·11, 1)} and Sigmoid (a probability, for BCELoss).
   */
  public static SequentialBlock catsDogsConvNet() {
    SequentialBlock features = new SequentialBlock();
    int[] filters = {32, 64, 128, 256, 256};
    for (int i = 0; i < filters.length; i++) {
      features.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters[i]).build())
          .add(Activation::relu);
      if (i < 4) {
        features.add(Pool.maxPool2dBlock(new Shape(2, 2)));
      }
    }
    SequentialBlock classifier = new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(1).build())
        .add(Activation::sigmoid);
    return new SequentialBlock().add(features).add(classifier);
  }
}
