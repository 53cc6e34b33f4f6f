package kr.dlcourse.data;

import kr.dlcourse.notebook.Numbers;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import kr.dlcourse.notebook.StoppedException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * CIFAR-10 (60,000 colour images of 32×32 in 10 classes) from the official binary archive,
 * downloaded once into the cache and verified by its published MD5.
 *
 * <pre>{@code
 * ImageDataset train = Cifar10.train();   // 50,000 images
 * ImageDataset test = Cifar10.test();     // 10,000 images
 * }</pre>
 *
 * <p>With {@code COURSE_SYNTHETIC_DATA=1} (tests, CI) a generated archive in the same binary format
 * stands in for the real one: see {@link SyntheticCifar}. Its sets are named so.
 */
public final class Cifar10 {

  public static final List<String> CLASSES =
      List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  public static final List<String> CLASSES_KO =
      List.of("비행기", "자동차", "새", "고양이", "사슴", "개", "개구리", "말", "배", "트럭");

  /** The official archive. */
  public static final Source OFFICIAL =
      new Source(
          "CIFAR-10",
          "cifar-10",
          "cifar-10-binary.tar.gz",
          List.of("https://www.cs.toronto.edu/~kriz/"),
          "c32a1d4ab5d03f1284b67883e8d87530");

  /** The official archive's size in bytes, checked before its MD5 so a cut-off copy says so. */
  static final long OFFICIAL_SIZE = 170_052_171L;

  /** Environment variable that switches to the generated stand-in ({@code 1} or {@code true}). */
  public static final String SYNTHETIC_ENV = "COURSE_SYNTHETIC_DATA";

  static final int RECORD = 1 + 3 * 32 * 32;
  static final String FOLDER = "cifar-10-batches-bin/";

  /**
   * Where an archive comes from and how it is checked.
   *
   * @param title shown in dataset names, e.g. "CIFAR-10"
   * @param folder the cache folder name
   * @param fileName the archive's file name
   * @param baseUrls download addresses (the file name is appended)
   * @param md5 the archive's MD5
   */
  public record Source(String title, String folder, String fileName, List<String> baseUrls, String md5) {}

  /** Train and test set of one archive. */
  public record Sets(ImageDataset train, ImageDataset test) {}

  private static SoftReference<Loaded> last = new SoftReference<>(null);

  private record Loaded(Path file, long size, long modified, Sets sets) {}

  private Cifar10() {}

  /** The 50,000 training images. */
  public static ImageDataset train() {
    return load().train();
  }

  /** The 10,000 test images. */
  public static ImageDataset test() {
    return load().test();
  }

  /** Both sets, from the official archive (or the synthetic one, see class doc). */
  public static Sets load() {
    return load(isSynthetic() ? SyntheticCifar.source() : OFFICIAL);
  }

  static boolean isSynthetic() {
    String env = System.getenv(SYNTHETIC_ENV);
    return env != null && (env.equals("1") || env.equalsIgnoreCase("true"));
  }

  /**
   * Both sets of an archive: found in the data folders or the cache, else downloaded.
   *
   * @param source where the archive comes from
   */
  public static Sets load(Source source) {
    List<Path> dirs = DataLocations.searchPath(source.folder());
    Path file =
        DataLocations.find(dirs, List.of(source.fileName()))
            .orElseGet(
                () ->
                    Download.fetch(
                        DataLocations.cacheDir(source.folder()),
                        source.fileName(),
                        Download.addresses(source.fileName(), source.baseUrls()),
                        f -> problem(f, source),
                        source.baseUrls().isEmpty()
                            ? ""
                            : "원래 주소: " + source.baseUrls().get(0) + source.fileName() + "."));
    return read(file, source);
  }

  /**
   * What is wrong with an archive, as {@link Download.Check} says it, or null if it is right: its
   * length first (the official archive's size; a gzip stream that ends early), then its MD5.
   */
  static String problem(Path file, Source source) throws IOException {
    String size = sizeProblem(file, source);
    if (size != null) {
      return size;
    }
    MessageDigest md5 = newMd5();
    try (DigestInputStream digesting = new DigestInputStream(Files.newInputStream(file), md5)) {
      try (InputStream gzip = new GZIPInputStream(digesting, 1 << 16)) {
        gzip.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (EOFException e) {
        return truncated(file);
      } catch (ZipException e) {
        return "손상되었거나 gzip 압축 파일이 아닙니다 (" + e.getMessage() + ")";
      }
    }
    String actual = HexFormat.of().formatHex(md5.digest());
    return actual.equals(source.md5()) ? null : checksumProblem(actual, source);
  }

  /** The official archive is exactly {@link #OFFICIAL_SIZE} bytes; other sources are not checked. */
  private static String sizeProblem(Path file, Source source) throws IOException {
    if (!source.md5().equals(OFFICIAL.md5())) {
      return null;
    }
    long size = Files.size(file);
    if (size < OFFICIAL_SIZE) {
      return "잘렸습니다 (원본은 " + Numbers.bytes(OFFICIAL_SIZE) + "인데 " + Numbers.bytes(size) + "뿐입니다)";
    }
    if (size > OFFICIAL_SIZE) {
      return "손상되었거나 다른 파일입니다 (원본은 " + Numbers.bytes(OFFICIAL_SIZE) + "인데 " + Numbers.bytes(size) + "입니다)";
    }
    return null;
  }

  private static String truncated(Path file) {
    String size;
    try {
      size = Numbers.bytes(Files.size(file));
    } catch (IOException e) {
      size = "알 수 없음";
    }
    return "잘렸습니다 (gzip 압축이 중간에 끝납니다: 파일 크기 " + size + ")";
  }

  private static String checksumProblem(String actual, Source source) {
    return "손상되었거나 다른 파일입니다 (MD5가 " + actual + "로, 예상한 " + source.md5() + "와 다릅니다)";
  }

  /**
   * Reads an archive file you already have (a copy on a USB stick, a benchmark's file), checked
   * against {@code source}'s MD5. {@link #load()} finds the usual one for you.
   */
  public static Sets loadFile(Path file, Source source) {
    return read(file, source);
  }

  /**
   * Reads an archive in the CIFAR-10 binary format, checking its MD5 in the same pass.
   *
   * @throws DatasetException if it is corrupt, truncated, not in the format, or not the expected
   *     file; a bad file in the cache is removed, a file elsewhere is left for you to replace
   */
  static synchronized Sets read(Path file, Source source) {
    try {
      String sizeProblem = sizeProblem(file, source);
      if (sizeProblem != null) {
        throw rejected(file, source, sizeProblem, null);
      }
      long size = Files.size(file);
      long modified = Files.getLastModifiedTime(file).toMillis();
      Loaded cached = last.get();
      if (cached != null && cached.file.equals(file) && cached.size == size && cached.modified == modified) {
        return cached.sets;
      }
      Sets sets = parse(file, source);
      last = new SoftReference<>(new Loaded(file, size, modified, sets));
      return sets;
    } catch (EOFException e) {
      throw rejected(file, source, truncated(file), e);
    } catch (java.nio.file.FileSystemException e) {
      throw rejected(file, source, "읽을 수 없습니다 (" + Download.describe(e) + ")", e);
    } catch (IOException e) {
      throw rejected(file, source, "손상되었습니다 (" + e.getMessage() + ")", e);
    }
  }

  private static Sets parse(Path file, Source source) throws IOException {
    MessageDigest md5 = newMd5();
    Records train = new Records(5);
    Records test = new Records(1);
    List<String> names = null;
    try (DigestInputStream digesting = new DigestInputStream(Files.newInputStream(file), md5);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(digesting, 1 << 16))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        String name = entry.getName();
        StoppedException.check(() -> "CIFAR-10 압축 파일을 읽다가 (" + name + ") 멈췄습니다. 셀을 다시 실행하면 처음부터 읽습니다.");
        if (name.matches(".*data_batch_[1-5]\\.bin")) {
          train.read(tar, checkedSize(entry, file, source));
        } else if (name.endsWith("test_batch.bin")) {
          test.read(tar, checkedSize(entry, file, source));
        } else if (name.endsWith("batches.meta.txt")) {
          names = new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).lines()
              .map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
      }
      digesting.transferTo(java.io.OutputStream.nullOutputStream());
    }
    String actual = HexFormat.of().formatHex(md5.digest());
    if (!actual.equals(source.md5())) {
      throw rejected(file, source, checksumProblem(actual, source), null);
    }
    if (train.parts != 5 || test.parts == 0) {
      throw rejected(
          file,
          source,
          "CIFAR-10 바이너리 압축 파일이 아닙니다 (data_batch_1~5.bin과 test_batch.bin이 다 있어야 하는데 data_batch "
              + train.parts
              + "개"
              + (test.parts == 0 ? ", test_batch.bin 없음" : "")
              + ")",
          null);
    }
    if (names != null && !names.equals(CLASSES)) {
      throw rejected(file, source, "CIFAR-10과 다른 클래스 목록을 담고 있습니다 (" + names + ")", null);
    }
    return new Sets(train.dataset(source.title() + " train"), test.dataset(source.title() + " test"));
  }

  private static long checkedSize(TarArchiveEntry entry, Path file, Source source) {
    long size = entry.getSize();
    if (size == 0 || size % RECORD != 0 || size / RECORD > Integer.MAX_VALUE / (5 * (RECORD - 1))) {
      throw rejected(
          file,
          source,
          "CIFAR-10 바이너리 형식이 아닙니다 ("
              + entry.getName()
              + "의 크기 "
              + Numbers.bytes(size)
              + "가 레코드 하나 "
              + String.format("%,d", RECORD)
              + "바이트(레이블 1 + 3×32×32 픽셀)의 배수가 아닙니다)",
          null);
    }
    return size;
  }

  /**
   * Label-then-pixels records read straight into one dataset's arrays, part after part: the arrays
   * get room for all parts at the first, so loading CIFAR-10 holds its 150 MB once, not twice.
   */
  private static final class Records {
    private static final int PIXELS = RECORD - 1;
    private final int expectedParts;
    private byte[] pixels = new byte[0];
    private int[] labels = new int[0];
    private int count;
    private int parts;

    Records(int expectedParts) {
      this.expectedParts = expectedParts;
    }

    void read(InputStream in, long size) throws IOException {
      int n = (int) (size / RECORD);
      if (count + n > labels.length) { // room for this part and for the parts to come, if as large
        int capacity = count + n * Math.max(1, expectedParts - parts);
        pixels = Arrays.copyOf(pixels, Math.multiplyExact(capacity, PIXELS));
        labels = Arrays.copyOf(labels, capacity);
      }
      byte[] record = new byte[RECORD];
      for (int r = 0; r < n; r++, count++) {
        if (in.readNBytes(record, 0, RECORD) < RECORD) {
          throw new EOFException("CIFAR-10 record " + (r + 1) + " of " + n + " ends early");
        }
        labels[count] = record[0] & 0xff;
        System.arraycopy(record, 1, pixels, count * PIXELS, PIXELS);
      }
      parts++;
    }

    ImageDataset dataset(String name) {
      if (count < labels.length) { // fewer or smaller parts than the first promised
        pixels = Arrays.copyOf(pixels, count * PIXELS);
        labels = Arrays.copyOf(labels, count);
      }
      try {
        return ImageDataset.of(name, pixels, labels, new ai.djl.ndarray.types.Shape(3, 32, 32), CLASSES, CLASSES_KO);
      } catch (kr.dlcourse.notebook.CourseException e) {
        throw new DatasetException(name + "은(는) CIFAR-10 바이너리 형식이 아닙니다: " + e.getMessage(), e);
      }
    }
  }

  private static DatasetException rejected(Path file, Source source, String why, Exception cause) {
    Path cache = DataLocations.cacheDir(source.folder());
    boolean inCache = file.toAbsolutePath().startsWith(cache.toAbsolutePath());
    String action;
    if (inCache) {
      try {
        Files.deleteIfExists(file);
        action = "캐시에서 지웠으니 셀을 다시 실행하면 새로 내려받습니다.";
      } catch (IOException e) {
        action = "이 파일을 직접 지우고 셀을 다시 실행하면 새로 내려받습니다.";
      }
    } else {
      action =
          "이 파일을 원본 "
              + source.fileName()
              + " (MD5 "
              + source.md5()
              + ")로 바꾸거나, 지운 뒤 셀을 다시 실행해 새로 내려받으세요.";
    }
    return new DatasetException(source.title() + " 압축 파일이 " + why + ": " + file + ". " + action, cause);
  }

  /**
   * The cat and dog images of a CIFAR-10 set as a two-class set (cat = 0, dog = 1): the course's
   * stand-in for Kaggle's dogs-vs-cats, which needs a login.
   */
  public static ImageDataset catsVsDogs(ImageDataset cifar) {
    int cat = CLASSES.indexOf("cat");
    int dog = CLASSES.indexOf("dog");
    int[] indices =
        java.util.stream.IntStream.range(0, cifar.size())
            .filter(i -> cifar.label(i) == cat || cifar.label(i) == dog)
            .toArray();
    ImageDataset both = cifar.subset(indices);
    int[] binary = both.labels();
    for (int i = 0; i < binary.length; i++) {
      binary[i] = binary[i] == dog ? 1 : 0;
    }
    return ImageDataset.of(
        cifar.name() + " cats vs dogs",
        both.pixelArray(),
        binary,
        both.imageShape(),
        List.of("cat", "dog"),
        List.of("고양이", "개"));
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
