package kr.dlcourse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
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
import kr.dlcourse.nn.NativeHeap;
import kr.dlcourse.nn.OptimizerState;
import kr.dlcourse.notebook.ProgressBar;
import kr.dlcourse.notebook.CourseException;
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
    long correct = 0;
    long images = 0;
    int done = 0;
    for (Batch b : batches) {
      NDArray out;
      NDArray loss;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        out = trainer.forward(b.data()).singletonOrThrow();
        loss = trainer.getLoss().evaluate(b.labels(), new NDList(out));
        collector.backward(loss);
      }
      trainer.step();
      attach(b.manager(), out, loss);
      lossSum += loss.getFloat() * b.size();
      correct += correct(out, b.y());
      images += b.size();
      done++;
      if (progress != null) {
        progress.onStep(done, lossSum / images, (double) correct / images);
      }
    }
    return new Pass(lossSum / Math.max(1, images), (double) correct / Math.max(1, images), images);
  }

  /** Loss and accuracy without training: dropout off, batch-norm statistics fixed ({@code eval_epoch}). */
  public static Pass evaluate(Trainer trainer, Batches batches) {
    double lossSum = 0;
    long correct = 0;
    long images = 0;
    for (Batch b : batches) {
      NDArray out = trainer.evaluate(b.data()).singletonOrThrow();
      NDArray loss = trainer.getLoss().evaluate(b.labels(), new NDList(out));
      attach(b.manager(), out, loss);
      lossSum += loss.getFloat() * b.size();
      correct += correct(out, b.y());
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
   * @param options name, best-weights keeping, learning-rate schedule, a log line every n batches
   * @return the history of the run
   */
  public static History fit(Trainer trainer, Batches train, Batches validation, int epochs, FitOptions options) {
    if (epochs < 1) {
      throw CourseException.argument("에폭 수(epochs)는 1 이상이어야 합니다 (받은 값: " + epochs + "). 예: Training.fit(trainer, train, val, 5, FitOptions.named(\"CNN\"))");
    }
    if (validation == null && options.keepsBest()) {
      throw CourseException.argument("keepBest()는 검증 정확도로 최고 에폭을 고르므로 검증 배치가 필요합니다: fit의 검증 배치에 null 대신 valLoader를 넘기거나 keepBest()를 빼세요.");
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
    int bestEpoch = 0;
    lastHistory = History.of(options.name(), results);
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
          System.out.println(result.logLine(total));
          if (options.keepsBest() && validated.accuracy() > bestAccuracy) {
            bestAccuracy = validated.accuracy();
            bestEpoch = epoch;
            if (best != null) {
              best.close();
            }
            best = Snapshot.of(trainer);
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
      if (best != null) {
        best.restore();
        best.close();
        System.out.println(String.format(Locale.ROOT, "best val_acc %.3f: the model now holds the weights of epoch %d",
            bestAccuracy, bestEpoch));
      }
      bar.finish(history.last().map(r -> r.logLine(total)).orElse(""));
      return history;
    } finally {
      NativeHeap.trim(); // the epochs' activations were freed: give their pages back
    }
  }

  private static double learningRate(Tracker tracker, int update) {
    return tracker == null ? Double.NaN : tracker.getNewValue(update);
  }

  private static long correct(NDArray out, NDArray labels) {
    return out.argMax(1).eq(labels).sum().getLong();
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
