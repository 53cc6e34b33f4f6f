package kr.dlcourse.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (28×28 grey clothing images in 10 classes, 60,000 train / 10,000 test) from its
 * IDX files: found locally (also Debian's {@code dataset-fashion-mnist} package, under {@code
 * /usr/share/datasets/fashion-mnist}) or downloaded.
 *
 * <pre>{@code ImageDataset test = FashionMnist.test();}</pre>
 */
public final class FashionMnist {

  public static final List<String> CLASSES =
      List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  public static final List<String> CLASSES_KO =
      List.of("티셔츠/상의", "바지", "풀오버", "드레스", "코트", "샌들", "셔츠", "스니커즈", "가방", "앵클 부츠");

  /** Where Debian's dataset-fashion-mnist package puts the files. */
  public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  static final IdxDataset.Spec SPEC =
      new IdxDataset.Spec(
          "Fashion-MNIST",
          "fashion-mnist",
          List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
          List.of(DEBIAN_DIR),
          new IdxDataset.File("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
          new IdxDataset.File("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
          new IdxDataset.File("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
          new IdxDataset.File("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
          CLASSES,
          CLASSES_KO);

  private FashionMnist() {}

  /** The 60,000 training images. */
  public static ImageDataset train() {
    return IdxDataset.load(SPEC, true);
  }

  /** The 10,000 test images. */
  public static ImageDataset test() {
    return IdxDataset.load(SPEC, false);
  }
}
