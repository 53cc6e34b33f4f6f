package kr.dlcourse.data;

import java.util.List;

/**
 * MNIST handwritten digits (28×28 grey, 60,000 train / 10,000 test) from the original IDX files,
 * found locally or downloaded from a list of mirrors (the original host is often down).
 *
 * <pre>{@code
 * ImageDataset train = Mnist.train();
 * train.classCounts()   // [5923, 6742, 5958, ...]
 * }</pre>
 */
public final class Mnist {

  public static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  static final IdxDataset.Spec SPEC =
      new IdxDataset.Spec(
          "MNIST",
          "mnist",
          List.of(
              "https://ossci-datasets.s3.amazonaws.com/mnist/",
              "https://storage.googleapis.com/cvdf-datasets/mnist/",
              "http://yann.lecun.com/exdb/mnist/"),
          List.of(),
          new IdxDataset.File("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
          new IdxDataset.File("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
          new IdxDataset.File("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
          new IdxDataset.File("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
          CLASSES,
          CLASSES);

  private Mnist() {}

  /** The 60,000 training digits. */
  public static ImageDataset train() {
    return IdxDataset.load(SPEC, true);
  }

  /** The 10,000 test digits. */
  public static ImageDataset test() {
    return IdxDataset.load(SPEC, false);
  }
}
