package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 download path against a server on 127.0.0.1 serving a generated archive. */
class Cifar10DownloadTest {

  static byte[] archive;
  static String md5;
  static TestServer server;

  @BeforeAll
  static void serve() throws IOException {
    try (Stream<Path> old = Files.walk(DataLocations.cacheRoot())) { // a clean cache for every run
      old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.nio.file.NoSuchFileException e) {
      // first run
    }
    archive = SyntheticCifar.archive(20, 5, 7);
    md5 = SyntheticCifar.md5(archive);
    server = new TestServer(archive);
    Download.retryPauseMillis = 1;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Cifar10.Source source(String folder, String md5, String... behaviours) {
    List<String> bases = Stream.of(behaviours).map(server::base).toList();
    return new Cifar10.Source("CIFAR-10 (test)", folder, "cifar-10-binary.tar.gz", bases, md5);
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

  @Test
  void downloadsOnceVerifiesAndLoads() throws IOException {
    Cifar10.Sets sets = Cifar10.load(source("cifar-good", md5, "good"));
    assertEquals(200, sets.train().size());
    assertEquals(50, sets.test().size());
    assertEquals("(3, 32, 32)", sets.train().imageShape().toString());
    assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20, 20, 20, 20}, sets.train().classCounts());
    assertEquals(List.of("cifar-10-binary.tar.gz"), filesIn(cache("cifar-good")));

    int requests = server.requests.size();
    Cifar10.Sets again = Cifar10.load(source("cifar-good", md5, "good"));
    assertEquals(requests, server.requests.size(), "a cached file is found without any network");
    assertEquals(200, again.train().size());
  }

  @Test
  void resumesAnInterruptedDownload() throws IOException {
    Cifar10.Sets sets = Cifar10.load(source("cifar-drop", md5, "drop"));
    assertEquals(200, sets.train().size());
    assertTrue(
        server.requests.stream().anyMatch(r -> r.startsWith("/drop/") && r.contains("bytes=")),
        "the retry asks for the rest only: " + server.requests);
    assertEquals(List.of("cifar-10-binary.tar.gz"), filesIn(cache("cifar-drop")));
  }

  @Test
  void aCorruptDownloadIsRemovedAndTheNextAddressTried() throws IOException {
    Cifar10.Sets sets = Cifar10.load(source("cifar-fallback", md5, "corrupt", "good"));
    assertEquals(50, sets.test().size());
    assertEquals(List.of("cifar-10-binary.tar.gz"), filesIn(cache("cifar-fallback")));
  }

  @Test
  void corruptOrTruncatedDownloadsFailAndLeaveNothing() throws IOException {
    for (String behaviour : List.of("corrupt", "truncated")) {
      String folder = "cifar-" + behaviour;
      DatasetException e =
          assertThrows(DatasetException.class, () -> Cifar10.load(source(folder, md5, behaviour)));
      assertEquals("데이터 오류", e.title());
      String m = e.getMessage();
      assertTrue(m.startsWith("cifar-10-binary.tar.gz 파일을 내려받지 못했습니다."), m);
      assertTrue(m.contains(server.base(behaviour) + "cifar-10-binary.tar.gz: 받은 파일이 "), m);
      if (behaviour.equals("truncated")) {
        // the server announced half the file as the whole: the gzip stream ends early
        assertTrue(m.contains("받은 파일이 잘렸습니다 (gzip 압축이 중간에 끝납니다: 파일 크기 "
            + String.format("%,d", archive.length / 2) + " 바이트)"), m);
        assertFalse(m.contains("MD5"), "the length is checked before the checksum: " + m);
      } else {
        assertTrue(m.contains("받은 파일이 손상되었"), m);
        assertFalse(m.contains("잘렸"), m);
      }
      assertTrue(m.contains("지우고 다음 주소로 넘어갔습니다"), m);
      assertEquals(List.of(), filesIn(cache(folder)), "no half-written file is left behind");
    }
  }

  @Test
  void aConnectionThatClosesEarlySaysTheDownloadWasCutOff() throws IOException {
    DatasetException e =
        assertThrows(DatasetException.class, () -> Cifar10.load(source("cifar-short", md5, "short")));
    String m = e.getMessage();
    assertTrue(m.contains("연결이 중간에 끊겨 파일이 잘렸습니다 (" + String.format("%,d", archive.length) + " 바이트 중 "), m);
    assertTrue(m.contains("(시도 1)") && m.contains("(시도 3)"), m);
    assertTrue(m.contains("$COURSE_DATA_DIR/cifar-short/"), m);
    assertFalse(filesIn(cache("cifar-short")).contains("cifar-10-binary.tar.gz"), "nothing unverified is trusted");
  }

  @Test
  void aMissingFileIsNotAskedForAgainAndTheNextAddressIsTried() throws IOException {
    String missing = server.base("missing");
    long before = server.requests.stream().filter(r -> r.startsWith("/missing/")).count();
    Cifar10.Sets sets = Cifar10.load(source("cifar-404-then-good", md5, "missing", "good"));
    assertEquals(50, sets.test().size());
    assertEquals(before + 1, server.requests.stream().filter(r -> r.startsWith("/missing/")).count(), "a 404 is not retried");

    DatasetException e =
        assertThrows(DatasetException.class, () -> Cifar10.load(source("cifar-404", md5, "missing")));
    assertEquals("데이터 오류", e.title());
    String m = e.getMessage();
    assertTrue(m.contains(missing + "cifar-10-binary.tar.gz (시도 1): 서버에 이 파일이 없습니다 (HTTP 404"), m);
    assertFalse(m.contains("(시도 2)"), m);
    assertTrue(m.contains("cifar-10-binary.tar.gz 파일을 직접 " + cache("cifar-404") + " 폴더에 넣으세요"), m);
  }

  @Test
  void aWrongPublishedChecksumIsReported() throws IOException {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> Cifar10.load(source("cifar-wrongsum", "0".repeat(32), "good")));
    assertTrue(e.getMessage().contains("예상한 " + "0".repeat(32) + "와 다릅니다"), e.getMessage());
    assertTrue(e.getMessage().contains("손상되었거나 다른 파일입니다"), e.getMessage());
    assertEquals(List.of(), filesIn(cache("cifar-wrongsum")));
  }

  @Test
  void withoutNetworkTheMessageSaysWhereToPutTheFile() {
    Cifar10.Source offline =
        new Cifar10.Source("CIFAR-10 (test)", "cifar-offline", "cifar-10-binary.tar.gz", List.of("http://127.0.0.1:9/"), md5);
    DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.load(offline));
    assertEquals("데이터 오류", e.title());
    String m = e.getMessage();
    assertTrue(m.startsWith("cifar-10-binary.tar.gz 파일을 내려받지 못했습니다."), m);
    assertTrue(m.contains("http://127.0.0.1:9/cifar-10-binary.tar.gz (시도 1): 서버에 연결할 수 없습니다"), m);
    assertTrue(m.contains("인터넷이 안 되면"), m);
    assertTrue(m.contains("파일을 직접 " + cache("cifar-offline") + " 폴더에 넣으세요"), m);
    assertTrue(m.contains("$COURSE_DATA_DIR/cifar-offline/"), m);
    assertTrue(m.contains("원래 주소: http://127.0.0.1:9/cifar-10-binary.tar.gz"), m);
  }

  @Test
  void aTruncatedArchiveInTheCacheIsRemovedWithAMessage() throws IOException {
    Path dir = Files.createDirectories(cache("cifar-cut"));
    Files.write(dir.resolve("cifar-10-binary.tar.gz"), java.util.Arrays.copyOf(archive, archive.length / 2));
    DatasetException e =
        assertThrows(DatasetException.class, () -> Cifar10.load(source("cifar-cut", md5)));
    assertEquals("데이터 오류", e.title());
    String m = e.getMessage();
    assertTrue(m.startsWith("CIFAR-10 (test) 압축 파일이 잘렸습니다 (gzip 압축이 중간에 끝납니다: 파일 크기 "
        + String.format("%,d", archive.length / 2) + " 바이트)"), m);
    assertTrue(m.contains(dir.resolve("cifar-10-binary.tar.gz").toString()), m);
    assertTrue(m.contains("캐시에서 지웠으니 셀을 다시 실행하면 새로 내려받습니다"), m);
    assertFalse(m.contains("MD5"), m);
    assertFalse(Files.exists(dir.resolve("cifar-10-binary.tar.gz")));
  }

  @Test
  void aCutOffOfficialArchiveIsNamedByItsSizeBeforeItsChecksum(@TempDir Path usb) throws IOException {
    Path file = usb.resolve("cifar-10-binary.tar.gz");
    Files.write(file, java.util.Arrays.copyOf(archive, 1000));
    DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.loadFile(file, Cifar10.OFFICIAL));
    String m = e.getMessage();
    assertTrue(m.startsWith("CIFAR-10 압축 파일이 잘렸습니다 (원본은 170,052,171 바이트인데 1,000 바이트뿐입니다): " + file), m);
    assertTrue(m.contains("원본 cifar-10-binary.tar.gz (MD5 c32a1d4ab5d03f1284b67883e8d87530)로 바꾸거나"), m);
    assertTrue(Files.exists(file), "a file outside the cache is left alone");
  }

  @Test
  void aDamagedArchiveSaysDamagedAndWhatToDo() throws IOException {
    byte[] damaged = archive.clone();
    for (int i = damaged.length / 3; i < damaged.length / 3 + 100; i++) {
      damaged[i] ^= 0x5a;
    }
    Path dir = Files.createDirectories(cache("cifar-damaged"));
    Path file = dir.resolve("cifar-10-binary.tar.gz");
    Files.write(file, damaged);
    DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.load(source("cifar-damaged", md5)));
    String m = e.getMessage();
    assertTrue(m.startsWith("CIFAR-10 (test) 압축 파일이 손상되었습니다"), m);
    assertFalse(m.contains("잘렸"), m);
    assertTrue(m.contains(file.toString()) && m.contains("캐시에서 지웠으니"), m);
    assertFalse(Files.exists(file));
  }

  @Test
  void aWrongRecordLengthIsNamed() throws IOException {
    byte[] bad = tarGz("cifar-10-batches-bin/data_batch_1.bin", new byte[3000]);
    Path dir = Files.createDirectories(cache("cifar-format"));
    Files.write(dir.resolve("cifar-10-binary.tar.gz"), bad);
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> Cifar10.load(source("cifar-format", SyntheticCifar.md5(bad))));
    assertTrue(e.getMessage().contains("CIFAR-10 바이너리 형식이 아닙니다"), e.getMessage());
    assertTrue(e.getMessage().contains("크기 3,000 바이트가 레코드 하나 3,073바이트"), e.getMessage());
  }

  @Test
  void anUnwritableCacheSaysHowToChooseAnother() throws IOException {
    Path file = Files.createTempFile("not-a-folder", ".txt");
    DatasetException e =
        assertThrows(DatasetException.class, () -> Download.prepare(file.resolve("cifar-10")));
    assertTrue(e.getMessage().contains("에 쓸 수 없습니다"), e.getMessage());
    assertTrue(e.getMessage().contains("COURSE_CACHE_DIR"), e.getMessage());
  }

  @Test
  void theStandInArchiveIsReproducible() {
    assertEquals(md5, SyntheticCifar.md5(SyntheticCifar.archive(20, 5, 7)));
  }

  @Test
  void catsAndDogsBecomeABinaryTask() {
    Cifar10.Sets sets = Cifar10.load(source("cifar-good", md5, "good"));
    ImageDataset pets = Cifar10.catsVsDogs(sets.train());
    assertEquals(40, pets.size());
    assertEquals(List.of("cat", "dog"), pets.classNames());
    assertArrayEquals(new int[] {20, 20}, pets.classCounts());
  }

  static byte[] tarGz(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }
}
