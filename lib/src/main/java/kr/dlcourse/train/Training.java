package kr.dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.Batches;
import kr.dlcourse.nn.Internals;
import kr.dlcourse.nn.NativeHeap;
import kr.dlcourse.nn.OptimizerState;
import kr.dlcourse.notebook.ProgressBar;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.Numbers;
import kr.dlcourse.notebook.StoppedException;

/**
 * The lessons' training loop: {@code train_epoch} and {@code eval_epoch} as in lesson 1강, and
 * {@code fit} running them for some epochs with a live progress bar, an epoch log line, a {@link
 * History}, and optionally the best weights kept.
 *
 * <pre>{@code
 * try (Trainer trainer = model.newTrainer(config)) {
 *   trainer.initialize(new Shape(1, 3, 32, 32));
 *   History h = Training.fit(trainer, trainBatches, valBatches, 10, FitOptions.named("CNN_V1"));
 * }
 * }</pre>
 *
 * <p>Every array a step creates is attached to the batch's manager and freed with it.
 *
 * <p><b>Binary models.</b> A model with one output per sample (shape (N, 1) or (N)) is a binary
 * classifier, as the cats-vs-dogs lesson's {@code Linear(..., 1)}: the batches' int labels 0/1 are
 * given to the loss as float32 in the output's shape, and a sample counts as right when its
 * prediction rounds to its label. The loss says what the output is: {@code
 * Loss.sigmoidBinaryCrossEntropyLoss()} ({@code BCEWithLogitsLoss}) takes a logit x, predicted 1
 * when sigmoid(x) > 0.5, i.e. x > 0; {@code Loss.sigmoidBinaryCrossEntropyLoss("BCELoss", 1, true)}
 * ({@code BCELoss} after {@code nn.Sigmoid()}) takes a probability p, predicted 1 when p > 0.5 (any
 * other loss on one output is read the same way). For that second loss the course computes
 * PyTorch's {@code BCELoss}, -mean(y·log(p) + (1-y)·log(1-p)), itself: DJL 0.35.1's version of it
 * leaves out the minus sign, so training with it would make the model worse, not better. Models with
 * several outputs are classifiers over classes as before (argmax, int labels).
 *
 * <p>A stop request (■, Kernel → Interrupt) ends the loop between two batches with a {@link
 * StoppedException} that says where: the model keeps the weights of its last finished step, and
 * {@link #lastHistory()} holds the epochs finished so far.
 *
 * <p>{@code fit} on a trainer that already trained continues from its weights (as rerunning a
 * PyTorch training cell does), says so in one line, and numbers the epochs on: the history it
 * returns holds the earlier epochs too. A new model and trainer start afresh.
 */
public final class Training {

  /** Mean loss per image and accuracy over one pass. */
  public record Pass(double loss, double accuracy, long images) {}

  private static volatile History lastHistory;
  private static final Map<Trainer, History> PAST = Collections.synchronizedMap(new WeakHashMap<>());

  private Training() {}

  /**
   * The history of the latest {@link #fit}, also of one stopped before its end (then with the
   * epochs it finished), or null if none ran in this kernel.
   */
  public static History lastHistory() {
    return lastHistory;
  }
  /** What {@code trainer} has been trained for so far (fit or a loaded checkpoint), or null. */
  static History pastOf(Trainer trainer) {
    return PAST.get(trainer);
  }

  /** Records that {@code trainer}'s model holds the weights after {@code history}, so fit continues from it. */
  static void remember(Trainer trainer, History history) {
    PAST.put(trainer, history);
    lastHistory = history;
  }


  /**
   * One epoch of training: forward, loss, backward, step for every batch ({@code train_epoch}).
   *
   * @param progress receives (batches done, running loss, running accuracy) after each batch; may be null
   */
  public static Pass trainEpoch(Trainer trainer, Batches batches, StepListener progress) {
    try {
      return runEpoch(trainer, batches, progress);
    } finally {
      OptimizerState.ownBy(trainer); // freed with the trainer, not at some garbage collection
    }
  }

  private static Pass runEpoch(Trainer trainer, Batches batches, StepListener progress) {
    double lossSum = 0;
    double correct = 0;
    long images = 0;
    int done = 0;
    for (Batch b : batches) {
      NDArray out;
      NDArray loss;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        out = forwardForBackward(trainer, b.data());
        loss = loss(trainer, b, out);
        collector.backward(loss);
      }
      trainer.step();
      attach(b.manager(), out, loss);
      lossSum += loss.getFloat() * b.size();
      correct += mixedCorrect(trainer, b, out);
      images += b.size();
      done++;
      if (progress != null) {
        progress.onStep(done, lossSum / images, (double) correct / images);
      }
    }
    return new Pass(lossSum / Math.max(1, images), (double) correct / Math.max(1, images), images);
  }

  /**
   * A training forward pass that keeps only the output: the handles of the layers' intermediate
   * arrays are let go at once, so autograd alone holds what backward needs and frees each as backward
   * passes it, as PyTorch does when a forward's local variables go out of scope (DJL would hold them
   * all until the batch is closed). On lesson 000's CNN_V2 the measured peak moved within run-to-run
   * noise (docs/performance.md): the C allocator's fragmentation, not held arrays, set the peak.
   *
   * @param x the input, attached to a manager that outlives the step (the batch's)
   * @return the output, attached to the input's manager
   */
  public static NDArray forwardForBackward(Trainer trainer, NDList x) {
    NDManager owner = x.head().getManager();
    try (NDManager step = owner.newSubManager()) {
      step.tempAttachAll(x); // ops attach their results to their first input's manager
      NDArray out = trainer.forward(x).singletonOrThrow();
      out.attach(owner);
      return out;
    }
  }

  /** Loss and accuracy without training: dropout off, batch-norm statistics fixed ({@code eval_epoch}). */
  public static Pass evaluate(Trainer trainer, Batches batches) {
    double lossSum = 0;
    long correct = 0;
    long images = 0;
    for (Batch b : batches) {
      NDArray out = trainer.evaluate(b.data()).singletonOrThrow();
      NDArray loss = loss(trainer, b, out);
      attach(b.manager(), out, loss);
      lossSum += loss.getFloat() * b.size();
      correct += correct(trainer, b, out);
      images += b.size();
    }
    return new Pass(lossSum / Math.max(1, images), (double) correct / Math.max(1, images), images);
  }

  /** Receives progress within an epoch. */
  @FunctionalInterface
  public interface StepListener {
    void onStep(int batchesDone, double meanLoss, double accuracy);
  }

  /**
   * Trains for {@code epochs} epochs, validating after each, and prints the lesson's log line per
   * epoch under a live progress bar.
   *
   * @param trainer an initialized trainer (its loss and optimizer are used)
   * @param train training batches (shuffled, augmented as you configured them)
   * @param validation validation batches, or null to train only (as lesson 3편, which tests once at
   *     the end): the history's validation columns are then NaN
   * @param epochs how many passes
   * @param options name, best-weights keeping or early stopping, learning-rate schedule, a log line
   *     every n batches
   * @return the history of the run: with {@link FitOptions#earlyStopping(int)}, only the epochs that
   *     ran
   */
  public static History fit(Trainer trainer, Batches train, Batches validation, int epochs, FitOptions options) {
    if (epochs < 1) {
      throw CourseException.argument("에폭 수(epochs)는 1 이상이어야 합니다 (받은 값: " + epochs + "). 예: Training.fit(trainer, train, val, 5, FitOptions.named(\"CNN\"))");
    }
    if (validation == null && options.keepsBest()) {
      throw CourseException.argument("keepBest()는 검증 정확도로 최고 에폭을 고르므로 검증 배치가 필요합니다: fit의 검증 배치에 null 대신 valLoader를 넘기거나 keepBest()를 빼세요.");
    }
    if (validation == null && options.stopsEarly()) {
      throw CourseException.argument("earlyStopping(" + options.patience() + ")은 검증 손실을 보고 멈추므로 검증 배치가 필요합니다:"
          + " fit의 검증 배치에 null 대신 valLoader를 넘기거나 earlyStopping(...)을 빼세요.");
    }
    History before = PAST.get(trainer);
    List<EpochResult> results = new ArrayList<>(before == null ? List.of() : before.epochs());
    int offset = results.size();
    int total = offset + epochs;
    if (offset > 0) {
      System.out.println(String.format("이 모델은 이미 %d 에폭 학습했습니다: 지금 가중치에서 이어서 에폭 %d~%d를 학습합니다"
          + " (처음부터 하려면 모델을 만드는 셀부터 다시 실행하세요).", offset, offset + 1, total));
    }
    int perEpoch = train.count();
    int[] at = {1, 0}; // epoch running, batches finished in it
    Snapshot best = null;
    double bestAccuracy = -1;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    int worse = 0; // epochs since the validation loss last went down
    int stoppedAt = 0;
    lastHistory = History.of(options.name(), results);
    TimeEstimate warmUp = new TimeEstimate(train, validation, epochs);
    try (ProgressBar bar = ProgressBar.start(options.name() + " 학습", (long) epochs * perEpoch, "batches", 1)) {
      try {
        for (int epoch = offset + 1; epoch <= total; epoch++) {
          long start = System.nanoTime();
          final int e = epoch;
          at[0] = epoch;
          at[1] = 0;
          Pass trained =
              trainEpoch(
                  trainer,
                  train,
                  (done, loss, acc) -> {
                    at[1] = done;
                    if (e == offset + 1) {
                      warmUp.onBatch(done);
                    }
                    bar.update(
                        (long) (e - offset - 1) * perEpoch + done,
                        String.format(Locale.ROOT, "epoch %d/%d · loss %.3f · acc %.3f", e, total, loss, acc));
                    if (options.logEvery() > 0 && done % options.logEvery() == 0) {
                      System.out.println(String.format(Locale.ROOT, "Epoch [%d/%d], Batch [%d/%d]  Loss: %.4f, Train Acc: %.2f%%",
                          e, total, done, perEpoch, loss, 100 * acc)); // one write: the kernel streams each
                    }
                  });
          double seconds = (System.nanoTime() - start) / 1e9;
          Pass validated = validation == null ? new Pass(Double.NaN, Double.NaN, 0) : evaluate(trainer, validation);
          double lr = learningRate(options.learningRate(), epoch * perEpoch); // used in this epoch
          EpochResult result =
              new EpochResult(epoch, trained.loss(), trained.accuracy(), validated.loss(), validated.accuracy(), lr, seconds);
          results.add(result);
          lastHistory = History.of(options.name(), results);
          PAST.put(trainer, lastHistory);
          System.out.println(options.logsTestAccuracy() ? result.testLogLine() : result.logLine(total));
          if (options.keepsBest() && validated.accuracy() > bestAccuracy) {
            bestAccuracy = validated.accuracy();
            bestEpoch = epoch;
            if (best != null) {
              best.close();
            }
            best = Snapshot.of(trainer);
          }
          if (options.stopsEarly()) {
            if (validated.loss() < bestLoss) {
              bestLoss = validated.loss();
              bestEpoch = epoch;
              worse = 0;
              if (best != null) {
                best.close();
              }
              best = Snapshot.of(trainer);
            } else if (++worse >= options.patience() && epoch < total) {
              stoppedAt = epoch;
              break;
            }
          }
        }
      } catch (StoppedException stop) {
        if (best != null) {
          best.close();
        }
        String where =
            at[1] < perEpoch
                ? String.format("에폭 %d/%d, 배치 %d/%d에서", at[0], total, at[1], perEpoch)
                : String.format("에폭 %d/%d의 검증 중에", at[0], total);
        bar.stop(String.format("에폭 %d/%d · 배치 %d/%d", at[0], total, at[1], perEpoch));
        throw new StoppedException(
            options.name() + " 학습을 " + where + " 멈췄습니다. 모델은 마지막으로 끝난 배치까지 학습한 가중치를,"
                + " Training.lastHistory()는 끝난 에폭 " + results.size() + "개의 기록을 갖고 있습니다.");
      }
      History history = History.of(options.name(), results);
      if (options.stopsEarly()) {
        restoreLowestLoss(best, bestEpoch, bestLoss, stoppedAt, options.patience(), total);
      } else if (best != null) {
        best.restore();
        best.close();
        System.out.println(options.logsTestAccuracy()
            ? String.format(Locale.ROOT, "%n최고 테스트 정확도: %.2f%% (에폭 %d: 모델에 이 에폭의 가중치를 돌려놓았습니다)", 100 * bestAccuracy, bestEpoch)
            : String.format(Locale.ROOT, "best val_acc %.3f: the model now holds the weights of epoch %d", bestAccuracy, bestEpoch));
      }
      bar.finish(history.last().map(r -> options.logsTestAccuracy() ? r.testLogLine() : r.logLine(total)).orElse(""));
      return history;
    } finally {
      NativeHeap.trim(); // the epochs' activations were freed: give their pages back
    }
  }

  /**
   * Early stopping's end: says why it stopped (when it did) and puts back the weights of the epoch
   * with the lowest validation loss (when that was not the last one).
   */
  private static void restoreLowestLoss(Snapshot best, int bestEpoch, double bestLoss, int stoppedAt, int patience, int total) {
    try {
      String back = best == null ? "" : String.format(" 가장 좋았던 에폭 %d의 가중치로 돌려놓습니다.", bestEpoch);
      if (stoppedAt > 0) {
        System.out.println(String.format("검증 손실이 %d 에폭 동안 나아지지 않아 에폭 %d에서 멈춥니다.%s",
            patience, stoppedAt, best == null ? " 검증 손실이 한 번도 숫자가 아니어서(NaN) 가중치는 그대로 둡니다." : back));
      } else if (best != null && bestEpoch < total) {
        System.out.println(String.format("검증 손실이 가장 낮았던 에폭은 %d (검증 손실 %s)입니다.%s",
            bestEpoch, Numbers.human(bestLoss), back));
      }
      if (best != null && (stoppedAt > 0 || bestEpoch < total)) {
        best.restore();
      }
    } finally {
      if (best != null) {
        best.close();
      }
    }
  }

  private static double learningRate(Tracker tracker, int update) {
    return tracker == null ? Double.NaN : tracker.getNewValue(update);
  }

  /**
   * The mean loss of one batch as {@link #trainEpoch} and {@link #evaluate} compute it: the trainer's
   * loss on the batch's labels, as float32 (N, 1) labels for a model with one output (see the class
   * comment), with PyTorch's {@code BCELoss} for DJL's {@code fromSigmoid} loss. For a training loop
   * written out in a notebook.
   *
   * <pre>{@code
   * NDArray out = trainer.forward(b.data()).singletonOrThrow();
   * NDArray loss = Training.loss(trainer, b, out);   // then collector.backward(loss)
   * }</pre>
   *
   * @param trainer the trainer whose loss is used
   * @param batch the batch the output was computed from
   * @param output the model's output for the batch: (N, classes), or (N, 1) for a binary model
   * @return the mean loss per sample, a scalar
   */
  public static NDArray loss(Trainer trainer, Batch batch, NDArray output) {
    Head head = head(trainer, output);
    Loss loss = trainer.getLoss();
    if (head == Head.CLASSES) {
      NDArray own = loss.evaluate(batch.labels(), new NDList(output));
      if (!batch.isMixed()) {
        return own;
      }
      // lesson 39's mixup_criterion: lam * criterion(pred, y_a) + (1 - lam) * criterion(pred, y_b)
      NDArray partner = loss.evaluate(new NDList(batch.partnerLabels()), new NDList(output));
      float lam = (float) batch.lambda();
      return own.mul(lam).add(partner.mul(1 - lam));
    }
    NDArray labels = binaryLabels(batch, output);
    if (head == Head.PROBABILITY && loss instanceof SigmoidBinaryCrossEntropyLoss) {
      // PyTorch's BCELoss with DJL's epsilon; DJL 0.35.1 returns the negative of this
      float eps = 1e-12f;
      NDArray p = output;
      NDArray bce =
          labels.mul(p.add(eps).log())
              .add(labels.neg().add(1f).mul(p.neg().add(1f + eps).log()))
              .neg()
              .mean();
      Object weight = Internals.field(loss, "weight");
      return weight instanceof Float w && w != 1f ? bce.mul(w) : bce;
    }
    return loss.evaluate(new NDList(labels), new NDList(output));
  }

  /**
   * How many samples of the batch the output predicts right: the class with the highest score, or
   * for a model with one output, the prediction rounded (a logit above 0, a probability above 0.5)
   * equal to the label.
   *
   * <pre>{@code correct += Training.correct(trainer, b, out);}</pre>
   *
   * @param trainer the trainer whose loss tells a logit from a probability
   * @param batch the batch the output was computed from
   * @param output the model's output for the batch
   * @return the number of right predictions
   */
  public static long correct(Trainer trainer, Batch batch, NDArray output) {
    Head head = head(trainer, output);
    if (head == Head.CLASSES) {
      return output.argMax(1).eq(batch.y()).sum().getLong();
    }
    NDArray predicted = output.reshape(-1).gt(head == Head.LOGIT ? 0f : 0.5f);
    return predicted.eq(batch.y().eq(1)).sum().getLong();
  }

  /**
   * Right predictions of a batch that may be mixed (Mixup, CutMix): {@code lam·correct(y_a) +
   * (1-lam)·correct(y_b)}, the count the Mixup paper's reference loop reports; for an unmixed batch
   * the same as {@link #correct}.
   */
  public static double mixedCorrect(Trainer trainer, Batch batch, NDArray output) {
    long own = correct(trainer, batch, output);
    if (!batch.isMixed() || head(trainer, output) != Head.CLASSES) {
      return own;
    }
    long partner = output.argMax(1).eq(batch.partnerLabels()).sum().getLong();
    return batch.lambda() * own + (1 - batch.lambda()) * partner;
  }

  /** How outputs are read: class scores (argmax), or one output per sample, a logit or a probability. */
  private enum Head {
    CLASSES,
    LOGIT,
    PROBABILITY
  }

  private static Head head(Trainer trainer, NDArray output) {
    Shape s = output.getShape();
    boolean single = s.dimension() == 1 || (s.dimension() == 2 && s.get(1) == 1);
    Loss loss = trainer.getLoss();
    if (!single) {
      if (loss instanceof SigmoidBinaryCrossEntropyLoss) {
        throw CourseException.shape(
            "Loss.sigmoidBinaryCrossEntropyLoss는 출력이 하나인 이진 분류 모델에 씁니다 (모델 출력 모양: "
                + s
                + "). 이진 분류라면 마지막 층의 출력을 1개로 하세요 (예: Linear.builder().setUnits(1).build()),"
                + " 클래스가 여럿이면 Loss.softmaxCrossEntropyLoss()를 쓰세요.");
      }
      return Head.CLASSES;
    }
    if (loss instanceof SoftmaxCrossEntropyLoss) {
      throw CourseException.argument(
          "출력이 하나인 모델(이진 분류, 모양 "
              + s
              + ")에 Loss.softmaxCrossEntropyLoss()를 쓰면 손실이 늘 0이라 배우지 못합니다."
              + " 마지막 층이 로짓이면 Loss.sigmoidBinaryCrossEntropyLoss() (BCEWithLogitsLoss),"
              + " Sigmoid를 거친 확률이면 Loss.sigmoidBinaryCrossEntropyLoss(\"BCELoss\", 1, true) (BCELoss)를 쓰세요.");
    }
    if (loss instanceof SigmoidBinaryCrossEntropyLoss) {
      return Boolean.TRUE.equals(Internals.field(loss, "fromSigmoid")) ? Head.PROBABILITY : Head.LOGIT;
    }
    return Head.PROBABILITY;
  }

  /** The batch's labels 0/1 as float32 in the output's shape; a label above 1 is a mistake. */
  private static NDArray binaryLabels(Batch batch, NDArray output) {
    NDArray y = batch.y();
    long most = y.max().getLong();
    if (most > 1) {
      throw CourseException.argument(
          "출력이 하나인 이진 분류 모델인데 레이블에 2 이상의 값이 있습니다 (가장 큰 레이블: "
              + most
              + "). 이진 분류의 레이블은 0과 1입니다. 클래스가 여럿이면 마지막 층의 출력 수를 클래스 수로 하고"
              + " Loss.softmaxCrossEntropyLoss()를 쓰세요.");
    }
    return y.toType(DataType.FLOAT32, false).reshape(output.getShape());
  }

  private static void attach(NDManager manager, NDArray... arrays) {
    for (NDArray a : arrays) {
      a.attach(manager);
    }
  }

  /** A copy of every parameter's values, to restore the best epoch's weights. */
  private static final class Snapshot implements AutoCloseable {
    private final NDManager manager;
    private final List<Pair<Parameter, NDArray>> copies = new ArrayList<>();

    private Snapshot(NDManager manager) {
      this.manager = manager;
    }

    static Snapshot of(Trainer trainer) {
      Snapshot s = new Snapshot(trainer.getManager().newSubManager());
      for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
        NDArray copy = p.getValue().getArray().duplicate();
        copy.attach(s.manager);
        s.copies.add(new Pair<>(p.getValue(), copy));
      }
      return s;
    }

    void restore() {
      for (Pair<Parameter, NDArray> c : copies) {
        c.getKey().getArray().set(c.getValue().toByteBuffer());
      }
    }

    @Override
    public void close() {
      manager.close();
    }
  }
}
