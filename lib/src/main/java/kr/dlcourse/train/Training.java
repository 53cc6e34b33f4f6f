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
import java.util.List;
import java.util.Locale;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.Batches;
import kr.dlcourse.notebook.ProgressBar;

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
 */
public final class Training {

  /** Mean loss per image and accuracy over one pass. */
  public record Pass(double loss, double accuracy, long images) {}

  private Training() {}

  /**
   * One epoch of training: forward, loss, backward, step for every batch ({@code train_epoch}).
   *
   * @param progress receives (batches done, running loss, running accuracy) after each batch; may be null
   */
  public static Pass trainEpoch(Trainer trainer, Batches batches, StepListener progress) {
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
      throw new IllegalArgumentException("epochs must be 1 or more, got " + epochs);
    }
    if (validation == null && options.keepsBest()) {
      throw new IllegalArgumentException("keepBest() needs validation batches to pick the best epoch");
    }
    List<EpochResult> results = new ArrayList<>();
    int perEpoch = train.count();
    Snapshot best = null;
    double bestAccuracy = -1;
    try (ProgressBar bar = ProgressBar.start(options.name() + " 학습", (long) epochs * perEpoch, "batches", 1)) {
      for (int epoch = 1; epoch <= epochs; epoch++) {
        long start = System.nanoTime();
        final int e = epoch;
        Pass trained =
            trainEpoch(
                trainer,
                train,
                (done, loss, acc) -> {
                  bar.update(
                      (long) (e - 1) * perEpoch + done,
                      String.format(Locale.ROOT, "epoch %d/%d · loss %.3f · acc %.3f", e, epochs, loss, acc));
                  if (options.logEvery() > 0 && done % options.logEvery() == 0) {
                    System.out.println(String.format(Locale.ROOT, "Epoch [%d/%d], Batch [%d/%d]  Loss: %.4f, Train Acc: %.2f%%",
                        e, epochs, done, perEpoch, loss, 100 * acc)); // one write: the kernel streams each
                  }
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        Pass validated = validation == null ? new Pass(Double.NaN, Double.NaN, 0) : evaluate(trainer, validation);
        double lr = learningRate(options.learningRate(), epoch * perEpoch); // used in this epoch
        EpochResult result =
            new EpochResult(epoch, trained.loss(), trained.accuracy(), validated.loss(), validated.accuracy(), lr, seconds);
        results.add(result);
        System.out.println(result.logLine(epochs));
        if (options.keepsBest() && validated.accuracy() > bestAccuracy) {
          bestAccuracy = validated.accuracy();
          if (best != null) {
            best.close();
          }
          best = Snapshot.of(trainer);
        }
      }
      History history = History.of(options.name(), results);
      if (best != null) {
        best.restore();
        best.close();
        System.out.println(String.format(Locale.ROOT, "best val_acc %.3f: the model now holds the weights of epoch %d",
            bestAccuracy, history.best().orElseThrow().epoch()));
      }
      bar.finish(history.last().map(r -> r.logLine(epochs)).orElse(""));
      return history;
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
