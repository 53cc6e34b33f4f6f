package kr.dlcourse.tabular;

import java.util.Arrays;
import java.util.Random;

/** Fisher-Yates shuffles shared by the splits and loaders of this package. */
final class Permutations {

  private Permutations() {}

  /** 0 … n-1 in an order drawn from {@code random}. */
  static int[] of(int n, Random random) {
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    shuffle(order, random);
    return order;
  }

  /** Shuffles {@code values} in place. */
  static void shuffle(int[] values, Random random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
