package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import kr.dlcourse.notebook.StoppedException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cats-vs-dogs pipeline against generated zips (Microsoft's and Kaggle's layouts, with empty,
 * cut-off and non-image files) served from 127.0.0.1, and against folders.
 */
class CatsDogsTest {

  /** 6 / 3 / 6 per class: 15 readable photos of each class out of numbers 0-16. */
  static final CatsDogs.Sizes SMALL = new CatsDogs.Sizes(6, 3, 6);

  static final int SIDE = CatsDogs.IMAGE_SIZE;
  static byte[] zip;
  static TestServer server;

  @BeforeAll
  static void serve() throws IOException {
    try (Stream<Path> old = Files.walk(DataLocations.cacheRoot())) {
      old.filter(p -> p.toString().contains("/cd-") || p.toString().contains("/" + CatsDogs.FOLDER + "/"))
          .sorted(Comparator.reverseOrder())
          .forEach(p -> p.toFile().delete());
    } catch (java.nio.file.NoSuchFileException e) {
      // first run
    }
    zip = SyntheticCatsDogs.zip(20, 7, SyntheticCatsDogs.Layout.MICROSOFT, 60, 140);
    server = new TestServer(zip);
    Download.retryPauseMillis = 1;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static CatsDogs.Source source(String folder, String... behaviours) {
    return new CatsDogs.Source(
        "Cats vs dogs (test)", folder, CatsDogs.MICROSOFT_FILE, Stream.of(behaviours).map(server::base).toList());
  }

  static CatsDogs.Sets load(String folder, String... behaviours) {
    return CatsDogs.load(source(folder, behaviours), SMALL, SIDE);
  }

  static Path cache(String folder) {
    return DataLocations.cacheDir(folder);
  }

  static List<String> filesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static final String CACHE_FILE = "decoded-kagglecatsanddogs_5340-180px-6-3-6.u8";

  /** The decoded pixels of one entry of the generated zip. */
  static byte[] entry(String name) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().equals(name)) {
          return CatsDogs.decode(in.readAllBytes(), SIDE);
        }
      }
    }
    throw new AssertionError(name + " not in the zip");
  }

  static void assertLessonShape(CatsDogs.Sets sets, String title) {
    assertEquals(12, sets.train().size());
    assertEquals(6, sets.validation().size());
    assertEquals(12, sets.test().size());
    assertArrayEquals(new int[] {6, 6}, sets.train().classCounts());
    assertArrayEquals(new int[] {3, 3}, sets.validation().classCounts());
    assertArrayEquals(new int[] {6, 6}, sets.test().classCounts());
    assertEquals(new Shape(3, 180, 180), sets.train().imageShape());
    assertEquals(List.of("cat", "dog"), sets.train().classNames());
    assertEquals(List.of("고양이", "개"), sets.test().koreanNames());
    assertEquals(title + " train", sets.train().name());
    assertEquals(title + " validation", sets.validation().name());
    assertEquals(title + " test", sets.test().name());
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, sets.train().labels());
  }

  @Test
  void downloadsDecodesSkipsUnreadablePhotosAndCaches() throws Exception {
    CatsDogs.Sets sets = load("cd-good", "good");
    assertLessonShape(sets, "Cats vs dogs (test)");
    assertEquals(4, sets.skipped().size(), sets.skipped().toString());
    assertEquals("PetImages/Cat/2.jpg: 빈 파일 (0 바이트)", sets.skipped().get(0));
    assertTrue(sets.skipped().get(1).startsWith("PetImages/Cat/5.jpg: 잘린 JPEG입니다"), sets.skipped().get(1));
    assertTrue(sets.skipped().get(2).startsWith("PetImages/Dog/3.jpg: 이미지 파일이 아닙니다"), sets.skipped().get(2));
    assertEquals("PetImages/Dog/7.jpg: 빈 파일 (0 바이트)", sets.skipped().get(3));

    // a skipped number is replaced by the next one: cats 0 1 3 4 6 7 | 8 9 10 | 11-16
    assertArrayEquals(entry("PetImages/Cat/0.jpg"), sets.train().pixels(0));
    assertArrayEquals(entry("PetImages/Cat/1.jpg"), sets.train().pixels(1), "grey JPEG");
    assertArrayEquals(entry("PetImages/Cat/3.jpg"), sets.train().pixels(2));
    assertArrayEquals(entry("PetImages/Cat/7.jpg"), sets.train().pixels(5));
    assertArrayEquals(entry("PetImages/Cat/8.jpg"), sets.validation().pixels(0), "CMYK JPEG");
    assertArrayEquals(entry("PetImages/Cat/11.jpg"), sets.test().pixels(0));
    // dogs 0 1 2 4 5 6 | 8 9 10 | 11-16
    assertArrayEquals(entry("PetImages/Dog/4.jpg"), sets.train().pixels(9), "a PNG named .jpg");
    assertArrayEquals(entry("PetImages/Dog/8.jpg"), sets.validation().pixels(3));
    assertArrayEquals(entry("PetImages/Dog/16.jpg"), sets.test().pixels(11));

    assertEquals(List.of(CACHE_FILE, CatsDogs.MICROSOFT_FILE), filesIn(cache("cd-good")));
    String summary = sets.summary();
    assertTrue(summary.startsWith("훈련 12장 (고양이 6 · 개 6), 검증 6장 (고양이 3 · 개 3), 테스트 12장 (고양이 6 · 개 6); 180×180 RGB."), summary);
    assertTrue(summary.contains("읽을 수 없어 건너뛴 파일 4개: PetImages/Cat/2.jpg: 빈 파일"), summary);

    byte[] head = Arrays.copyOf(Files.readAllBytes(cache("cd-good").resolve(CACHE_FILE)), 400);
    String header = new String(head, StandardCharsets.UTF_8);
    assertTrue(header.startsWith("DLCOURSE CATS-VS-DOGS CACHE 1\nsource: kagglecatsanddogs_5340.zip\nsource-bytes: " + zip.length + "\nimage: 3 180 180\nrequested: 6 3 6\ntrain: 6 6\nvalidation: 3 3\ntest: 6 6\n"), header);
    assertEquals(
        head.length > 0 ? Files.size(cache("cd-good").resolve(CACHE_FILE)) : 0,
        headerLength(cache("cd-good").resolve(CACHE_FILE)) + 30L * 3 * 180 * 180);
  }

  static long headerLength(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, 0, Math.min(bytes.length, 4000), StandardCharsets.ISO_8859_1);
    return text.indexOf("\nEND\n") + 5;
  }

  @Test
  void theCacheIsUsedWithoutTheZip() throws Exception {
    CatsDogs.Sets first = load("cd-reuse", "good");
    Files.delete(cache("cd-reuse").resolve(CatsDogs.MICROSOFT_FILE));
    CatsDogs.forgetMemory();
    int requests = server.requests.size();
    long started = System.nanoTime();
    CatsDogs.Sets again = load("cd-reuse", "good");
    assertEquals(requests, server.requests.size(), "nothing is downloaded");
    assertEquals(List.of(CACHE_FILE), filesIn(cache("cd-reuse")), "nor decoded again");
    assertArrayEquals(first.train().pixelArray(), again.train().pixelArray());
    assertArrayEquals(first.test().pixelArray(), again.test().pixelArray());
    assertArrayEquals(first.validation().labels(), again.validation().labels());
    assertEquals(first.skipped(), again.skipped());
    assertTrue(System.nanoTime() - started < 2e9, "a cached load takes well under a second here");
  }

  @Test
  void aDamagedCacheIsRebuilt() throws Exception {
    CatsDogs.Sets first = load("cd-rebuild", "good");
    Path file = cache("cd-rebuild").resolve(CACHE_FILE);
    long size = Files.size(file);
    int requests = server.requests.size();

    // cut off
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 1000));
    CatsDogs.forgetMemory();
    assertArrayEquals(first.train().pixelArray(), load("cd-rebuild", "good").train().pixelArray());
    assertEquals(size, Files.size(file));

    // one pixel changed: the CRC-32 no longer matches
    bytes = Files.readAllBytes(file);
    bytes[bytes.length - 5] ^= 0x40;
    Files.write(file, bytes);
    CatsDogs.forgetMemory();
    assertArrayEquals(first.test().pixelArray(), load("cd-rebuild", "good").test().pixelArray());
    assertEquals(size, Files.size(file));
    assertFalse(Arrays.equals(bytes, Files.readAllBytes(file)));

    // not a cache at all
    Files.writeString(file, "hello");
    CatsDogs.forgetMemory();
    assertArrayEquals(first.validation().pixelArray(), load("cd-rebuild", "good").validation().pixelArray());
    assertEquals(size, Files.size(file));
    assertEquals(requests, server.requests.size(), "rebuilt from the zip already in the cache");
  }

  @Test
  void resumesAnInterruptedDownload() throws IOException {
    CatsDogs.Sets sets = load("cd-drop", "drop");
    assertEquals(12, sets.train().size());
    assertTrue(
        server.requests.stream().anyMatch(r -> r.startsWith("/drop/") && r.contains("bytes=")),
        "the retry asks for the rest only: " + server.requests);
    assertEquals(List.of(CACHE_FILE, CatsDogs.MICROSOFT_FILE), filesIn(cache("cd-drop")));
  }

  @Test
  void aConnectionThatClosesEarlySaysTheDownloadWasCutOff() throws IOException {
    DatasetException e = assertThrows(DatasetException.class, () -> load("cd-short", "short"));
    assertEquals("데이터 오류", e.title());
    String m = e.getMessage();
    assertTrue(m.startsWith("kagglecatsanddogs_5340.zip 파일을 내려받지 못했습니다."), m);
    assertTrue(m.contains("연결이 중간에 끊겨 파일이 잘렸습니다 (" + String.format("%,d", zip.length) + " 바이트 중 "), m);
    assertTrue(m.contains("(시도 3)"), m);
    assertTrue(m.contains("$COURSE_DATA_DIR/cd-short/"), m);
    assertFalse(filesIn(cache("cd-short")).contains(CatsDogs.MICROSOFT_FILE));
  }

  @Test
  void aTruncatedOrCorruptDownloadIsNamedAndRemoved() throws IOException {
    DatasetException cut = assertThrows(DatasetException.class, () -> load("cd-truncated", "truncated"));
    String m = cut.getMessage();
    assertTrue(m.contains(server.base("truncated") + "kagglecatsanddogs_5340.zip: 받은 파일이 잘렸습니다 (zip 파일 끝에 있어야 할 목차(central directory)가 없습니다: 파일 크기 "
        + String.format("%,d", zip.length / 2) + " 바이트); 지우고 다음 주소로 넘어갔습니다"), m);
    assertEquals(List.of(), filesIn(cache("cd-truncated")));

    DatasetException damaged = assertThrows(DatasetException.class, () -> load("cd-corrupt", "corrupt"));
    m = damaged.getMessage();
    assertTrue(m.contains("kagglecatsanddogs_5340.zip: 받은 파일이 손상되었습니다 (PetImages/"), m);
    assertFalse(m.contains("잘렸"), m);
    assertEquals(List.of(), filesIn(cache("cd-corrupt")));

    CatsDogs.Sets sets = load("cd-fallback", "corrupt", "good");
    assertEquals(6, sets.validation().size(), "the next address is tried");
  }

  @Test
  void withoutNetworkTheMessageSaysWhereToPutTheFile() {
    CatsDogs.Source offline =
        new CatsDogs.Source("Cats vs dogs (test)", "cd-offline", CatsDogs.MICROSOFT_FILE, List.of("http://127.0.0.1:9/"));
    DatasetException e = assertThrows(DatasetException.class, () -> CatsDogs.load(offline, SMALL, SIDE));
    assertEquals("데이터 오류", e.title());
    String m = e.getMessage();
    assertTrue(m.startsWith("kagglecatsanddogs_5340.zip 파일을 내려받지 못했습니다."), m);
    assertTrue(m.contains("http://127.0.0.1:9/kagglecatsanddogs_5340.zip (시도 1): 서버에 연결할 수 없습니다"), m);
    assertTrue(m.contains("인터넷이 안 되면"), m);
    assertTrue(m.contains("kagglecatsanddogs_5340.zip 파일을 직접 " + cache("cd-offline") + " 폴더에 넣으세요"), m);
    assertTrue(m.contains("$COURSE_DATA_DIR/cd-offline/"), m);
    assertTrue(m.contains("원래 주소: http://127.0.0.1:9/kagglecatsanddogs_5340.zip (약 790 MB)."), m);
    assertTrue(m.contains("Kaggle에서 받은 train.zip"), m);
  }

  @Test
  void theOfficialSourceIsMicrosoftsZip() {
    assertEquals(
        "https://download.microsoft.com/download/3/E/1/3E1C3F21-ECDB-4869-8368-6DEBA77B919F/kagglecatsanddogs_5340.zip",
        Download.addresses(CatsDogs.MICROSOFT_FILE, CatsDogs.OFFICIAL.baseUrls(), java.util.Optional.empty()).get(0).toString());
    assertEquals(new CatsDogs.Sizes(1000, 500, 1000), CatsDogs.LESSON);
    assertEquals(new CatsDogs.Sizes(100, 50, 100), CatsDogs.QUICK);
  }

  @Test
  void aTruncatedZipInTheCacheIsRemovedWithAMessage() throws IOException {
    Path dir = Files.createDirectories(cache("cd-cut"));
    Files.write(dir.resolve(CatsDogs.MICROSOFT_FILE), Arrays.copyOf(zip, zip.length / 2));
    DatasetException e =
        assertThrows(DatasetException.class, () -> CatsDogs.load(source("cd-cut"), SMALL, SIDE));
    String m = e.getMessage();
    assertTrue(m.startsWith("Cats vs dogs (test) 압축 파일이 잘렸습니다 (zip 파일 끝에 있어야 할 목차(central directory)가 없습니다"), m);
    assertTrue(m.contains(dir.resolve(CatsDogs.MICROSOFT_FILE) + ". 캐시에서 지웠으니 셀을 다시 실행하면 새로 내려받습니다."), m);
    assertFalse(Files.exists(dir.resolve(CatsDogs.MICROSOFT_FILE)));
  }

  @Test
  void aDamagedZipOfYourOwnIsLeftAloneWithWhatToDo(@TempDir Path usb) throws IOException {
    byte[] damaged = zip.clone();
    for (int i = damaged.length / 4; i < damaged.length / 4 + 2000; i++) {
      damaged[i] ^= 0x5a;
    }
    Path file = usb.resolve(CatsDogs.MICROSOFT_FILE);
    Files.write(file, damaged);
    DatasetException e = assertThrows(DatasetException.class, () -> CatsDogs.load(file, SMALL, SIDE));
    String m = e.getMessage();
    assertTrue(m.startsWith("Cats vs dogs 압축 파일이 손상되었습니다 (PetImages/Cat/"), m);
    assertTrue(m.contains("이 파일을 온전한 kagglecatsanddogs_5340.zip (https://download.microsoft.com/"), m);
    assertTrue(Files.exists(file), "a file outside the cache is left alone");
  }

  @Test
  void kagglesTrainZipIsReadToo(@TempDir Path tmp) throws Exception {
    byte[] kaggle = SyntheticCatsDogs.zip(20, 7, SyntheticCatsDogs.Layout.KAGGLE, 60, 140);
    Path file = tmp.resolve("train.zip");
    Files.write(file, kaggle);
    CatsDogs.Sets sets = CatsDogs.load(file, SMALL, SIDE);
    assertLessonShape(sets, "Cats vs dogs");
    assertEquals("train/cat.2.jpg: 빈 파일 (0 바이트)", sets.skipped().get(0));
    assertEquals(4, sets.skipped().size());
    CatsDogs.Sets fromMicrosoft = load("cd-good", "good");
    assertArrayEquals(fromMicrosoft.train().pixelArray(), sets.train().pixelArray(), "the same photos, the other layout");

    // found by name in the data folders (here the cache folder), with no address to download from
    Path dir = Files.createDirectories(cache("cd-kaggle"));
    Files.write(dir.resolve("train.zip"), kaggle);
    CatsDogs.Sets found = CatsDogs.load(source("cd-kaggle"), SMALL, SIDE);
    assertArrayEquals(sets.test().pixelArray(), found.test().pixelArray());
    assertTrue(filesIn(dir).contains("decoded-train-180px-6-3-6.u8"), filesIn(dir).toString());
  }

  @Test
  void anUnpackedFolderGivesTheSamePhotos(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("unpacked");
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = root.resolve(e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.write(target, in.readAllBytes());
        }
      }
    }
    CatsDogs.Sets fromFolder = CatsDogs.load(root, SMALL, SIDE);
    CatsDogs.Sets fromZip = load("cd-good", "good");
    assertLessonShape(fromFolder, "Cats vs dogs");
    assertArrayEquals(fromZip.train().pixelArray(), fromFolder.train().pixelArray());
    assertArrayEquals(fromZip.test().pixelArray(), fromFolder.test().pixelArray());
    assertEquals(
        fromZip.skipped().stream().map(s -> s.replace("PetImages/", "")).toList(),
        fromFolder.skipped().stream().map(s -> s.replace("PetImages/", "")).toList());
  }

  @Test
  void aSmallFolderOfYourOwnIsSplitInTheSameProportion(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("my-pets");
    for (int i = 0; i < 5; i++) {
      ImageFolderTest.png(root.resolve("Cats/kitty-" + (char) ('a' + i) + ".png"), 30, 20, 0xff0000);
      ImageFolderTest.png(root.resolve("dogs/" + (char) ('a' + i) + ".PNG"), 20, 30, 0x0000ff);
    }
    Files.writeString(root.resolve("dogs/notes.txt"), "not a photo");
    CatsDogs.Sets sets = CatsDogs.load(root, SMALL, SIDE);
    assertArrayEquals(new int[] {2, 2}, sets.train().classCounts());
    assertArrayEquals(new int[] {1, 1}, sets.validation().classCounts());
    assertArrayEquals(new int[] {2, 2}, sets.test().classCounts());
    byte[] cat = sets.test().pixels(0);
    assertEquals(255, cat[0] & 0xff);
    assertEquals(0, cat[180 * 180] & 0xff);
    byte[] dog = sets.test().pixels(3);
    assertEquals(0, dog[0] & 0xff);
    assertEquals(255, dog[2 * 180 * 180 + 5] & 0xff);
    assertEquals(List.of(), sets.skipped());
  }

  @Test
  void theLessonsPreparedFoldersAreReadWithImageFolder(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("cats_vs_dogs_small");
    int[] sizes = {4, 2, 3};
    String[] names = {"train", "validation", "test"};
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < sizes[s]; i++) {
        ImageFolderTest.png(root.resolve(names[s] + "/cat/cat." + i + ".jpg.png"), 40, 40, 0x808080);
        ImageFolderTest.png(root.resolve(names[s] + "/dog/dog." + i + ".jpg.png"), 40, 40, 0x404040);
      }
    }
    CatsDogs.Sets sets = CatsDogs.load(root, SMALL, SIDE);
    assertArrayEquals(new int[] {4, 4}, sets.train().classCounts());
    assertArrayEquals(new int[] {2, 2}, sets.validation().classCounts());
    assertArrayEquals(new int[] {3, 3}, sets.test().classCounts());
    assertEquals(List.of("고양이", "개"), sets.train().koreanNames());
    assertEquals("Cats vs dogs validation", sets.validation().name());
    assertEquals(new Shape(3, 180, 180), sets.test().imageShape());

    CatsDogs.Sets fewer = CatsDogs.load(root, new CatsDogs.Sizes(1, 1, 2), SIDE);
    assertArrayEquals(new int[] {1, 1}, fewer.train().classCounts(), "a larger folder gives a balanced sample");
    assertArrayEquals(new int[] {1, 1}, fewer.validation().classCounts());
    assertArrayEquals(new int[] {2, 2}, fewer.test().classCounts());
  }

  @Test
  void aFolderWithoutCatsAndDogsSaysWhatItShouldHold(@TempDir Path tmp) throws IOException {
    ImageFolderTest.png(tmp.resolve("birds/a.png"), 4, 4, 0);
    DatasetException e = assertThrows(DatasetException.class, () -> CatsDogs.load(tmp, SMALL, SIDE));
    assertTrue(e.getMessage().contains("고양이와 개 사진을 찾지 못했습니다"), e.getMessage());
    assertTrue(e.getMessage().contains("cat/과 dog/ 하위 폴더"), e.getMessage());

    Path other = tmp.resolve("other.zip");
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(other))) {
      out.putNextEntry(new ZipEntry("train.zip"));
      out.write(new byte[10]);
      out.closeEntry();
    }
    e = assertThrows(DatasetException.class, () -> CatsDogs.load(other, SMALL, SIDE));
    assertTrue(e.getMessage().contains("고양이 0장, 개 0장을 찾았습니다"), e.getMessage());
    assertTrue(e.getMessage().contains("그 train.zip을 꺼내 쓰세요"), e.getMessage());
  }

  @Test
  void theStopButtonStopsDecodingAndLeavesNoCache(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("stop-test.zip");
    Files.write(file, zip);
    Thread.currentThread().interrupt();
    StoppedException e = assertThrows(StoppedException.class, () -> CatsDogs.load(file, SMALL, SIDE));
    assertFalse(Thread.interrupted(), "the request is cleared");
    assertEquals("중지", e.title());
    assertTrue(e.getMessage().contains("사진을 읽다가 (0 / 30장) 멈췄습니다"), e.getMessage());
    assertTrue(
        filesIn(DataLocations.cacheDir(CatsDogs.FOLDER)).stream().noneMatch(n -> n.startsWith("decoded-stop-test")),
        "nothing half-done is cached");
    assertEquals(12, CatsDogs.load(file, SMALL, SIDE).train().size(), "the next run works");
  }

  // ---------------------------------------------------------------------------------------------
  // One photo

  @Test
  void greyCmykPngAndOddFilesDecodeLikePil() throws Exception {
    BufferedImage grey = new BufferedImage(50, 40, BufferedImage.TYPE_BYTE_GRAY);
    fill(grey, new Color(128, 128, 128));
    byte[] fromGrey = CatsDogs.decode(SyntheticCatsDogs.png(grey), 8);
    for (byte v : fromGrey) {
      assertEquals(128, v & 0xff, "grey is copied, not gamma-converted");
    }

    BufferedImage colour = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    fill(colour, new Color(200, 100, 30));
    byte[] fromCmyk = CatsDogs.decode(SyntheticCatsDogs.cmykJpeg(colour), 8);
    assertEquals(200, fromCmyk[0] & 0xff, 3);
    assertEquals(100, fromCmyk[64] & 0xff, 3);
    assertEquals(30, fromCmyk[128] & 0xff, 3);

    byte[] fromPng = CatsDogs.decode(SyntheticCatsDogs.png(colour), 180);
    assertEquals(3 * 180 * 180, fromPng.length);
    assertEquals(200, fromPng[180 * 180 - 1] & 0xff);
    assertEquals(100, fromPng[2 * 180 * 180 - 1] & 0xff);

    BufferedImage transparent = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
    fill(transparent, new Color(10, 20, 30, 0));
    assertEquals(20, CatsDogs.decode(SyntheticCatsDogs.png(transparent), 4)[16] & 0xff, "alpha is dropped");

    assertEquals("빈 파일 (0 바이트)", unreadable(new byte[0]));
    assertTrue(unreadable("hello".getBytes(StandardCharsets.US_ASCII)).startsWith("이미지 파일이 아닙니다"));
    byte[] jpeg = SyntheticCatsDogs.jpeg(colour);
    assertEquals("잘린 JPEG입니다 (데이터가 중간에 끝납니다)", unreadable(Arrays.copyOf(jpeg, jpeg.length / 2)));
    byte[] photo = SyntheticCatsDogs.jpeg(SyntheticCatsDogs.draw(true, new java.util.Random(1), 200, 150));
    assertEquals("잘린 JPEG입니다 (데이터가 중간에 끝납니다)", unreadable(Arrays.copyOf(photo, photo.length * 3 / 4)), "grey-filled by libjpeg");
    CatsDogs.decode(Arrays.copyOf(photo, photo.length - 2), 8); // only the end marker missing: kept
    byte[] garbled = photo.clone();
    for (int i = 2; i < 200; i++) {
      garbled[i] = (byte) (i * 7);
    }
    assertTrue(unreadable(garbled).startsWith("이미지가 손상되어 읽을 수 없습니다 ("), unreadable(garbled));
  }

  @Test
  void resizingIsSmoothLikePilsBilinearFilter() {
    // 360 wide: left half black, right half white, shrunk by 2 to 180
    int[] plane = new int[360 * 2];
    for (int y = 0; y < 2; y++) {
      for (int x = 180; x < 360; x++) {
        plane[y * 360 + x] = 255;
      }
    }
    byte[] out = CatsDogs.resize(new int[][] {plane, plane, plane}, 360, 2, 180);
    int[] row = new int[180];
    for (int x = 0; x < 180; x++) {
      row[x] = out[x] & 0xff;
    }
    assertEquals(0, row[88]);
    assertEquals(255, row[91]);
    // PIL (bilinear, support 2 at scale 2): columns 89 and 90 straddle the edge with weights 1/8 and 7/8
    assertEquals(Math.round(255 / 8.0), row[89]);
    assertEquals(Math.round(255 * 7 / 8.0), row[90]);
  }

  private static String unreadable(byte[] bytes) {
    return assertThrows(CatsDogs.UnreadableImageException.class, () -> CatsDogs.decode(bytes, 8)).getMessage();
  }

  private static void fill(BufferedImage image, Color colour) {
    Graphics2D g = image.createGraphics();
    g.setComposite(java.awt.AlphaComposite.Src);
    g.setColor(colour);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.dispose();
  }

  // ---------------------------------------------------------------------------------------------
  // The stand-in

  @Test
  void theStandInHasMicrosoftsLayoutAndItsFlaws() throws IOException {
    try (ZipFile standIn = new ZipFile(writeTemp(SyntheticCatsDogs.zip(170, SyntheticCatsDogs.SEED, SyntheticCatsDogs.Layout.MICROSOFT, 40, 60)).toFile())) {
      assertTrue(standIn.getComment().startsWith(SyntheticCatsDogs.MARK));
      assertEquals(0, standIn.getEntry("PetImages/Cat/2.jpg").getSize());
      assertEquals(0, standIn.getEntry("PetImages/Dog/7.jpg").getSize());
      assertTrue(standIn.getEntry("PetImages/Cat/169.jpg").getSize() > 0);
      assertTrue(standIn.getEntry("PetImages/Dog/Thumbs.db") != null);
      try (InputStream in = standIn.getInputStream(standIn.getEntry("PetImages/Cat/0.jpg"))) {
        BufferedImage image = ImageIO.read(in);
        assertTrue(image.getWidth() >= 40 && image.getWidth() <= 60);
      }
      assertEquals(2 * 170, standIn.stream().filter(e -> e.getName().endsWith(".jpg")).count());
    }
    assertTrue(SyntheticCatsDogs.unreadable(0, 123) && SyntheticCatsDogs.unreadable(1, 451) && !SyntheticCatsDogs.unreadable(0, 124));
    assertArrayEquals(
        SyntheticCatsDogs.zip(5, 3, SyntheticCatsDogs.Layout.KAGGLE, 40, 60),
        SyntheticCatsDogs.zip(5, 3, SyntheticCatsDogs.Layout.KAGGLE, 40, 60),
        "the same arguments give the same bytes");
    assertEquals("Cats vs dogs (synthetic stand-in)", SyntheticCatsDogs.TITLE);
  }

  @Test
  void aSmallCnnTellsTheStandInsCatsFromItsDogs(@TempDir Path tmp) throws IOException {
    Course.setup();
    Path file = Files.write(tmp.resolve("stand-in.zip"), SyntheticCatsDogs.zip(170, SyntheticCatsDogs.SEED, SyntheticCatsDogs.Layout.MICROSOFT, 60, 140));
    CatsDogs.Sets sets = CatsDogs.load(file, new CatsDogs.Sizes(100, 5, 60), 32);
    assertEquals(5, sets.skipped().size(), sets.skipped().toString());
    Normalization stats = sets.train().statistics();
    SequentialBlock net =
        new SequentialBlock()
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
            .add(Activation::relu)
            .add(Pool.maxPool2dBlock(new Shape(2, 2)))
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
            .add(Activation::relu)
            .add(Pool.maxPool2dBlock(new Shape(2, 2)))
            .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
            .add(Activation::relu)
            .add(Pool.globalMaxPool2dBlock())
            .add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(2).build());
    try (Model model = Model.newInstance("stand-in");
        NDManager manager = NDManager.newBaseManager()) {
      model.setBlock(net);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.003f)).build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        for (int epoch = 0; epoch < 8; epoch++) {
          for (Batch b : sets.train().batches(manager, 30).shuffle(epoch).normalize(stats)) {
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray out = trainer.forward(b.data()).singletonOrThrow();
              gc.backward(trainer.getLoss().evaluate(b.labels(), new NDList(out)));
            }
            trainer.step();
          }
        }
        long correct = 0;
        for (Batch b : sets.test().batches(manager, 60).normalize(stats)) {
          NDArray predicted = trainer.evaluate(b.data()).singletonOrThrow().argMax(1);
          correct += predicted.eq(b.y()).sum().getLong();
        }
        double accuracy = correct / (double) sets.test().size();
        assertTrue(accuracy > 0.8, "test accuracy " + accuracy + " (chance is 0.5)");
      }
    }
  }

  @Test
  void theStandInServesQuickModeAndSaysItIsSynthetic() throws IOException {
    CatsDogs.Sets sets = CatsDogs.synthetic(CatsDogs.QUICK, 180);
    assertEquals("Cats vs dogs (synthetic stand-in) train", sets.train().name());
    assertEquals("Cats vs dogs (synthetic stand-in) test", sets.test().name());
    assertArrayEquals(new int[] {100, 100}, sets.train().classCounts());
    assertArrayEquals(new int[] {50, 50}, sets.validation().classCounts());
    assertArrayEquals(new int[] {100, 100}, sets.test().classCounts());
    assertEquals(6, sets.skipped().size(), sets.skipped().toString()); // cats 2 5 123, dogs 3 7 201
    Path dir = DataLocations.cacheDir(SyntheticCatsDogs.FOLDER);
    try (ZipFile standIn = new ZipFile(dir.resolve(CatsDogs.MICROSOFT_FILE).toFile())) {
      assertEquals(256, SyntheticCatsDogs.filesIn(standIn.getComment()));
    }
    assertTrue(filesIn(dir).contains("decoded-kagglecatsanddogs_5340-180px-100-50-100.u8"), filesIn(dir).toString());
    assertEquals(2524, SyntheticCatsDogs.filesPerClass(2500));
  }

  static Path writeTemp(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("cats-dogs", ".zip");
    file.toFile().deleteOnExit();
    return Files.write(file, bytes);
  }
}
