package kr.dlcourse.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.data.Normalization;

/**
 * A model's predictions over a whole dataset, kept as plain Java arrays: for every image its true
 * label, predicted label and softmax probabilities. The lessons' evaluation loop ({@code
 * model.eval(); with torch.no_grad(): ...}) in one call.
 *
 * <pre>{@code
 * Predictions p = Predictions.of(model.getBlock(), test, Normalization.CIFAR10, manager, 256);
 * p.accuracy()                       // 0.7312
 * p.confusionMatrix().heatmap("Confusion Matrix")
 * int[] catsAsDogs = p.where(3, 5);  // indices into test, in dataset order
 * }</pre>
 *
 * <p>Instances are immutable; every array returned is a copy.
 */
public final class Predictions {

  private final int[] trueLabels;
  private final int[] predicted;
  private final float[][] probabilities;
  private final ConfusionMatrix confusion;

  private Predictions(
      int[] trueLabels, int[] predicted, float[][] probabilities, ConfusionMatrix cm) {
    this.trueLabels = trueLabels;
    this.predicted = predicted;
    this.probabilities = probabilities;
    this.confusion = cm;
  }

  /**
   * Predictions of {@code block} on every image of {@code data}, in batches of {@code batchSize},
   * with arrays freed batch by batch on the engine's default device.
   */
  public static Predictions of(Block block, ImageDataset data, Normalization norm, int batchSize) {
    try (NDManager manager = NDManager.newBaseManager()) {
      return of(block, data, norm, manager, batchSize);
    }
  }

  /**
   * Runs {@code block} in inference mode over {@code data} in order (no shuffling) and keeps every
   * image's true label, predicted label (arg max of the output) and softmax probabilities.
   *
   * <p>The block must output one row of {@code data.numClasses()} logits per image. Every array
   * made on the way is freed before this returns: {@code manager} holds nothing new afterwards.
   *
   * <pre>{@code
   * Predictions p = Predictions.of(model.getBlock(), test, Normalization.CIFAR10, manager, 256);
   * }</pre>
   *
   * @param block a trained (initialized) block, e.g. {@code model.getBlock()}
   * @param data the images to predict, e.g. the test set
   * @param norm the normalization used in training ({@code Normalization.none(c)} for none)
   * @param manager the manager (and device) the batches are made on
   * @param batchSize images per forward pass
   * @throws IllegalArgumentException if the output does not have one logit per class
   */
  public static Predictions of(
      Block block, ImageDataset data, Normalization norm, NDManager manager, int batchSize) {
    int n = data.size();
    int k = data.numClasses();
    int[] predicted = new int[n];
    float[][] probabilities = new float[n][];
    try (NDManager scope = manager.newSubManager()) {
      ParameterStore parameters = new ParameterStore(scope, false);
      for (Batch batch : data.batches(scope, batchSize).normalize(norm)) {
        NDList output = block.forward(parameters, new NDList(batch.x()), false);
        output.attach(batch.manager());
        NDArray logits = output.singletonOrThrow().toType(DataType.FLOAT32, false);
        if (logits.getShape().size() != (long) batch.size() * k) {
          throw new IllegalArgumentException(
              "the block's output "
                  + logits.getShape()
                  + " is not one row of "
                  + k
                  + " logits per image for a batch of "
                  + batch.size());
        }
        logits = logits.reshape(batch.size(), k);
        long[] argMax = logits.argMax(1).toLongArray();
        float[] softmax = logits.softmax(1).toFloatArray();
        int[] indices = batch.indices();
        for (int b = 0; b < indices.length; b++) {
          predicted[indices[b]] = (int) argMax[b];
          probabilities[indices[b]] = Arrays.copyOfRange(softmax, b * k, (b + 1) * k);
        }
      }
    }
    int[] labels = data.labels();
    return new Predictions(
        labels, predicted, probabilities, ConfusionMatrix.of(labels, predicted, data.classNames()));
  }

  /**
   * Predictions from arrays, for tests or results computed elsewhere (arrays are copied).
   *
   * <pre>{@code
   * Predictions p = Predictions.of(new int[] {0, 1}, new int[] {0, 0},
   *     new float[][] {{0.9f, 0.1f}, {0.6f, 0.4f}}, List.of("cat", "dog"));
   * }</pre>
   *
   * @param trueLabels the true class of each image
   * @param predicted the predicted class of each image
   * @param probabilities per image, one probability per class
   * @param classNames class names, index = label
   * @throws IllegalArgumentException if lengths differ or a label is not a class index
   */
  public static Predictions of(
      int[] trueLabels, int[] predicted, float[][] probabilities, List<String> classNames) {
    ConfusionMatrix cm = ConfusionMatrix.of(trueLabels, predicted, classNames);
    if (probabilities.length != trueLabels.length) {
      throw new IllegalArgumentException(
          trueLabels.length + " labels but " + probabilities.length + " probability rows");
    }
    float[][] copy = new float[probabilities.length][];
    for (int i = 0; i < probabilities.length; i++) {
      if (probabilities[i].length != classNames.size()) {
        throw new IllegalArgumentException(
            "probability row "
                + i
                + " has "
                + probabilities[i].length
                + " values, not one per class ("
                + classNames.size()
                + ")");
      }
      copy[i] = probabilities[i].clone();
    }
    return new Predictions(trueLabels.clone(), predicted.clone(), copy, cm);
  }

  /** The number of images. */
  public int size() {
    return trueLabels.length;
  }

  /** Class names, index = label. */
  public List<String> classNames() {
    return confusion.classNames();
  }

  /** The true label of image {@code i}. */
  public int trueLabel(int i) {
    return trueLabels[checkIndex(i)];
  }

  /** The predicted label of image {@code i} (the most probable class). */
  public int predicted(int i) {
    return predicted[checkIndex(i)];
  }

  /**
   * Image {@code i}'s softmax probabilities, one per class (a copy).
   *
   * <pre>{@code
   * float[] prob = p.probabilities(0);   // prob[p.predicted(0)] is the confidence
   * }</pre>
   */
  public float[] probabilities(int i) {
    return probabilities[checkIndex(i)].clone();
  }

  /** The share of correct predictions, 0-1. */
  public double accuracy() {
    return confusion.accuracy();
  }

  /** Indices of the correctly predicted images, in dataset order. */
  public int[] correct() {
    return IntStream.range(0, size()).filter(i -> trueLabels[i] == predicted[i]).toArray();
  }

  /** Indices of the wrongly predicted images, in dataset order. */
  public int[] wrong() {
    return IntStream.range(0, size()).filter(i -> trueLabels[i] != predicted[i]).toArray();
  }

  /**
   * Indices of the images of class {@code trueClass} predicted as {@code predictedClass}, in
   * dataset order (empty if there are none).
   *
   * <pre>{@code
   * int[] catsAsDogs = p.where(3, 5);
   * }</pre>
   */
  public int[] where(int trueClass, int predictedClass) {
    ConfusionMatrix.checkClass("trueClass", trueClass, classNames().size());
    ConfusionMatrix.checkClass("predictedClass", predictedClass, classNames().size());
    return IntStream.range(0, size())
        .filter(i -> trueLabels[i] == trueClass && predicted[i] == predictedClass)
        .toArray();
  }

  /**
   * The {@code k} most probable classes of image {@code i}, most probable first (ties: lower class
   * first), like {@code probs.topk(k)}.
   *
   * <pre>{@code
   * int[] top3 = p.topK(0, 3);
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code k} is not in 1 to the number of classes
   */
  public int[] topK(int i, int k) {
    float[] prob = probabilities[checkIndex(i)];
    if (k < 1 || k > prob.length) {
      throw new IllegalArgumentException("k must be in 1-" + prob.length + ", got " + k);
    }
    return IntStream.range(0, prob.length)
        .boxed()
        .sorted((a, b) -> Float.compare(prob[b], prob[a]))
        .limit(k)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * The confusion matrix of these predictions.
   *
   * <pre>{@code
   * p.confusionMatrix().topConfusedPairs(3)
   * }</pre>
   */
  public ConfusionMatrix confusionMatrix() {
    return confusion;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= size()) {
      throw new IllegalArgumentException("image index " + i + " is not in 0-" + (size() - 1));
    }
    return i;
  }

  @Override
  public String toString() {
    return "Predictions for " + size() + " images, accuracy " + String.format("%.4f", accuracy());
  }
}
