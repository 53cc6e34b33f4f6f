package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MNIST-style IDX files that are cut short, damaged or not downloadable: each gives one Korean
 * message that says which, with the sizes, the path and what to do.
 */
class IdxDatasetTest {

  static final int N = 200;
  static final int SIDE = 28;
  /** 16-byte header + 200 × 28 × 28 pixels. */
  static final int IMAGES_LENGTH = 16 + N * SIDE * SIDE;

  static byte[] images;
  static byte[] labels;

  @BeforeAll
  static void make() {
    Random random = new Random(3);
    ByteBuffer b = ByteBuffer.allocate(IMAGES_LENGTH);
    b.putInt(IdxDataset.IMAGES_MAGIC).putInt(N).putInt(SIDE).putInt(SIDE);
    byte[] pixels = new byte[N * SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (random.nextInt(4) * 60); // compressible, like real digits
    }
    images = b.put(pixels).array();
    ByteBuffer l = ByteBuffer.allocate(8 + N);
    l.putInt(IdxDataset.LABELS_MAGIC).putInt(N);
    for (int i = 0; i < N; i++) {
      l.put((byte) (i % 10));
    }
    labels = l.array();
    Download.retryPauseMillis = 1;
  }

  static IdxDataset.Spec spec(String folder, List<String> bases, Path... dirs) {
    IdxDataset.File img = new IdxDataset.File("tiny-images-idx3-ubyte", Checksums.sha256(images));
    IdxDataset.File lab = new IdxDataset.File("tiny-labels-idx1-ubyte", Checksums.sha256(labels));
    return new IdxDataset.Spec(
        "Tiny-MNIST", folder, bases, List.of(dirs), img, lab, img, lab, Mnist.CLASSES, Mnist.CLASSES);
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }

  static DatasetException load(IdxDataset.Spec spec) {
    DatasetException e = assertThrows(DatasetException.class, () -> IdxDataset.load(spec, true));
    assertEquals("데이터 오류", e.title(), e.toString());
    assertTrue(e.toString().startsWith("데이터 오류: "), e.toString());
    return e;
  }

  @Test
  void intactFilesLoad(@TempDir Path usb) throws IOException {
    Files.write(usb.resolve("tiny-images-idx3-ubyte"), images);
    Files.write(usb.resolve("tiny-labels-idx1-ubyte.gz"), gzip(labels));
    ImageDataset data = IdxDataset.load(spec("idx-intact", List.of(), usb), true);
    assertEquals(N, data.size());
    assertEquals("(1, 28, 28)", data.imageShape().toString());
  }

  @Test
  void aTruncatedIdxFileSaysTruncatedWithTheSizesNotAChecksumMismatch(@TempDir Path usb)
      throws IOException {
    Path file = usb.resolve("tiny-images-idx3-ubyte");
    Files.write(file, Arrays.copyOf(images, 5000));
    Files.write(usb.resolve("tiny-labels-idx1-ubyte"), labels);
    String m = load(spec("idx-cut", List.of(), usb)).getMessage();
    assertTrue(
        m.startsWith(
            "Tiny-MNIST 파일이 잘렸습니다 (헤더에 따르면 이미지 200장 × 28×28 픽셀로 156,816 바이트여야 하는데 5,000 바이트뿐입니다): "
                + file),
        m);
    assertFalse(m.contains("SHA-256"), "the length is checked before the checksum: " + m);
    assertTrue(m.contains("이 파일을 원본으로 바꾸거나, 지운 뒤 셀을 다시 실행해 새로 내려받으세요"), m);
    assertTrue(Files.exists(file), "a file outside the cache is left alone");
  }

  @Test
  void aTruncatedGzippedIdxFileInTheCacheIsRemovedAndSaysTruncated() throws IOException {
    IdxDataset.Spec spec = spec("idx-cut-gz", List.of());
    Path dir = Files.createDirectories(DataLocations.cacheDir("idx-cut-gz"));
    byte[] gz = gzip(images);
    Path file = dir.resolve("tiny-images-idx3-ubyte.gz");
    Files.write(file, Arrays.copyOf(gz, gz.length / 2));
    String m = load(spec).getMessage();
    assertTrue(m.startsWith("Tiny-MNIST 파일이 잘렸습니다 (gzip 압축 파일이 중간에 끝납니다: 파일 크기 "
        + String.format("%,d", gz.length / 2) + " 바이트, 압축을 푼 내용은 헤더에 따르면 156,816 바이트여야 하는데 "), m);
    assertTrue(m.contains(file.toString()), m);
    assertTrue(m.contains("캐시에서 지웠으니 셀을 다시 실행하면 새로 내려받습니다"), m);
    assertFalse(Files.exists(file), "a bad file in the cache is removed");
  }

  @Test
  void aCorruptIdxFileOfTheRightLengthSaysDamaged(@TempDir Path usb) throws IOException {
    byte[] damaged = images.clone();
    damaged[1000] ^= 0x01;
    Path file = usb.resolve("tiny-images-idx3-ubyte");
    Files.write(file, damaged);
    String m = load(spec("idx-damaged", List.of(), usb)).getMessage();
    assertTrue(m.startsWith("Tiny-MNIST 파일이 손상되었거나 다른 파일입니다 (길이는 맞지만 내용의 SHA-256이 "), m);
    assertTrue(m.contains(Checksums.sha256(images)), "the expected checksum is named: " + m);
    assertTrue(m.contains(file.toString()), m);
    assertTrue(m.contains("원본으로 바꾸거나, 지운 뒤 셀을 다시 실행해 새로 내려받으세요"), m);
    assertFalse(m.contains("잘렸"), m);
  }

  @Test
  void extraBytesOrABadHeaderSayDamagedNotTruncated(@TempDir Path usb) throws IOException {
    Path file = usb.resolve("tiny-images-idx3-ubyte");
    Files.write(file, Arrays.copyOf(images, images.length + 10));
    String m = load(spec("idx-long", List.of(), usb)).getMessage();
    assertTrue(m.startsWith("Tiny-MNIST 파일이 손상되었습니다 (헤더에 따르면 이미지 200장 × 28×28 픽셀로 156,816 바이트여야 하는데 156,826 바이트입니다)"), m);

    Files.write(file, "<html>404 Not Found</html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    m = load(spec("idx-html", List.of(), usb)).getMessage();
    assertTrue(m.startsWith("Tiny-MNIST 파일이 IDX 파일이 아니거나 손상되었습니다 (IDX 파일은 00 00 08로 시작하는데 3c 68 74로 시작합니다)"), m);
  }

  @Test
  void aDamagedGzipSaysDamaged(@TempDir Path usb) throws IOException {
    byte[] gz = gzip(images);
    for (int i = gz.length / 3; i < gz.length / 3 + 50; i++) {
      gz[i] ^= 0x5a;
    }
    Files.write(usb.resolve("tiny-images-idx3-ubyte.gz"), gz);
    String m = load(spec("idx-bad-gz", List.of(), usb)).getMessage();
    assertTrue(m.startsWith("Tiny-MNIST 파일이 손상되었"), m);
    assertFalse(m.contains("잘렸"), m);
  }

  @Test
  void downloadsThatEndEarlyOrAreMissingSayWhatHappenedAndWhereToPutTheFile() throws IOException {
    Files.deleteIfExists(DataLocations.cacheDir("idx-download").resolve("tiny-images-idx3-ubyte.gz.part"));
    try (TestServer server = new TestServer(gzip(images))) {
      IdxDataset.Spec spec =
          spec("idx-download", List.of(server.base("missing"), server.base("truncated"), server.base("short")));
      DatasetException e =
          assertThrows(DatasetException.class, () -> IdxDataset.content(spec, spec.trainImages()));
      assertEquals("데이터 오류", e.title());
      String m = e.getMessage();
      assertTrue(m.startsWith("tiny-images-idx3-ubyte.gz 파일을 내려받지 못했습니다."), m);
      assertTrue(m.contains(server.base("missing") + "tiny-images-idx3-ubyte.gz (시도 1): 서버에 이 파일이 없습니다 (HTTP 404"), m);
      assertTrue(m.contains(server.base("truncated") + "tiny-images-idx3-ubyte.gz: 받은 파일이 잘렸습니다 (gzip 압축 파일이 중간에 끝납니다"), m);
      assertTrue(m.contains(server.base("short") + "tiny-images-idx3-ubyte.gz (시도 3): 연결이 중간에 끊겨 파일이 잘렸습니다"), m);
      assertTrue(m.contains("파일을 직접 " + DataLocations.cacheDir("idx-download") + " 폴더에 넣으세요"), m);
      assertTrue(m.contains("$COURSE_DATA_DIR/idx-download/"), m);
      assertTrue(m.contains("원래 주소: " + server.base("missing") + "tiny-images-idx3-ubyte.gz"), m);
      assertEquals(1, server.requests.stream().filter(r -> r.startsWith("/missing/")).count(), "a 404 is not retried");
    }
  }

  @Test
  void aGoodDownloadIsVerifiedAndKept() throws IOException {
    try (TestServer server = new TestServer(gzip(images))) {
      IdxDataset.Spec spec = spec("idx-download-good", List.of(server.base("good")));
      assertEquals(Checksums.sha256(images), Checksums.sha256(IdxDataset.content(spec, spec.trainImages())));
      assertTrue(Files.exists(DataLocations.cacheDir("idx-download-good").resolve("tiny-images-idx3-ubyte.gz")));
    }
  }

  @Test
  void theStructureCheckIsTheFirstCheck() {
    assertEquals(null, IdxDataset.structureProblem(images));
    assertEquals(null, IdxDataset.structureProblem(labels));
    assertTrue(IdxDataset.structureProblem(Arrays.copyOf(labels, 100)).startsWith("잘렸습니다 (헤더에 따르면 레이블 200개로 208 바이트여야 하는데 100 바이트뿐입니다)"));
    assertTrue(IdxDataset.structureProblem(new byte[] {0, 0}).startsWith("잘렸습니다"));
    assertTrue(IdxDataset.structureProblem(Arrays.copyOf(images, 10)).startsWith("잘렸습니다 (IDX 헤더가 16 바이트여야 하는데"));
  }
}
