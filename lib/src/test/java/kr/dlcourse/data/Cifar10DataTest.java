package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

class Cifar10DataTest {

  /** 300 random 3×32×32 images; image i's first byte is i % 256 and its label i % 10. */
  private static ImageDataset images(String name, int n, long seed) {
    byte[] pixels = new byte[n * 3072];
    new Random(seed).nextBytes(pixels);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
    }
    return ImageDataset.of(name, pixels, labels, new Shape(3, 32, 32), Cifar10.CLASSES, Cifar10.CLASSES_KO);
  }

  @Test
  void splitsEightyTwentyWithTheCourseSeedAndNormalizesLikeNotebook01() {
    Course.setup();
    ImageDataset train = images("train", 300, 1);
    ImageDataset test = images("test", 140, 2);
    Cifar10Data data = Cifar10Data.prepare(train, test);

    // sizes and split: int(300 * 0.2) = 60 for validation, as random_split; the same as notebook 01's split
    assertEquals(240, data.trainSet().size());
    assertEquals(60, data.valSet().size());
    assertEquals(140, data.testSet().size());
    ImageDataset.Split expected = train.split(0.2, Course.seed());
    assertArrayEquals(expected.train().labels(), data.trainSet().labels());
    assertArrayEquals(expected.validation().pixelArray(), data.valSet().pixelArray());
    assertEquals(Cifar10.CLASSES, data.classNames());
    assertEquals("Train/Val/Test sizes: 240 60 140  (train)", data.toString());

    // loaders: batches of 128, normalized with CIFAR-10's mean and std; validation and test in order
    assertEquals(2, data.trainLoader().count());
    assertEquals(1, data.valLoader().count());
    assertEquals(2, data.testLoader().count());
    try (Batch b = data.valLoader().first()) {
      assertEquals(new Shape(60, 3, 32, 32), b.x().getShape());
      assertArrayEquals(data.valSet().labels(), toInts(b.y().toLongArray()));
      float[] x = b.x().toFloatArray();
      byte[] raw = data.valSet().pixels(0);
      float[] mean = Normalization.CIFAR10.mean();
      float[] std = Normalization.CIFAR10.std();
      for (int c = 0; c < 3; c++) {
        int k = c * 1024 + 5;
        float expectedValue = ((raw[k] & 0xff) / 255f - mean[c]) / std[c];
        assertEquals(expectedValue, x[k], 1e-5, "channel " + c);
      }
    }
    // the training loader is shuffled: its first batch is not the first 128 training images in order
    try (Batch b = data.trainLoader().first()) {
      assertEquals(128, b.size());
      int[] indices = b.indices();
      Set<Integer> distinct = new HashSet<>();
      boolean shuffled = false;
      for (int i = 0; i < indices.length; i++) {
        distinct.add(indices[i]);
        shuffled |= indices[i] != i;
      }
      assertTrue(shuffled, "the training batches keep the dataset's order");
      assertEquals(128, distinct.size());
    }
  }

  private static int[] toInts(long[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (int) values[i];
    }
    return out;
  }
}
