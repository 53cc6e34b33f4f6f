package kr.dlcourse.data;

import java.util.List;
import kr.dlcourse.setup.Course;

/**
 * Lesson 1강's data preparation in one call, exactly what notebook 01 shows step by step: the
 * CIFAR-10 training set split 80 % / 20 % into training and validation with the course seed
 * ({@code random_split}), and three loaders of 128 images normalized with the CIFAR-10 mean and
 * standard deviation ({@code Normalize}); only the training loader is shuffled, with the course
 * seed. Nothing is augmented: notebook 05 adds its augmentation to {@link #trainSet()} itself.
 *
 * <pre>{@code
 * Cifar10Data data = Cifar10Data.prepare();   // notebooks 02-06
 * Batches trainLoader = data.trainLoader(), valLoader = data.valLoader(), testLoader = data.testLoader();
 * }</pre>
 *
 * <p>In quick mode ({@code COURSE_MODE=quick}) the training set is a class-balanced sample of
 * {@value #QUICK_TRAIN} images and the test set of {@value #QUICK_TEST}, as in notebooks 02-06.
 *
 * @param trainFull the whole training set before the split ({@code train_full})
 * @param trainSet its 80 % training part ({@code train_set})
 * @param valSet its 20 % validation part ({@code val_set})
 * @param testSet the test set ({@code test_set})
 * @param trainLoader {@code DataLoader(train_set, batch_size=128, shuffle=True)}, normalized
 * @param valLoader {@code DataLoader(val_set, batch_size=128, shuffle=False)}, normalized
 * @param testLoader {@code DataLoader(test_set, batch_size=128, shuffle=False)}, normalized
 */
public record Cifar10Data(
    ImageDataset trainFull,
    ImageDataset trainSet,
    ImageDataset valSet,
    ImageDataset testSet,
    Batches trainLoader,
    Batches valLoader,
    Batches testLoader) {

  /** Images per batch, as in the lesson's loaders. */
  public static final int BATCH_SIZE = 128;
  /** The validation fraction of the split ({@code val_ratio}). */
  public static final double VALIDATION_FRACTION = 0.2;
  /** Training images kept in quick mode. */
  public static final int QUICK_TRAIN = 3000;
  /** Test images kept in quick mode. */
  public static final int QUICK_TEST = 1000;

  /** CIFAR-10 (downloaded and verified on first use, see {@link Cifar10}) prepared as in notebook 01. */
  public static Cifar10Data prepare() {
    return prepare(Cifar10.train().forMode(QUICK_TRAIN), Cifar10.test().forMode(QUICK_TEST));
  }

  /**
   * {@code trainFull} and {@code testSet} prepared as in notebook 01: split 80/20 with the course
   * seed, batches of 128, CIFAR-10 normalization, the training loader shuffled with the course seed.
   */
  public static Cifar10Data prepare(ImageDataset trainFull, ImageDataset testSet) {
    ImageDataset.Split parts = trainFull.split(VALIDATION_FRACTION, Course.seed());
    ImageDataset trainSet = parts.train();
    ImageDataset valSet = parts.validation();
    return new Cifar10Data(
        trainFull,
        trainSet,
        valSet,
        testSet,
        trainSet.batches(BATCH_SIZE).shuffle(Course.seed()).normalize(Normalization.CIFAR10),
        valSet.batches(BATCH_SIZE).normalize(Normalization.CIFAR10),
        testSet.batches(BATCH_SIZE).normalize(Normalization.CIFAR10));
  }

  /** The class names, label order ({@code train_full.classes}). */
  public List<String> classNames() {
    return trainFull.classNames();
  }

  /** The lesson's size line: {@code Train/Val/Test sizes: 40000 10000 10000  (CIFAR-10 train)}. */
  @Override
  public String toString() {
    return "Train/Val/Test sizes: " + trainSet.size() + " " + valSet.size() + " " + testSet.size()
        + "  (" + trainFull.name() + ")";
  }
}
