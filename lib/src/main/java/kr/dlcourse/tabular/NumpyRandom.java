package kr.dlcourse.tabular;

/**
 * numpy's legacy {@code np.random.RandomState(seed)}: the MT19937 generator seeded as numpy seeds
 * it, with the two draws scikit-learn's splits use ({@code permutation}, and {@code choice} without
 * replacement). The same seed gives the same numbers as numpy, so a split can pick the same rows as
 * scikit-learn's {@code random_state}.
 */
final class NumpyRandom {

  private static final int N = 624;
  private static final int M = 397;

  private final int[] mt = new int[N];
  private int index;

  /** {@code RandomState(seed)}, seed between 0 and 2^32 - 1 ({@code init_genrand}). */
  NumpyRandom(long seed) {
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  /** The next 32 random bits ({@code genrand_int32}), as an unsigned value. */
  long nextUint32() {
    if (index >= N) {
      for (int k = 0; k < N; k++) {
        int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  /** numpy's {@code random_interval(max)}: uniform in 0 … max by masked rejection. */
  int interval(int max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value;
    do {
      value = nextUint32() & mask;
    } while (value > max);
    return (int) value;
  }

  /** {@code rng.shuffle(values)} in place, for a 1-D array. */
  void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = interval(i);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  /** {@code rng.permutation(n)}. */
  int[] permutation(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    shuffle(order);
    return order;
  }

  /** {@code rng.choice(values, size, replace=False)}. */
  int[] choice(int[] values, int size) {
    int[] order = permutation(values.length);
    int[] picked = new int[size];
    for (int i = 0; i < size; i++) {
      picked[i] = values[order[i]];
    }
    return picked;
  }
}
