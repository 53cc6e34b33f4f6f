import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.FashionMnist;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.data.Mnist;
import kr.dlcourse.data.Normalization;
import kr.dlcourse.eval.Predictions;
import kr.dlcourse.models.FashionMnistModels;
import kr.dlcourse.models.MnistModels;
import kr.dlcourse.setup.Course;
import kr.dlcourse.train.FitOptions;
import kr.dlcourse.train.History;
import kr.dlcourse.train.Training;

/**
 * The Java side of bench/fashion-seeds.sh: one training of a lesson model with one seed, as the
 * notebook trains it in full mode, and one {@code RESULT ...} line.
 *
 * <pre>
 *   cnn SEED     notebook 08's ConvNet: all 60,000 Fashion-MNIST training images, ToTensor only,
 *                batches of 64 shuffled with the seed, Adam lr 0.001, 15 epochs, no validation;
 *                test accuracy on the 10,000 test images (batches of 1000, evaluation mode)
 *   mnist SEED   notebook 07's MLP 784-100-10: all 60,000 MNIST images, normalized with the mean
 *                and std of 1,000 samples, batches of 128, Adam lr 0.001, 3 epochs, the test set
 *                evaluated after each epoch (as the notebook's log does)
 * </pre>
 *
 * Both models come from the helper jar ({@code FashionMnistModels.convNet()}, {@code
 * MnistModels.mlp(100)}): the same layers as the notebooks' own definitions, PyTorch's default
 * initialization included. {@code Course.setup(SEED)} seeds PyTorch's, DJL's and the course's
 * generators (initial weights, dropout, shuffling).
 */
public class FashionSeeds {
  public static void main(String[] args) {
    if (args.length != 2 || !(args[0].equals("cnn") || args[0].equals("mnist"))) {
      System.err.println("usage: FashionSeeds cnn|mnist SEED");
      System.exit(2);
    }
    int seed = Integer.parseInt(args[1]);
    Course.setup(seed);
    if (Course.isQuick()) {
      System.err.println("FashionSeeds: COURSE_MODE is quick; the seed measurement needs full mode");
      System.exit(2);
    }
    boolean cnn = args[0].equals("cnn");
    ImageDataset train = cnn ? FashionMnist.train() : Mnist.train();
    ImageDataset test = cnn ? FashionMnist.test() : Mnist.test();
    Normalization norm = cnn ? Normalization.none(1) : train.statistics(1000);
    int batchSize = cnn ? 64 : 128;
    int epochs = cnn ? 15 : 3;
    Block block = cnn ? FashionMnistModels.convNet() : MnistModels.mlp(100);
    Batches trainBatches = train.batches(batchSize).shuffle(Course.seed()).normalize(norm);
    Batches testBatches = cnn ? null : test.batches(1000).normalize(norm);
    try (Model model = Model.newInstance(args[0])) {
      model.setBlock(block);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 1, 28, 28));
        String name = cnn ? "CNN (3-Block)" : "MNIST MLP";
        History h = Training.fit(trainer, trainBatches, testBatches, epochs, FitOptions.named(name));
        Predictions p = Predictions.of(model.getBlock(), test, norm, 1000);
        double[] seconds = h.epochs().stream().mapToDouble(e -> e.seconds()).toArray();
        double min = java.util.Arrays.stream(seconds).min().orElse(0);
        double max = java.util.Arrays.stream(seconds).max().orElse(0);
        System.out.printf(
            "RESULT model=%s seed=%d test_acc=%.2f s_per_epoch=%.1f s_epoch_min=%.1f s_epoch_max=%.1f epochs=%d final_cost=%.4f train_images=%d%n",
            args[0], seed, 100 * p.accuracy(), h.seconds() / h.size(), min, max, h.size(),
            h.last().orElseThrow().trainLoss(), train.size());
      }
    }
  }
}
