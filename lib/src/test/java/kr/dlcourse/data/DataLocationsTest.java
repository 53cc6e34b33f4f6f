package kr.dlcourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocationsTest {

  @Test
  void aClassroomMirrorIsTriedFirst() {
    List<URI> uris =
        Download.addresses(
            "t10k-labels-idx1-ubyte.gz",
            List.of("https://a.example/mnist", "https://b.example/mnist/"),
            DataLocations.mirror("http://10.0.0.5/data"));
    assertEquals(
        List.of(
            URI.create("http://10.0.0.5/data/t10k-labels-idx1-ubyte.gz"),
            URI.create("https://a.example/mnist/t10k-labels-idx1-ubyte.gz"),
            URI.create("https://b.example/mnist/t10k-labels-idx1-ubyte.gz")),
        uris);
    assertEquals(Optional.empty(), DataLocations.mirror(" "));
  }

  @Test
  void theDataFolderComesFirstThenTheCacheThenSystemPackages(@TempDir Path usb) {
    Path debian = Path.of("/usr/share/datasets/fashion-mnist");
    List<Path> dirs = DataLocations.searchPath(usb.toString(), "fashion-mnist", debian);
    assertEquals(
        List.of(usb.resolve("fashion-mnist"), usb, DataLocations.cacheDir("fashion-mnist"), debian), dirs);
  }

  @Test
  void aMissingDataFolderIsReportedNotIgnored() {
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> DataLocations.searchPath("/media/usb-not-mounted", "mnist"));
    assertEquals("데이터 오류", e.title());
    assertTrue(e.getMessage().startsWith("COURSE_DATA_DIR=/media/usb-not-mounted 은(는) 폴더가 아닙니다 (없는 경로입니다)"), e.getMessage());
    assertTrue(e.getMessage().contains("설정을 지워 캐시와 다운로드를 쓰세요"), e.getMessage());
  }

  @Test
  void aFileThatIsNotIdxIsNamedByItsMagicNumber(@TempDir Path usb) throws IOException {
    // labels where images belong: the checksum is right for this spec, the magic number is not
    Path dir = Files.createDirectories(usb.resolve("idx-swapped"));
    byte[] labels = {0, 0, 8, 1, 0, 0, 0, 1, 7};
    Files.write(dir.resolve("train-images-idx3-ubyte"), labels);
    Files.write(dir.resolve("train-labels-idx1-ubyte"), labels);
    IdxDataset.File file = new IdxDataset.File("train-images-idx3-ubyte", Checksums.sha256(labels));
    IdxDataset.File labelFile = new IdxDataset.File("train-labels-idx1-ubyte", Checksums.sha256(labels));
    IdxDataset.Spec spec =
        new IdxDataset.Spec("Swapped", "idx-swapped", List.of(), List.of(dir), file, labelFile, file, labelFile, Mnist.CLASSES, Mnist.CLASSES);
    DatasetException e = assertThrows(DatasetException.class, () -> IdxDataset.load(spec, true));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte은(는) IDX 이미지 파일이 아닙니다 (매직 넘버 0x00000801, 예상 0x00000803)"), e.getMessage());
    assertTrue(e.getMessage().contains("뒤바뀌지 않았는지"), e.getMessage());
  }

  @Test
  void aWrongIdxFileIsRejectedByItsChecksum(@TempDir Path usb) throws IOException {
    Path dir = Files.createDirectories(usb.resolve("idx-wrong"));
    // a well-formed IDX label file (1 label), just not the expected one
    Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 3});
    IdxDataset.File file = new IdxDataset.File("train-images-idx3-ubyte", "0".repeat(64));
    IdxDataset.Spec spec =
        new IdxDataset.Spec("Wrong", "idx-wrong", List.of(), List.of(dir), file, file, file, file, Mnist.CLASSES, Mnist.CLASSES);
    DatasetException e = assertThrows(DatasetException.class, () -> IdxDataset.load(spec, true));
    assertTrue(e.getMessage().contains("Wrong 파일이 손상되었거나 다른 파일입니다 (길이는 맞지만 내용의 SHA-256이"), e.getMessage());
    assertTrue(e.getMessage().contains("이 파일을 원본으로 바꾸거나"), e.getMessage());
    assertTrue(Files.exists(dir.resolve("train-images-idx3-ubyte")), "a file outside the cache is left alone");
  }
}
