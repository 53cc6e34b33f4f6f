package kr.dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.Numbers;

/**
 * Cross-entropy with label smoothing, PyTorch's {@code nn.CrossEntropyLoss(label_smoothing=ε)}
 * (DJL's {@code SoftmaxCrossEntropyLoss} has no such option). The target of a sample with label c
 * among K classes is no longer one-hot but
 *
 * <pre>{@code
 * target = (1 - ε)·onehot(c) + ε / K          (1 - ε + ε/K for class c, ε/K for the others)
 * loss   = mean over the batch of  -Σ_k target_k · log_softmax(logits)_k
 * }</pre>
 *
 * so the model is never pushed to make one logit infinitely larger than the rest. With ε = 0 it is
 * the plain cross-entropy, {@code Loss.softmaxCrossEntropyLoss()}.
 *
 * <pre>{@code
 * // criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
 * Loss criterion = new LabelSmoothingLoss(0.1f);
 * Trainer trainer = model.newTrainer(new DefaultTrainingConfig(criterion).optOptimizer(optimizer));
 * }</pre>
 *
 * <p>Labels are class indices (N), int64, as in {@code Batch.y()}; predictions are logits (N, K).
 */
public class LabelSmoothingLoss extends Loss {

  private final float smoothing;

  /**
   * @param smoothing ε, the share of the target spread evenly over all classes, in [0, 1); the
   *     lesson uses 0.1
   */
  public LabelSmoothingLoss(float smoothing) {
    this("LabelSmoothingLoss", smoothing);
  }

  /**
   * @param name the loss's name in DJL's training metrics
   * @param smoothing ε in [0, 1)
   */
  public LabelSmoothingLoss(String name, float smoothing) {
    super(name);
    if (!(smoothing >= 0 && smoothing < 1)) {
      throw CourseException.argument(
          "label smoothing 값 ε(smoothing)은 0 이상 1 미만이어야 합니다 (받은 값: "
              + Numbers.human(smoothing)
              + "). 정답 클래스에 1-ε, 모든 클래스에 ε/K를 나눠 주는 비율이며, 보통 0.1을 씁니다."
              + " 0이면 보통의 교차 엔트로피와 같습니다. 예: new LabelSmoothingLoss(0.1f)");
    }
    this.smoothing = smoothing;
  }

  /** ε, the share of the target spread over all classes. */
  public float smoothing() {
    return smoothing;
  }

  /**
   * The mean smoothed cross-entropy of the batch.
   *
   * @param label class indices (N), int64
   * @param prediction logits (N, K)
   * @return a scalar
   */
  @Override
  public NDArray evaluate(NDList label, NDList prediction) {
    NDArray logits = prediction.singletonOrThrow();
    NDArray labels = label.singletonOrThrow();
    if (logits.getShape().dimension() != 2 || labels.getShape().size() != logits.getShape().get(0)) {
      throw CourseException.shape(
          "LabelSmoothingLoss는 로짓 (N, K)과 클래스 번호 레이블 (N)을 받습니다 (받은 모양: 로짓 "
              + logits.getShape()
              + ", 레이블 "
              + labels.getShape()
              + "). 모델의 마지막 층이 클래스 수만큼 출력하는지 확인하세요.");
    }
    int classes = (int) logits.getShape().get(1);
    NDArray logProbs = logits.logSoftmax(1);
    NDArray target =
        labels.reshape(-1).oneHot(classes, logProbs.getDataType()).mul(1 - smoothing).add(smoothing / classes);
    return logProbs.mul(target).sum(new int[] {1}).neg().mean();
  }

  @Override
  public String toString() {
    return "LabelSmoothingLoss(smoothing=" + Numbers.human(smoothing) + ")";
  }
}
