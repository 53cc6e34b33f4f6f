package kr.dlcourse.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A generated archive in the exact CIFAR-10 binary format ({@code cifar-10-batches-bin/} with
 * {@code data_batch_1..5.bin}, {@code test_batch.bin} and {@code batches.meta.txt}), for tests and
 * for running the lessons where real CIFAR-10 cannot be downloaded. It is learnable: each class is
 * one combination of a shape (disc, square, bar, column, diagonal) and a colour family, drawn at a
 * random place and size over a noisy background, so a small CNN quickly scores far above chance.
 */
public final class SyntheticCifar {

  /** Images per class in the stand-in that {@code COURSE_SYNTHETIC_DATA=1} uses. */
  public static final int TRAIN_PER_CLASS = 500;
  public static final int TEST_PER_CLASS = 100;
  public static final long SEED = 42;

  private SyntheticCifar() {}

  /** The cached stand-in archive (made on first use) as a {@link Cifar10.Source}. */
  static synchronized Cifar10.Source source() {
    byte[] archive = archive(TRAIN_PER_CLASS, TEST_PER_CLASS, SEED);
    String md5 = md5(archive);
    Path dir = DataLocations.cacheDir("cifar-10-synthetic");
    Path file = dir.resolve(Cifar10.OFFICIAL.fileName());
    try {
      if (!Files.isRegularFile(file) || !Checksums.md5(file).equals(md5)) {
        Download.prepare(dir);
        Path part = dir.resolve(file.getFileName() + ".part");
        Files.write(part, archive);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new DatasetException(
          "합성 CIFAR-10 압축 파일을 "
              + dir
              + "에 쓸 수 없습니다 ("
              + Download.describe(e)
              + "). "
              + DataLocations.CACHE_DIR_ENV
              + "를 쓸 수 있는 폴더로 설정하고 (예: export "
              + DataLocations.CACHE_DIR_ENV
              + "=$HOME/dlcourse-data) 커널을 다시 시작하세요.",
          e);
    }
    return new Cifar10.Source(
        "CIFAR-10 (synthetic stand-in)", "cifar-10-synthetic", Cifar10.OFFICIAL.fileName(), List.of(), md5);
  }

  /**
   * Writes an archive and returns its MD5.
   *
   * @param file where to write it
   * @param trainPerClass training images per class (spread over the five data batches)
   * @param testPerClass test images per class
   * @param seed the random seed; the same arguments give the same bytes
   */
  public static String writeArchive(Path file, int trainPerClass, int testPerClass, long seed)
      throws IOException {
    byte[] archive = archive(trainPerClass, testPerClass, seed);
    Files.write(file, archive);
    return md5(archive);
  }

  /** The archive's bytes. */
  public static byte[] archive(int trainPerClass, int testPerClass, long seed) {
    Random random = new Random(seed);
    byte[][] batches = new byte[5][];
    int trainTotal = trainPerClass * 10;
    byte[] train = records(trainTotal, random);
    for (int b = 0; b < 5; b++) {
      int from = b * trainTotal / 5;
      int to = (b + 1) * trainTotal / 5;
      batches[b] = java.util.Arrays.copyOfRange(train, from * Cifar10.RECORD, to * Cifar10.RECORD);
    }
    byte[] test = records(testPerClass * 10, random);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      put(tar, "batches.meta.txt", (String.join("\n", Cifar10.CLASSES) + "\n\n").getBytes(StandardCharsets.US_ASCII));
      for (int b = 0; b < 5; b++) {
        put(tar, "data_batch_" + (b + 1) + ".bin", batches[b]);
      }
      put(tar, "test_batch.bin", test);
      put(tar, "readme.html", "Synthetic stand-in for CIFAR-10, made by kr.dlcourse.data.SyntheticCifar.\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(Cifar10.FOLDER + name);
    entry.setSize(content.length);
    entry.setModTime(0); // the same arguments give the same bytes
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** {@code n} records, classes in turn (0, 1, ..., 9, 0, ...), label byte then R, G, B planes. */
  static byte[] records(int n, Random random) {
    byte[] out = new byte[n * Cifar10.RECORD];
    float[][] palette = {
      {0.9f, 0.2f, 0.2f}, {0.2f, 0.4f, 0.95f}, {0.2f, 0.85f, 0.3f}, {0.95f, 0.85f, 0.2f}, {0.85f, 0.3f, 0.9f},
    };
    for (int i = 0; i < n; i++) {
      int label = i % 10;
      int shape = label % 5;
      float[] colour = palette[(label + label / 5 * 2) % 5];
      float tint = random.nextFloat() * 0.3f + 0.2f;
      int cx = 10 + random.nextInt(13);
      int cy = 10 + random.nextInt(13);
      int r = 5 + random.nextInt(5);
      int base = i * Cifar10.RECORD;
      out[base] = (byte) label;
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          boolean inside = inside(shape, x - cx, y - cy, r);
          for (int c = 0; c < 3; c++) {
            float v = inside ? colour[c] : tint;
            v += (float) random.nextGaussian() * 0.08f;
            int value = Math.max(0, Math.min(255, Math.round(v * 255)));
            out[base + 1 + c * 1024 + y * 32 + x] = (byte) value;
          }
        }
      }
    }
    return out;
  }

  private static boolean inside(int shape, int dx, int dy, int r) {
    switch (shape) {
      case 0:
        return dx * dx + dy * dy <= r * r; // disc
      case 1:
        return Math.abs(dx) <= r && Math.abs(dy) <= r; // square
      case 2:
        return Math.abs(dy) <= 2 && Math.abs(dx) <= r + 4; // bar
      case 3:
        return Math.abs(dx) <= 2 && Math.abs(dy) <= r + 4; // column
      default:
        return Math.abs(dx - dy) <= 2 && Math.abs(dx) <= r; // diagonal
    }
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
