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
import kr.dlcourse.notebook.CourseException;

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
   * @throws CourseException if the output does not have one logit per class, or the normalization
   *     or batch size does not fit
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
          throw CourseException.shape(
              "모델의 출력 모양 "
                  + logits.getShape()
                  + "이(가) 이미지 "
                  + batch.size()
                  + "장에 대해 한 장마다 클래스 "
                  + k
                  + "개의 점수(logit)를 내는 ("
                  + batch.size()
                  + ", "
                  + k
                  + ")가 아닙니다. 마지막 Linear 층의 출력 수를 클래스 수에 맞추세요. 예: Linear.builder().setUnits("
                  + k
                  + ").build()");
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
   * @throws CourseException if lengths differ or a label is not a class index
   */
  public static Predictions of(
      int[] trueLabels, int[] predicted, float[][] probabilities, List<String> classNames) {
    ConfusionMatrix cm = ConfusionMatrix.of(trueLabels, predicted, classNames);
    if (probabilities.length != trueLabels.length) {
      throw CourseException.argument(
          "레이블은 "
              + trueLabels.length
              + "개인데 확률은 "
              + probabilities.length
              + "줄입니다. 이미지마다 확률 한 줄을 같은 순서로 넘기세요.");
    }
    float[][] copy = new float[probabilities.length][];
    for (int i = 0; i < probabilities.length; i++) {
      if (probabilities[i].length != classNames.size()) {
        throw CourseException.argument(
            i
                + "번 이미지의 확률이 "
                + probabilities[i].length
                + "개인데, 클래스마다 하나씩 "
                + classNames.size()
                + "개여야 합니다.");
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
    ConfusionMatrix.checkClass("정답 클래스(trueClass)", trueClass, classNames().size());
    ConfusionMatrix.checkClass("예측 클래스(predictedClass)", predictedClass, classNames().size());
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
   * @throws CourseException if {@code k} is not in 1 to the number of classes
   */
  public int[] topK(int i, int k) {
    float[] prob = probabilities[checkIndex(i)];
    if (k < 1 || k > prob.length) {
      throw CourseException.argument(
          "topK의 k는 1~"
              + prob.length
              + " (클래스 수) 사이여야 합니다 (받은 값: "
              + k
              + "). 예: p.topK("
              + i
              + ", 3)");
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
      throw CourseException.argument(
          "이미지 번호 "
              + i
              + "이(가) 범위 밖입니다: 예측이 "
              + size()
              + "장에 대한 것이므로 0~"
              + (size() - 1)
              + "이어야 합니다.");
    }
    return i;
  }

  @Override
  public String toString() {
    return "Predictions for " + size() + " images, accuracy " + String.format("%.4f", accuracy());
  }
}
