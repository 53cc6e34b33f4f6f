package kr.dlcourse.train;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.Cifar10Data;
import kr.dlcourse.models.Cifar10Models;
import kr.dlcourse.nn.PyTorchInit;
import kr.dlcourse.setup.Course;

/**
 * A model with its trainer and history, trained through {@link Checkpoints} (or loaded when the
 * same experiment was saved before). Closing it closes the trainer and the model; keep it with
 * {@code Cells.keep} so that rerunning the cell frees the previous one.
 *
 * <pre>{@code
 * Trained cnn = Cells.keep("cnnV1", Trained.cnnV1(data));   // notebook 02's CNN_V1, saved there
 * Block firstConv = Cifar10Models.firstConv(cnn.block());
 * }</pre>
 *
 * @param model the model, its block holding the trained weights
 * @param trainer the trainer that trained it (loss, optimizer)
 * @param history the training's history, saved or new
 */
public record Trained(Model model, Trainer trainer, History history) implements AutoCloseable {

  /** The input shape of the CIFAR-10 models: one 3×32×32 image. */
  private static final Shape CIFAR_INPUT = new Shape(1, 3, 32, 32);

  /**
   * Lesson 1's CNN_V1 exactly as notebook 02 trains it, so that notebooks 03 and 04 load the weights
   * 02 saved (checkpoint {@code lesson1_cnn_v1}): {@link Cifar10Models#cnnV1(int)} with PyTorch's
   * default initialization ({@link PyTorchInit}), cross-entropy loss, Adam with a fixed rate of
   * 1e-3, {@code data}'s training and validation loaders, 10 epochs (3 in quick mode). When nothing
   * of that experiment is saved, it trains here and saves.
   */
  public static Trained cnnV1(Cifar10Data data) {
    Block block = PyTorchInit.apply(Cifar10Models.cnnV1(10));
    Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
    return fit("lesson1_cnn_v1", block, adam, data.trainLoader(), data.valLoader(), Course.fullOrQuick(10, 3),
        FitOptions.named("CNN_V1"));
  }

  /**
   * Trains {@code block} on CIFAR-sized images (1 × 3 × 32 × 32) with cross-entropy loss and {@code
   * optimizer}, or loads what the same experiment saved under {@code checkpoint} ({@link
   * Checkpoints#fit}). The block is used as it is: apply {@link PyTorchInit} first for PyTorch's
   * initialization.
   *
   * @param checkpoint the checkpoint name, e.g. {@code "lesson1_cnn_v1"}
   * @param options the run's name (also the model's) and the rest of {@link Training#fit}'s options
   */
  public static Trained fit(String checkpoint, Block block, Optimizer optimizer, Batches train, Batches validation,
      int epochs, FitOptions options) {
    Model model = Model.newInstance(options.name());
    Trainer trainer = null;
    try {
      model.setBlock(block);
      trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer));
      trainer.initialize(CIFAR_INPUT);
      History history = Checkpoints.fit(checkpoint, trainer, train, validation, epochs, options);
      return new Trained(model, trainer, history);
    } catch (RuntimeException | Error e) {
      if (trainer != null) {
        trainer.close();
      }
      model.close();
      throw e;
    }
  }

  /** The trained block ({@code model.getBlock()}). */
  public Block block() {
    return model.getBlock();
  }

  /** Loss and accuracy on {@code batches}, in evaluation mode ({@link Training#evaluate}). */
  public Training.Pass evaluate(Batches batches) {
    return Training.evaluate(trainer, batches);
  }

  /** Closes the trainer, then the model. */
  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
