package kr.dlcourse.data;

import ai.djl.ndarray.types.Shape;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import kr.dlcourse.notebook.Numbers;
import kr.dlcourse.notebook.ProgressBar;
import kr.dlcourse.notebook.StoppedException;
import kr.dlcourse.setup.Course;

/**
 * Kaggle's dogs-vs-cats photos as the lesson uses them: 1,000 training, 500 validation and 1,000
 * test images per class, resized to 180 × 180 RGB, label 0 = cat, 1 = dog.
 *
 * <pre>{@code
 * CatsDogs.Sets pets = CatsDogs.load();     // once: download, decode, cache; later: seconds
 * ImageDataset train = pets.train();        // 2,000 images (1,000 cats, 1,000 dogs)
 * ImageDataset validation = pets.validation();   // 1,000
 * ImageDataset test = pets.test();          // 2,000
 * pets.summary();                           // sizes and the files that could not be read
 * }</pre>
 *
 * <p><b>Where the photos come from.</b> Kaggle's own download needs a login, so by default the
 * course uses Microsoft's public copy of the same photos, {@value #MICROSOFT_FILE} (about 790 MB,
 * folders {@code PetImages/Cat} and {@code PetImages/Dog}, files {@code 0.jpg} to {@code
 * 12499.jpg}). Looked for first, in the folders {@link DataLocations} names ({@code
 * $COURSE_DATA_DIR/cats-vs-dogs/}, {@code $COURSE_DATA_DIR/}, the cache {@code
 * ~/.cache/dlcourse/cats-vs-dogs/}), are, in this order: {@value #MICROSOFT_FILE}; Kaggle's {@code
 * train.zip} ({@code train/cat.0.jpg}, {@code train/dog.0.jpg}, ...); the lesson's own prepared
 * folder ({@code cats_vs_dogs_small/} or the dataset folder itself, with {@code
 * train|validation|test/cat|dog/}), read with {@link ImageFolder} (a subset larger than the
 * lesson's or quick mode's size gives a class-balanced sample of that size); an unpacked {@code
 * PetImages/} or Kaggle {@code train/} folder; a folder with one subfolder per class ({@code cat/},
 * {@code dog/}, any case, plural allowed). Only when none is there is Microsoft's file downloaded
 * (resumed if interrupted, see {@link Download}). {@link #load(Path)} reads a zip or folder you
 * name.
 *
 * <p><b>What is verified.</b> Microsoft publishes no checksum for this file, so a download is
 * accepted when it is a complete zip: its central directory reads (a cut-off download has none and
 * is called "잘렸습니다"), it holds cat and dog photos, and every entry inflates to its recorded
 * length with its recorded CRC-32 (else "손상되었습니다"). When photos are read later, each entry's
 * CRC-32 is checked again. This proves the file arrived whole, not that it is Microsoft's.
 *
 * <p><b>The subsets, and unreadable photos.</b> Each class's photos are taken in file-number order
 * ({@code 0.jpg}, {@code 1.jpg}, ...; for Kaggle {@code cat.0.jpg}, ...; files without a number
 * after, by name). As in the lesson, train is the first 1,000, validation the next 500, test the
 * next 1,000 — counted in <i>readable</i> photos: Microsoft's copy has some empty or corrupt files,
 * and one that cannot be decoded (empty, not an image, a JPEG that ends early) is skipped and the
 * subset takes the next number, so the sizes stay exactly 1,000 / 500 / 1,000 per class as in the
 * lesson, and the few numbers shift. The skipped files are listed in {@link Sets#skipped()}.
 * Grayscale photos become three equal channels, CMYK JPEGs are converted ({@code R = (255 - C)(255
 * - K) / 255}, as PIL does), a transparent PNG loses its alpha. A folder with fewer readable photos
 * per class than needed is split in the same 2 : 1 : 2 proportion.
 *
 * <p><b>Resizing</b> is smooth: PIL's antialiased bilinear filter (the one torchvision's {@code
 * Resize((180, 180))} uses on photos), without keeping the aspect ratio.
 *
 * <p><b>Quick mode</b> ({@code COURSE_MODE=quick}) takes 100 / 50 / 100 photos per class (the first
 * readable ones, same rule), so only about 500 photos are decoded.
 *
 * <p><b>Cache.</b> The decoded sets are kept in the cache folder as one raw file, {@code
 * decoded-<source>-180px-<train>-<validation>-<test>.u8}: a UTF-8 text header (first line {@code
 * DLCOURSE CATS-VS-DOGS CACHE 1}, then {@code key: value} lines: source file and size, image shape,
 * requested sizes, images per subset and class, CRC-32 of the pixels, one {@code skipped:} line per
 * skipped file, last line {@code END}), then the pixels as unsigned bytes, train, validation, test
 * one after another, cats before dogs in each, each image C × H × W (red plane, green, blue). No
 * Java serialization. The file's length, header and CRC-32 are checked on every load; a damaged
 * file is removed and rebuilt from the photos. Once it exists the zip is not opened again; for the
 * files found by their standard names ({@value #MICROSOFT_FILE}, {@code train.zip}) the cache is
 * named after the file alone, so it is used even after the zip is deleted (other zips and folders
 * add a hash of their path; a folder's also of its file list). Delete the {@code .u8} file to force
 * a rebuild. Within one kernel the sets are also kept in memory (softly), so {@link #train()},
 * {@link #validation()} and {@link #test()} read the file once.
 *
 * <p>With {@code COURSE_SYNTHETIC_DATA=1} (tests, CI) a generated zip in the same {@code PetImages}
 * layout stands in: see {@link SyntheticCatsDogs}. Its sets are named "(synthetic stand-in)".
 */
public final class CatsDogs {

  /** Class names, index = label: 0 = cat, 1 = dog. */
  public static final List<String> CLASSES = List.of("cat", "dog");

  /** Korean display names, same order. */
  public static final List<String> CLASSES_KO = List.of("고양이", "개");

  /** Width and height of every image after resizing, as in the lesson. */
  public static final int IMAGE_SIZE = 180;

  /** The cache and data folder name: {@code $COURSE_DATA_DIR/cats-vs-dogs/}. */
  public static final String FOLDER = "cats-vs-dogs";

  /** Microsoft's public copy of Kaggle's photos. */
  public static final String MICROSOFT_FILE = "kagglecatsanddogs_5340.zip";

  /** Where {@value #MICROSOFT_FILE} is downloaded from (the file name is appended). */
  public static final String MICROSOFT_BASE_URL =
      "https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/";

  /** Kaggle's own training archive (needs a Kaggle login to download). */
  public static final String KAGGLE_FILE = "train.zip";

  /** The lesson's subset sizes, per class. */
  public static final int TRAIN_PER_CLASS = 1000;

  public static final int VALIDATION_PER_CLASS = 500;
  public static final int TEST_PER_CLASS = 1000;

  /** Quick mode's subset sizes, per class. */
  public static final int QUICK_TRAIN_PER_CLASS = 100;

  public static final int QUICK_VALIDATION_PER_CLASS = 50;
  public static final int QUICK_TEST_PER_CLASS = 100;

  /**
   * The lesson's three subsets.
   *
   * @param train the first readable photos of each class
   * @param validation the next ones
   * @param test the next ones after those
   * @param skipped files skipped because they could not be read, each as {@code "name: why"}
   */
  public record Sets(ImageDataset train, ImageDataset validation, ImageDataset test, List<String> skipped) {

    public Sets {
      skipped = List.copyOf(skipped);
    }

    /** One Korean line: the sizes per subset and class, and the skipped files. */
    public String summary() {
      StringBuilder s = new StringBuilder();
      s.append(part("훈련", train)).append(", ").append(part("검증", validation)).append(", ");
      s.append(part("테스트", test)).append("; ");
      s.append(train.width()).append("×").append(train.height()).append(" RGB.");
      if (skipped.isEmpty()) {
        s.append(" 건너뛴 파일 없음.");
      } else {
        s.append(" 읽을 수 없어 건너뛴 파일 ").append(skipped.size()).append("개: ");
        s.append(String.join("; ", skipped.subList(0, Math.min(5, skipped.size()))));
        s.append(skipped.size() > 5 ? "; ..." : "").append('.');
      }
      return s.toString();
    }

    private static String part(String label, ImageDataset set) {
      int[] counts = set.classCounts();
      return String.format(
          "%s %,d장 (고양이 %,d · 개 %,d)", label, set.size(), counts[0], counts.length > 1 ? counts[1] : 0);
    }
  }

  /** Photos per class in each subset. */
  record Sizes(int train, int validation, int test) {
    int perClass() {
      return train + validation + test;
    }
  }

  static final Sizes LESSON = new Sizes(TRAIN_PER_CLASS, VALIDATION_PER_CLASS, TEST_PER_CLASS);
  static final Sizes QUICK = new Sizes(QUICK_TRAIN_PER_CLASS, QUICK_VALIDATION_PER_CLASS, QUICK_TEST_PER_CLASS);

  /**
   * Where the zip comes from.
   *
   * @param title shown in dataset names
   * @param folder the data and cache folder name
   * @param fileName the zip's file name
   * @param baseUrls download addresses (the file name is appended)
   */
  record Source(String title, String folder, String fileName, List<String> baseUrls) {}

  static final Source OFFICIAL = new Source("Cats vs dogs", FOLDER, MICROSOFT_FILE, List.of(MICROSOFT_BASE_URL));

  static final String CACHE_MAGIC = "DLCOURSE CATS-VS-DOGS CACHE 1";
  private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");
  private static final Pattern KAGGLE_NAME = Pattern.compile("(?i)(?:.*/)?(cat|dog)\\.(\\d+)\\.[a-z]+");
  private static final Pattern IN_CLASS_FOLDER = Pattern.compile("(?i)(?:.*/)?(cat|dog)s?/([^/]+)");
  private static final Pattern LAST_NUMBER = Pattern.compile("(\\d{1,15})(?!.*\\d)");

  private static SoftReference<Memo> memo = new SoftReference<>(null);

  private record Memo(Path file, long size, long modified, Sets sets) {}

  private CatsDogs() {}

  /** The three subsets (the mode's sizes), from the first source found, else downloaded. */
  public static Sets load() {
    Sizes sizes = Course.isQuick() ? QUICK : LESSON;
    return Cifar10.isSynthetic() ? synthetic(sizes, IMAGE_SIZE) : load(OFFICIAL, sizes, IMAGE_SIZE);
  }

  /** The sets of the generated stand-in, made with as many files as the sizes need. */
  static synchronized Sets synthetic(Sizes sizes, int side) {
    Path zip = SyntheticCatsDogs.zip(SyntheticCatsDogs.filesPerClass(sizes.perClass()));
    return loadFound(new Found(zip, Kind.ZIP, true), SyntheticCatsDogs.TITLE, zip.getParent(), sizes, side, "새로 만듭니다");
  }

  /** The training set: 1,000 cats and 1,000 dogs (100 each in quick mode). */
  public static ImageDataset train() {
    return load().train();
  }

  /** The validation set: 500 cats and 500 dogs (50 each in quick mode). */
  public static ImageDataset validation() {
    return load().validation();
  }

  /** The test set: 1,000 cats and 1,000 dogs (100 each in quick mode). */
  public static ImageDataset test() {
    return load().test();
  }

  /**
   * The three subsets from a zip or folder you name: Microsoft's {@value #MICROSOFT_FILE}, Kaggle's
   * {@code train.zip}, an unpacked copy of either, a folder with {@code cat/} and {@code dog/}
   * subfolders, or the lesson's {@code train|validation|test/cat|dog/} folders.
   *
   * <pre>{@code CatsDogs.Sets pets = CatsDogs.load(Path.of("/media/usb/train.zip"));}</pre>
   */
  public static Sets load(Path zipOrFolder) {
    return load(zipOrFolder, Course.isQuick() ? QUICK : LESSON, IMAGE_SIZE);
  }

  static synchronized Sets load(Path zipOrFolder, Sizes sizes, int side) {
    Found found = explicit(zipOrFolder);
    return loadFound(found, OFFICIAL.title(), DataLocations.cacheDir(FOLDER), sizes, side, "새로 내려받습니다");
  }

  /** Finds a source in the data folders, else a decoded cache, else downloads the zip. */
  static synchronized Sets load(Source source, Sizes sizes, int side) {
    Path cacheDir = DataLocations.cacheDir(source.folder());
    Optional<Found> found = find(DataLocations.searchPath(source.folder()), source.fileName());
    if (found.isPresent()) {
      return loadFound(found.get(), source.title(), cacheDir, sizes, side, "새로 내려받습니다");
    }
    for (String name : List.of(source.fileName(), KAGGLE_FILE)) { // the zip was removed after decoding
      Optional<Sets> cached = cached(cacheDir.resolve(cacheName(stem(name), sizes, side)), source.title(), sizes, side, -1);
      if (cached.isPresent()) {
        return cached.get();
      }
    }
    Path zip =
        Download.fetch(
            cacheDir,
            source.fileName(),
            Download.addresses(source.fileName(), source.baseUrls()),
            CatsDogs::zipProblem,
            howToGetByHand(source));
    return loadFound(new Found(zip, Kind.ZIP, true), source.title(), cacheDir, sizes, side, "새로 내려받습니다");
  }

  private static String howToGetByHand(Source source) {
    String original =
        source.baseUrls().isEmpty()
            ? ""
            : "원래 주소: " + source.baseUrls().get(0) + source.fileName() + " (약 790 MB). ";
    return original
        + "Kaggle에서 받은 "
        + KAGGLE_FILE
        + " (dogs-vs-cats 대회의 train.zip)이나, cat/과 dog/ 하위 폴더에 사진을 담은 폴더를 같은 곳에 두어도 그것을 씁니다.";
  }

  /** Forgets the sets kept in memory, so the next load reads the cache file (tests). */
  static synchronized void forgetMemory() {
    memo = new SoftReference<>(null);
  }

  // ---------------------------------------------------------------------------------------------
  // Finding the photos

  enum Kind {
    /** A zip in Microsoft's or Kaggle's layout. */
    ZIP,
    /** A folder of photos: class subfolders, PetImages/, or Kaggle's flat train/ folder. */
    FOLDER,
    /** The lesson's prepared folders train|validation|test/cat|dog/, read with ImageFolder. */
    SPLIT
  }

  /**
   * A source of photos.
   *
   * @param path the zip or folder
   * @param kind how it holds the photos
   * @param named found by its standard name in the data folders: its cache is keyed by that name
   *     alone, so it is used even after the zip is deleted
   */
  record Found(Path path, Kind kind, boolean named) {
    Found(Path path, Kind kind) {
      this(path, kind, false);
    }
  }

  static Optional<Found> find(List<Path> dirs, String fileName) {
    for (Path dir : dirs) {
      for (String name : List.of(fileName, KAGGLE_FILE)) {
        if (Files.isRegularFile(dir.resolve(name))) {
          return Optional.of(new Found(dir.resolve(name), Kind.ZIP, true));
        }
      }
      for (Path candidate : List.of(dir, dir.resolve("cats_vs_dogs_small"), dir.resolve("PetImages"), dir.resolve("train"))) {
        Kind kind = layout(candidate);
        if (kind != null) {
          return Optional.of(new Found(candidate, kind));
        }
      }
    }
    return Optional.empty();
  }

  private static Found explicit(Path path) {
    if (Files.isRegularFile(path)) {
      return new Found(path, Kind.ZIP);
    }
    if (!Files.isDirectory(path)) {
      throw new DatasetException(
          path.toAbsolutePath() + "이(가) 없습니다. 경로를 확인하세요. " + MICROSOFT_FILE + ", " + KAGGLE_FILE
              + " 같은 zip 파일이나 cat/과 dog/ 하위 폴더가 있는 폴더를 주세요.");
    }
    for (Path candidate : List.of(path, path.resolve("PetImages"), path.resolve("train"))) {
      Kind kind = layout(candidate);
      if (kind != null) {
        return new Found(candidate, kind);
      }
    }
    throw new DatasetException(
        "폴더 " + path.toAbsolutePath() + "에서 고양이와 개 사진을 찾지 못했습니다. 이런 구조여야 합니다: "
            + "cat/과 dog/ 하위 폴더 (예: cat/001.jpg, dog/001.jpg), Microsoft 압축을 푼 PetImages/Cat/0.jpg, "
            + "Kaggle 압축을 푼 train/cat.0.jpg, 또는 강의에서 만든 train/cat/, validation/cat/, test/cat/ (dog도 같게).");
  }

  /** How {@code dir} holds photos, or null if it does not. */
  static Kind layout(Path dir) {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    if (Stream.of("train", "validation", "test").allMatch(s -> hasClassFolders(dir.resolve(s)))) {
      return Kind.SPLIT;
    }
    if (hasClassFolders(dir)) {
      return Kind.FOLDER;
    }
    try (Stream<Path> files = Files.list(dir)) {
      boolean kaggle = files.anyMatch(p -> KAGGLE_NAME.matcher(p.getFileName().toString()).matches());
      return kaggle ? Kind.FOLDER : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean hasClassFolders(Path dir) {
    return classFolder(dir, 0) != null && classFolder(dir, 1) != null;
  }

  /** The subfolder of {@code dir} for a class: cat, cats, Cat, ... (null if none). */
  private static Path classFolder(Path dir, int label) {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .filter(p -> labelOf(p.getFileName().toString()) == label)
          .sorted()
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static int labelOf(String folderName) {
    String name = folderName.toLowerCase(Locale.ROOT);
    return name.equals("cat") || name.equals("cats") ? 0 : name.equals("dog") || name.equals("dogs") ? 1 : -1;
  }

  /** One photo that may be used: its class, its number (for the order) and where it is. */
  record Candidate(int label, long number, String name, Object handle) {}

  /**
   * The photo's class and number from its path inside a zip or folder ({@code PetImages/Cat/12.jpg},
   * {@code train/cat.12.jpg}, {@code dog/rex.png}), or null if it is not a cat or dog image.
   */
  static Candidate candidate(String name, Object handle) {
    String lower = name.toLowerCase(Locale.ROOT);
    String file = name.substring(name.lastIndexOf('/') + 1);
    if (lower.endsWith("/") || lower.contains("__macosx/") || file.startsWith(".")
        || EXTENSIONS.stream().noneMatch(lower::endsWith)) {
      return null;
    }
    Matcher kaggle = KAGGLE_NAME.matcher(name);
    if (kaggle.matches()) {
      return new Candidate(labelOf(kaggle.group(1)), Long.parseLong(kaggle.group(2)), name, handle);
    }
    Matcher folder = IN_CLASS_FOLDER.matcher(name);
    if (folder.matches()) {
      Matcher number = LAST_NUMBER.matcher(file);
      long n = number.find() ? Long.parseLong(number.group(1)) : Long.MAX_VALUE;
      return new Candidate(labelOf(folder.group(1)), n, name, handle);
    }
    return null;
  }

  /** Cats, then dogs, each in number order, then by name. */
  static List<List<Candidate>> byClass(List<Candidate> all) {
    List<List<Candidate>> out = List.of(new ArrayList<>(), new ArrayList<>());
    for (Candidate c : all) {
      out.get(c.label()).add(c);
    }
    Comparator<Candidate> order = Comparator.comparingLong(Candidate::number).thenComparing(Candidate::name);
    out.forEach(list -> list.sort(order));
    return out;
  }

  /** The photos of a zip or folder, read on any thread. */
  private interface Catalogue extends AutoCloseable {
    List<Candidate> candidates() throws IOException;

    byte[] read(Candidate c) throws IOException;

    String describe();

    @Override
    void close() throws IOException;
  }

  /** The entries of a zip, each checked against its CRC-32 as it is read. */
  private static final class ZipCatalogue implements Catalogue {
    final ZipFile zip;
    final Path file;

    ZipCatalogue(Path file) throws IOException {
      this.file = file;
      this.zip = new ZipFile(file.toFile(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public List<Candidate> candidates() {
      List<Candidate> out = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        Candidate c = entry.isDirectory() ? null : candidate(entry.getName(), entry);
        if (c != null) {
          out.add(c);
        }
      }
      return out;
    }

    @Override
    public byte[] read(Candidate c) throws IOException {
      return entryBytes(zip, (ZipEntry) c.handle());
    }

    @Override
    public String describe() {
      return "압축 파일 " + file;
    }

    boolean hasNestedTrainZip() {
      return zip.stream().anyMatch(e -> e.getName().toLowerCase(Locale.ROOT).endsWith("train.zip"));
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }

  /** A zip entry's bytes; {@link DamagedZipException} if its length or CRC-32 is wrong. */
  static byte[] entryBytes(ZipFile zip, ZipEntry entry) throws IOException {
    byte[] bytes;
    try (InputStream in = zip.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (ZipException | EOFException e) {
      throw new DamagedZipException(entry.getName() + "의 압축을 풀 수 없습니다 (" + e.getMessage() + ")");
    }
    if (entry.getSize() >= 0 && bytes.length != entry.getSize()) {
      throw new DamagedZipException(
          entry.getName() + "의 길이가 목차와 다릅니다 (" + entry.getSize() + "바이트여야 하는데 " + bytes.length + "바이트)");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes);
    if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
      throw new DamagedZipException(entry.getName() + "의 CRC-32가 맞지 않습니다");
    }
    return bytes;
  }

  /** A zip entry that does not inflate to what the zip's directory says. */
  static final class DamagedZipException extends IOException {
    private static final long serialVersionUID = 1L;

    DamagedZipException(String message) {
      super(message);
    }
  }

  /** The image files of a folder tree (class subfolders, PetImages/, Kaggle's train/). */
  private static final class FolderCatalogue implements Catalogue {
    final Path root;

    FolderCatalogue(Path root) {
      this.root = root;
    }

    @Override
    public List<Candidate> candidates() throws IOException {
      try (Stream<Path> files = Files.walk(root, 3)) {
        return files
            .filter(Files::isRegularFile)
            .map(p -> candidate(root.relativize(p).toString().replace('\\', '/'), p))
            .filter(c -> c != null)
            .toList();
      }
    }

    @Override
    public byte[] read(Candidate c) throws IOException {
      try (InputStream in = new FileInputStream(((Path) c.handle()).toFile())) { // not interruptible
        return in.readAllBytes();
      }
    }

    @Override
    public String describe() {
      return "폴더 " + root;
    }

    @Override
    public void close() {}
  }

  // ---------------------------------------------------------------------------------------------
  // Loading: the cache, else decoding

  static Sets loadFound(Found found, String title, Path cacheDir, Sizes sizes, int side, String renewal) {
    if (found.kind() == Kind.SPLIT) {
      return splitFolders(found.path(), title, sizes, side);
    }
    long sourceBytes = -1;
    if (found.kind() == Kind.ZIP) {
      try {
        sourceBytes = Files.size(found.path());
      } catch (IOException e) {
        throw new DatasetException(found.path() + "을(를) 읽을 수 없습니다 (" + Download.describe(e) + ").", e);
      }
    }
    Path cache = cacheDir.resolve(cacheName(cacheKey(found), sizes, side));
    Optional<Sets> cached = cached(cache, title, sizes, side, sourceBytes);
    if (cached.isPresent()) {
      return cached.get();
    }
    Decoded decoded = decode(found, title, cacheDir, sizes, side, renewal);
    Sets sets = decoded.sets(title, side);
    if (writeCache(cache, found, sourceBytes, sizes, side, decoded)) {
      remember(cache, sets);
    }
    return sets;
  }

  static String cacheName(String key, Sizes sizes, int side) {
    return "decoded-" + key + "-" + side + "px-" + sizes.train() + "-" + sizes.validation() + "-" + sizes.test() + ".u8";
  }

  /**
   * The cache key of a source: a zip found by its standard name stands for itself (so the cache is
   * found after the zip is deleted); other zips and folders add a hash of their path (and a
   * folder's listing, so added photos rebuild it).
   */
  static String cacheKey(Found found) {
    String name = found.path().toAbsolutePath().normalize().getFileName().toString();
    if (found.named()) {
      return stem(name);
    }
    StringBuilder identity = new StringBuilder(found.path().toAbsolutePath().normalize().toString());
    if (found.kind() == Kind.FOLDER) {
      try (Stream<Path> files = Files.walk(found.path(), 3)) {
        files.filter(Files::isRegularFile).sorted().forEach(p -> {
          identity.append('\n').append(p);
          try {
            identity.append(' ').append(Files.size(p));
          } catch (IOException e) {
            identity.append(" ?");
          }
        });
      } catch (IOException e) {
        // the listing fails again, with a message, when the photos are read
      }
    }
    String hash = Checksums.sha256(identity.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    return stem(name).replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + hash;
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /**
   * The lesson's train|validation|test folders, each read with {@link ImageFolder} (every image
   * must be readable); a folder with more than the sizes' images gives a class-balanced sample.
   */
  private static Sets splitFolders(Path root, String title, Sizes sizes, int side) {
    ImageDataset[] parts = new ImageDataset[3];
    String[] names = {"train", "validation", "test"};
    int[] wanted = {sizes.train(), sizes.validation(), sizes.test()};
    for (int s = 0; s < 3; s++) {
      ImageDataset raw = ImageFolder.load(root.resolve(names[s]), side, side);
      List<String> classes = raw.classNames().stream().map(c -> CLASSES.get(Math.max(0, labelOf(c)))).toList();
      if (!classes.equals(CLASSES) || raw.classNames().stream().anyMatch(c -> labelOf(c) < 0)) {
        throw new DatasetException(
            root.resolve(names[s]).toAbsolutePath() + "의 하위 폴더가 " + raw.classNames()
                + "입니다. 고양이와 개 두 폴더, cat/과 dog/만 있어야 합니다. 다른 폴더는 옮기세요.");
      }
      ImageDataset set = ImageDataset.of(
          title + " " + names[s], raw.pixelArray(), raw.labelArray(), raw.imageShape(), CLASSES, CLASSES_KO);
      parts[s] = set.size() > 2 * wanted[s] ? set.sample(2 * wanted[s], Course.seed()) : set;
    }
    return new Sets(parts[0], parts[1], parts[2], List.of());
  }

  /** Photos decoded into the three subsets' arrays. */
  record Decoded(byte[][] pixels, int[][] perClass, List<String> skipped) {
    Sets sets(String title, int side) {
      String[] names = {"train", "validation", "test"};
      ImageDataset[] parts = new ImageDataset[3];
      for (int s = 0; s < 3; s++) {
        int[] labels = new int[perClass[s][0] + perClass[s][1]];
        java.util.Arrays.fill(labels, perClass[s][0], labels.length, 1);
        parts[s] = ImageDataset.of(title + " " + names[s], pixels[s], labels, new Shape(3, side, side), CLASSES, CLASSES_KO);
      }
      return new Sets(parts[0], parts[1], parts[2], skipped);
    }
  }

  private static Decoded decode(Found found, String title, Path cacheDir, Sizes sizes, int side, String renewal) {
    Catalogue catalogue;
    try {
      catalogue = found.kind() == Kind.ZIP ? new ZipCatalogue(found.path()) : new FolderCatalogue(found.path());
    } catch (ZipException e) {
      throw rejected(found.path(), title, cacheDir, openProblem(found.path(), e), e, renewal);
    } catch (IOException e) {
      throw rejected(found.path(), title, cacheDir, "읽을 수 없습니다 (" + Download.describe(e) + ")", e, renewal);
    }
    try (catalogue) {
      List<List<Candidate>> classes = byClass(catalogue.candidates());
      if (classes.get(0).isEmpty() || classes.get(1).isEmpty()) {
        throw noPhotos(found, catalogue, classes);
      }
      return decode(catalogue, classes, title, sizes, side);
    } catch (DamagedZipException e) {
      throw rejected(found.path(), title, cacheDir, "손상되었습니다 (" + e.getMessage() + ")", e, renewal);
    } catch (IOException e) {
      throw new DatasetException(
          catalogue.describe() + "에서 사진을 읽을 수 없습니다 (" + Download.describe(e) + "). 읽기 권한과 파일을 확인하세요.", e);
    }
  }

  private static DatasetException noPhotos(Found found, Catalogue catalogue, List<List<Candidate>> classes) {
    String nested =
        catalogue instanceof ZipCatalogue z && z.hasNestedTrainZip()
            ? " 이 압축 안에 train.zip이 들어 있으면 (Kaggle 대회 전체 파일) 그 train.zip을 꺼내 쓰세요."
            : "";
    return new DatasetException(
        catalogue.describe() + "에 고양이와 개 사진이 모두 있어야 하는데 고양이 " + classes.get(0).size() + "장, 개 "
            + classes.get(1).size() + "장을 찾았습니다. 기대하는 구조: PetImages/Cat/0.jpg와 PetImages/Dog/0.jpg ("
            + MICROSOFT_FILE + "), train/cat.0.jpg와 train/dog.0.jpg (Kaggle " + KAGGLE_FILE + "), 또는 cat/과 dog/ 폴더."
            + nested);
  }

  /** Decodes the first readable photos of each class into the subsets' arrays, in parallel. */
  private static Decoded decode(Catalogue catalogue, List<List<Candidate>> classes, String title, Sizes sizes, int side)
      throws IOException {
    int need = sizes.perClass();
    int sample = 3 * side * side;
    int[] full = {sizes.train(), sizes.validation(), sizes.test()};
    byte[][] pixels = new byte[3][];
    for (int s = 0; s < 3; s++) {
      pixels[s] = new byte[Math.multiplyExact(2 * full[s], sample)];
    }
    int[] got = new int[2];
    List<String> skipped = new ArrayList<>();
    int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    int chunk = 8 * threads;
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "cats-dogs-decoder");
      t.setDaemon(true);
      return t;
    });
    String barTitle = title + " 사진 읽기 (" + side + "×" + side + ")";
    try (ProgressBar bar = ProgressBar.start(barTitle, 2L * need, "장", 1)) {
      for (int c = 0; c < 2; c++) {
        List<Candidate> list = classes.get(c);
        int position = 0;
        while (got[c] < need && position < list.size()) {
          long done = (long) got[0] + got[1];
          StoppedException.check(() -> title + " 사진을 읽다가 (" + done + " / " + 2L * need
              + "장) 멈췄습니다. 셀을 다시 실행하면 처음부터 다시 읽습니다.");
          int take = Math.min(Math.min(chunk, need - got[c]), list.size() - position);
          List<Candidate> batch = list.subList(position, position + take);
          position += take;
          List<Callable<Outcome>> tasks = new ArrayList<>();
          for (Candidate candidate : batch) {
            tasks.add(() -> {
              byte[] bytes = catalogue.read(candidate);
              try {
                return new Outcome(decode(bytes, side), null);
              } catch (UnreadableImageException e) {
                return new Outcome(null, e.getMessage());
              }
            });
          }
          List<Future<Outcome>> results;
          try {
            results = pool.invokeAll(tasks);
          } catch (InterruptedException e) {
            throw new StoppedException(title + " 사진을 읽다가 (" + done + " / " + 2L * need
                + "장) 멈췄습니다. 셀을 다시 실행하면 처음부터 다시 읽습니다.");
          }
          for (int i = 0; i < batch.size(); i++) {
            Outcome outcome = result(results.get(i));
            if (outcome.pixels() == null) {
              skipped.add(batch.get(i).name() + ": " + outcome.problem());
              continue;
            }
            int k = got[c]++;
            int s = k < full[0] ? 0 : k < full[0] + full[1] ? 1 : 2;
            int index = c * full[s] + k - (s == 0 ? 0 : s == 1 ? full[0] : full[0] + full[1]);
            System.arraycopy(outcome.pixels(), 0, pixels[s], index * sample, sample);
          }
          bar.update((long) got[0] + got[1], skipped.isEmpty() ? "" : "건너뜀 " + skipped.size());
        }
      }
      bar.finish(skipped.isEmpty() ? "done" : "done, 읽을 수 없는 파일 " + skipped.size() + "개 건너뜀");
    } finally {
      pool.shutdownNow();
    }
    if (got[0] == need && got[1] == need) {
      return new Decoded(pixels, new int[][] {{full[0], full[0]}, {full[1], full[1]}, {full[2], full[2]}}, skipped);
    }
    return resplit(catalogue, pixels, full, got, sample, skipped);
  }

  /** Fewer readable photos than needed: the same 2 : 1 : 2 split of what there is. */
  private static Decoded resplit(
      Catalogue catalogue, byte[][] pixels, int[] full, int[] got, int sample, List<String> skipped) {
    int need = full[0] + full[1] + full[2];
    int[][] perClass = new int[3][2];
    for (int c = 0; c < 2; c++) {
      if (got[c] < 3) {
        throw new DatasetException(
            catalogue.describe() + "에서 " + CLASSES_KO.get(c) + " 사진을 " + got[c]
                + "장만 읽을 수 있었습니다 (훈련, 검증, 테스트에 한 장씩은 있어야 합니다). 사진을 더 넣으세요."
                + (skipped.isEmpty() ? "" : " 읽을 수 없던 파일: " + String.join("; ", skipped)));
      }
      if (got[c] == need) {
        perClass[0][c] = full[0];
        perClass[1][c] = full[1];
      } else {
        perClass[0][c] = Math.max(1, (int) ((long) got[c] * full[0] / need));
        perClass[1][c] = Math.max(1, (int) ((long) got[c] * full[1] / need));
      }
      perClass[2][c] = got[c] - perClass[0][c] - perClass[1][c];
    }
    byte[][] out = new byte[3][];
    for (int s = 0; s < 3; s++) {
      out[s] = new byte[(perClass[s][0] + perClass[s][1]) * sample];
    }
    for (int c = 0; c < 2; c++) {
      for (int k = 0; k < got[c]; k++) {
        int from = k < full[0] ? 0 : k < full[0] + full[1] ? 1 : 2;
        int fromIndex = c * full[from] + k - (from == 0 ? 0 : from == 1 ? full[0] : full[0] + full[1]);
        int to = k < perClass[0][c] ? 0 : k < perClass[0][c] + perClass[1][c] ? 1 : 2;
        int offset = to == 0 ? 0 : to == 1 ? perClass[0][c] : perClass[0][c] + perClass[1][c];
        int toIndex = (c == 0 ? 0 : perClass[to][0]) + k - offset;
        System.arraycopy(pixels[from], fromIndex * sample, out[to], toIndex * sample, sample);
      }
    }
    return new Decoded(out, perClass, skipped);
  }

  /** One photo's pixels, or why it could not be read. */
  private record Outcome(byte[] pixels, String problem) {}

  private static Outcome result(Future<Outcome> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      throw new StoppedException("사진을 읽다가 멈췄습니다. 셀을 다시 실행하면 처음부터 다시 읽습니다.");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Decoding and resizing one photo

  private static final String TRUNCATED_JPEG = "잘린 JPEG입니다 (데이터가 중간에 끝납니다)";

  /** A photo that cannot be decoded; the message says why, in Korean. */
  static final class UnreadableImageException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableImageException(String message) {
      super(message);
    }
  }

  /**
   * Decodes a photo (JPEG, PNG, BMP, GIF; grey, RGB, CMYK) and resizes it to side × side with
   * PIL's antialiased bilinear filter.
   *
   * @return 3 × side × side bytes (red plane, green, blue)
   * @throws UnreadableImageException if it is empty, not an image, or a JPEG that ends early
   */
  static byte[] decode(byte[] bytes, int side) throws UnreadableImageException {
    if (bytes.length == 0) {
      throw new UnreadableImageException("빈 파일 (0 바이트)");
    }
    BufferedImage image;
    List<String> warnings = new ArrayList<>();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new UnreadableImageException("이미지 파일이 아닙니다 (JPEG, PNG, BMP, GIF가 아님, " + Numbers.bytes(bytes.length) + ")");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        image = reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (warnings.stream().anyMatch(w -> w.startsWith("Truncated File"))) {
        throw new UnreadableImageException(TRUNCATED_JPEG);
      }
      String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new UnreadableImageException("이미지가 손상되어 읽을 수 없습니다 (" + message + ")");
    }
    // libjpeg fills missing data with grey and warns; PIL refuses such a file ("image file is truncated")
    if (warnings.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).contains("premature end"))) {
      throw new UnreadableImageException(TRUNCATED_JPEG);
    }
    if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
      throw new UnreadableImageException("이미지가 비어 있습니다");
    }
    return resize(rgbPlanes(image), image.getWidth(), image.getHeight(), side);
  }

  /**
   * The image's red, green and blue values (0-255), as PIL's {@code convert("RGB")} gives them:
   * grey repeated in three channels, CMYK as {@code (255 - C)(255 - K) / 255}, alpha dropped,
   * embedded colour profiles ignored.
   */
  static int[][] rgbPlanes(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    ColorModel model = image.getColorModel();
    Raster raster = image.getRaster();
    int type = model.getColorSpace().getType();
    boolean indexed = model instanceof IndexColorModel;
    if (!indexed && type == ColorSpace.TYPE_GRAY) {
      int[] grey = raster.getSamples(0, 0, w, h, 0, (int[]) null);
      int bits = model.getComponentSize(0);
      if (bits != 8) {
        int max = (1 << bits) - 1;
        for (int i = 0; i < grey.length; i++) {
          grey[i] = (int) Math.round(grey[i] * 255.0 / max);
        }
      }
      return new int[][] {grey, grey, grey};
    }
    if (!indexed && type == ColorSpace.TYPE_CMYK && raster.getNumBands() >= 4 && allEightBits(model, 4)) {
      int[] k = raster.getSamples(0, 0, w, h, 3, (int[]) null);
      int[][] out = new int[3][];
      for (int b = 0; b < 3; b++) {
        out[b] = raster.getSamples(0, 0, w, h, b, (int[]) null);
        for (int i = 0; i < out[b].length; i++) {
          out[b][i] = (255 - out[b][i]) * (255 - k[i]) / 255;
        }
      }
      return out;
    }
    if (!indexed && type == ColorSpace.TYPE_RGB && raster.getNumBands() >= 3 && allEightBits(model, 3)) {
      return new int[][] {
        raster.getSamples(0, 0, w, h, 0, (int[]) null),
        raster.getSamples(0, 0, w, h, 1, (int[]) null),
        raster.getSamples(0, 0, w, h, 2, (int[]) null)
      };
    }
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    int[][] out = new int[3][argb.length];
    for (int i = 0; i < argb.length; i++) {
      out[0][i] = (argb[i] >> 16) & 0xff;
      out[1][i] = (argb[i] >> 8) & 0xff;
      out[2][i] = argb[i] & 0xff;
    }
    return out;
  }

  private static boolean allEightBits(ColorModel model, int components) {
    for (int i = 0; i < components; i++) {
      if (model.getComponentSize(i) != 8) {
        return false;
      }
    }
    return true;
  }

  /**
   * Resizes three planes of w × h to side × side with PIL's bilinear filter, antialiased when
   * shrinking (the filter widens with the scale), separably: rows, then columns.
   *
   * @return 3 × side × side bytes
   */
  static byte[] resize(int[][] planes, int w, int h, int side) {
    Filter across = Filter.of(w, side);
    Filter down = Filter.of(h, side);
    byte[] out = new byte[3 * side * side];
    float[] rows = new float[h * side];
    for (int c = 0; c < 3; c++) {
      int[] in = planes[c];
      for (int y = 0; y < h; y++) {
        int row = y * w;
        for (int x = 0; x < side; x++) {
          float[] weights = across.weights[x];
          int start = across.start[x] + row;
          float sum = 0;
          for (int j = 0; j < weights.length; j++) {
            sum += weights[j] * in[start + j];
          }
          rows[y * side + x] = sum;
        }
      }
      int base = c * side * side;
      for (int y = 0; y < side; y++) {
        float[] weights = down.weights[y];
        int start = down.start[y];
        for (int x = 0; x < side; x++) {
          float sum = 0;
          for (int j = 0; j < weights.length; j++) {
            sum += weights[j] * rows[(start + j) * side + x];
          }
          out[base + y * side + x] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
        }
      }
    }
    return out;
  }

  /** Each output pixel's first input pixel and normalized weights (PIL's precompute_coeffs). */
  private record Filter(int[] start, float[][] weights) {
    static Filter of(int in, int out) {
      double scale = (double) in / out;
      double filterScale = Math.max(scale, 1.0);
      double support = filterScale; // bilinear: support 1, widened by the scale when shrinking
      int[] start = new int[out];
      float[][] weights = new float[out][];
      for (int o = 0; o < out; o++) {
        double center = (o + 0.5) * scale;
        int min = Math.max(0, (int) (center - support + 0.5));
        int max = Math.min(in, (int) (center + support + 0.5));
        double[] w = new double[Math.max(1, max - min)];
        double total = 0;
        for (int j = 0; j < max - min; j++) {
          double x = Math.abs((j + min - center + 0.5) / filterScale);
          w[j] = x < 1 ? 1 - x : 0;
          total += w[j];
        }
        float[] normalized = new float[w.length];
        for (int j = 0; j < w.length; j++) {
          normalized[j] = total > 0 ? (float) (w[j] / total) : (j == 0 ? 1 : 0);
        }
        start[o] = Math.min(min, in - 1);
        weights[o] = normalized;
      }
      return new Filter(start, weights);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Verifying a zip (downloads)

  /**
   * What is wrong with a zip, as {@link Download.Check} says it, or null if it is whole: the
   * central directory must read (a cut-off file has none: "잘렸습니다"), cat and dog photos must be
   * there, and every entry must inflate to its recorded length and CRC-32 ("손상되었습니다").
   * Microsoft publishes no checksum for the file, so this is all that can be checked.
   */
  static String zipProblem(Path file) throws IOException {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile(), StandardCharsets.ISO_8859_1);
    } catch (ZipException e) {
      return openProblem(file, e);
    }
    try (zip) {
      List<? extends ZipEntry> entries = zip.stream().filter(e -> !e.isDirectory()).toList();
      List<Candidate> candidates = new ArrayList<>();
      for (ZipEntry entry : entries) {
        Candidate c = candidate(entry.getName(), entry);
        if (c != null) {
          candidates.add(c);
        }
      }
      List<List<Candidate>> classes = byClass(candidates);
      if (classes.get(0).isEmpty() || classes.get(1).isEmpty()) {
        return "고양이와 개 사진 압축 파일이 아닙니다 (고양이 " + classes.get(0).size() + "장, 개 " + classes.get(1).size()
            + "장; PetImages/Cat/, PetImages/Dog/ 또는 train/cat.N.jpg가 있어야 합니다)";
      }
      long total = entries.stream().mapToLong(e -> Math.max(0, e.getCompressedSize())).sum();
      long done = 0;
      try (ProgressBar bar = ProgressBar.start("압축 파일 검사 " + file.getFileName(), total, "MB", 1e6)) {
        for (ZipEntry entry : entries) {
          long mb = done / 1_000_000;
          StoppedException.check(() -> "압축 파일을 " + mb + " MB까지 검사하다가 멈췄습니다. 셀을 다시 실행하면 다시 검사합니다.");
          try {
            entryBytes(zip, entry);
          } catch (DamagedZipException e) {
            return "손상되었습니다 (" + e.getMessage() + ")";
          }
          done += Math.max(0, entry.getCompressedSize());
          bar.update(done, "");
        }
        bar.finish("done");
      }
    }
    return null;
  }

  /** Why a zip does not open: no central directory at its end means it was cut off. */
  private static String openProblem(Path file, ZipException e) {
    String message = String.valueOf(e.getMessage());
    String size;
    try {
      size = Numbers.bytes(Files.size(file));
    } catch (IOException io) {
      size = "알 수 없음";
    }
    if (message.contains("END header not found")) {
      return "잘렸습니다 (zip 파일 끝에 있어야 할 목차(central directory)가 없습니다: 파일 크기 " + size + ")";
    }
    return "손상되었거나 zip 파일이 아닙니다 (" + message + ", 파일 크기 " + size + ")";
  }

  private static DatasetException rejected(
      Path file, String title, Path cacheDir, String why, Exception cause, String renewal) {
    boolean inCache = file.toAbsolutePath().normalize().startsWith(cacheDir.toAbsolutePath().normalize());
    String action;
    if (inCache) {
      try {
        Files.deleteIfExists(file);
        action = "캐시에서 지웠으니 셀을 다시 실행하면 " + renewal + ".";
      } catch (IOException e) {
        action = "이 파일을 직접 지우고 셀을 다시 실행하면 " + renewal + ".";
      }
    } else {
      action =
          "이 파일을 온전한 "
              + MICROSOFT_FILE
              + " ("
              + MICROSOFT_BASE_URL
              + MICROSOFT_FILE
              + ")이나 Kaggle의 "
              + KAGGLE_FILE
              + "로 바꾸거나, 지운 뒤 셀을 다시 실행해 새로 내려받으세요.";
    }
    return new DatasetException(title + " 압축 파일이 " + why + ": " + file + ". " + action, cause);
  }

  // ---------------------------------------------------------------------------------------------
  // The cache file

  private static Optional<Sets> cached(Path file, String title, Sizes sizes, int side, long sourceBytes) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      long size = Files.size(file);
      long modified = Files.getLastModifiedTime(file).toMillis();
      Memo m = memo.get();
      if (m != null && m.file.equals(file) && m.size == size && m.modified == modified) {
        return Optional.of(rename(m.sets, title));
      }
      Decoded decoded = readCache(file, size, sizes, side, sourceBytes);
      if (decoded == null) {
        Files.deleteIfExists(file); // damaged or stale: rebuilt from the photos
        return Optional.empty();
      }
      Sets sets = decoded.sets(title, side);
      remember(file, sets);
      return Optional.of(sets);
    } catch (IOException e) {
      return Optional.empty(); // unreadable cache: decode again
    }
  }

  private static Sets rename(Sets sets, String title) {
    if (sets.train().name().equals(title + " train")) {
      return sets;
    }
    return new Sets(
        sets.train().renamed(title + " train"),
        sets.validation().renamed(title + " validation"),
        sets.test().renamed(title + " test"),
        sets.skipped());
  }

  private static void remember(Path file, Sets sets) {
    try {
      memo = new SoftReference<>(new Memo(file, Files.size(file), Files.getLastModifiedTime(file).toMillis(), sets));
    } catch (IOException e) {
      memo = new SoftReference<>(null);
    }
  }

  /** The cache's sets, or null if the file is damaged, cut off or made for other sizes. */
  static Decoded readCache(Path file, long fileSize, Sizes sizes, int side, long sourceBytes) throws IOException {
    try (InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), 1 << 20)) {
      long[] headerBytes = {0};
      String first = line(in, headerBytes);
      if (!CACHE_MAGIC.equals(first)) {
        return null;
      }
      int[][] perClass = new int[3][];
      long crc = -1;
      long source = -1;
      String image = null;
      String requested = null;
      List<String> skipped = new ArrayList<>();
      for (String line; !"END".equals(line = line(in, headerBytes)); ) {
        if (line == null) {
          return null;
        }
        int colon = line.indexOf(": ");
        if (colon < 0) {
          return null;
        }
        String key = line.substring(0, colon);
        String value = line.substring(colon + 2);
        switch (key) {
          case "train" -> perClass[0] = counts(value);
          case "validation" -> perClass[1] = counts(value);
          case "test" -> perClass[2] = counts(value);
          case "crc32" -> crc = Long.parseLong(value, 16);
          case "source-bytes" -> source = Long.parseLong(value);
          case "image" -> image = value;
          case "requested" -> requested = value;
          case "skipped" -> skipped.add(value);
          default -> {}
        }
      }
      if (!("3 " + side + " " + side).equals(image)
          || !(sizes.train() + " " + sizes.validation() + " " + sizes.test()).equals(requested)
          || perClass[0] == null || perClass[1] == null || perClass[2] == null || crc < 0
          || (sourceBytes >= 0 && source >= 0 && source != sourceBytes)) {
        return null;
      }
      long sample = 3L * side * side;
      long payload = 0;
      for (int[] counts : perClass) {
        payload += (counts[0] + (long) counts[1]) * sample;
      }
      if (fileSize != headerBytes[0] + payload) {
        return null;
      }
      CRC32 check = new CRC32();
      byte[][] pixels = new byte[3][];
      for (int s = 0; s < 3; s++) {
        pixels[s] = new byte[(int) ((perClass[s][0] + (long) perClass[s][1]) * sample)];
        if (in.readNBytes(pixels[s], 0, pixels[s].length) != pixels[s].length) {
          return null;
        }
        check.update(pixels[s]);
      }
      return check.getValue() == crc ? new Decoded(pixels, perClass, skipped) : null;
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  private static int[] counts(String value) {
    String[] parts = value.trim().split(" ");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }

  /** A UTF-8 line ended by '\n' (at most 64 KB), counting its bytes; null at the end or if too long. */
  private static String line(InputStream in, long[] count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0 || bytes.size() > 65_536) {
        return null;
      }
      bytes.write(b);
    }
    count[0] += bytes.size() + 1;
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Writes the cache file (into .part, then moved); false, with a note, if it cannot be written. */
  private static boolean writeCache(Path file, Found found, long sourceBytes, Sizes sizes, int side, Decoded decoded) {
    CRC32 crc = new CRC32();
    for (byte[] part : decoded.pixels()) {
      crc.update(part);
    }
    StringBuilder header = new StringBuilder(CACHE_MAGIC).append('\n');
    header.append("source: ").append(oneLine(found.path().getFileName().toString())).append('\n');
    header.append("source-bytes: ").append(sourceBytes).append('\n');
    header.append("image: 3 ").append(side).append(' ').append(side).append('\n');
    header.append("requested: ").append(sizes.train()).append(' ').append(sizes.validation()).append(' ')
        .append(sizes.test()).append('\n');
    String[] names = {"train", "validation", "test"};
    for (int s = 0; s < 3; s++) {
      header.append(names[s]).append(": ").append(decoded.perClass()[s][0]).append(' ')
          .append(decoded.perClass()[s][1]).append('\n');
    }
    header.append("order: subsets train, validation, test; cats then dogs; each image C x H x W uint8 (R, G, B planes)\n");
    header.append("crc32: ").append(HexFormat.of().toHexDigits((int) crc.getValue())).append('\n');
    for (String skip : decoded.skipped()) {
      header.append("skipped: ").append(oneLine(skip)).append('\n');
    }
    header.append("END\n");
    Path part = file.resolveSibling(file.getFileName() + ".part");
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = new BufferedOutputStream(new FileOutputStream(part.toFile()), 1 << 20)) {
        out.write(header.toString().getBytes(StandardCharsets.UTF_8));
        for (byte[] pixels : decoded.pixels()) {
          out.write(pixels);
        }
      }
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // nothing more to do
      }
      System.out.println(
          "참고: 변환한 사진을 캐시 " + file.getParent() + "에 저장하지 못했습니다 (" + Download.describe(e)
              + "). 다음에도 사진을 다시 읽습니다. " + DataLocations.CACHE_DIR_ENV + "를 쓸 수 있는 폴더로 설정하면 저장합니다.");
      return false;
    }
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
