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
      assertTrue(e.getMessage().contains("the file was wrong (MD5"), e.getMessage());
      assertTrue(e.getMessage().contains("and was removed"), e.getMessage());
      assertEquals(List.of(), filesIn(cache(folder)), "no half-written file is left behind");
    }
  }

  @Test
  void aWrongPublishedChecksumIsReported() throws IOException {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> Cifar10.load(source("cifar-wrongsum", "0".repeat(32), "good")));
    assertTrue(e.getMessage().contains("expected " + "0".repeat(32)), e.getMessage());
    assertEquals(List.of(), filesIn(cache("cifar-wrongsum")));
  }

  @Test
  void withoutNetworkTheMessageSaysWhereToPutTheFile() {
    Cifar10.Source offline =
        new Cifar10.Source("CIFAR-10 (test)", "cifar-offline", "cifar-10-binary.tar.gz", List.of("http://127.0.0.1:9/"), md5);
    DatasetException e = assertThrows(DatasetException.class, () -> Cifar10.load(offline));
    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    assertTrue(e.getMessage().contains("put the file by hand into " + cache("cifar-offline")), e.getMessage());
    assertTrue(e.getMessage().contains("$COURSE_DATA_DIR/cifar-offline/"), e.getMessage());
  }

  @Test
  void aTruncatedArchiveInTheCacheIsRemovedWithAMessage() throws IOException {
    Path dir = Files.createDirectories(cache("cifar-cut"));
    Files.write(dir.resolve("cifar-10-binary.tar.gz"), java.util.Arrays.copyOf(archive, archive.length / 2));
    DatasetException e =
        assertThrows(DatasetException.class, () -> Cifar10.load(source("cifar-cut", md5)));
    assertTrue(e.getMessage().contains("is truncated or corrupt"), e.getMessage());
    assertTrue(e.getMessage().contains("removed from the cache"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("cifar-10-binary.tar.gz")));
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
    assertTrue(e.getMessage().contains("not a multiple of the 3073-byte record"), e.getMessage());
  }

  @Test
  void anUnwritableCacheSaysHowToChooseAnother() throws IOException {
    Path file = Files.createTempFile("not-a-folder", ".txt");
    DatasetException e =
        assertThrows(DatasetException.class, () -> Download.prepare(file.resolve("cifar-10")));
    assertTrue(e.getMessage().contains("is not writable"), e.getMessage());
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
