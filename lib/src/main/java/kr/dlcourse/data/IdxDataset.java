package kr.dlcourse.data;

import ai.djl.ndarray.types.Shape;
import kr.dlcourse.notebook.Numbers;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Image sets in the IDX format of MNIST and Fashion-MNIST: four files, each plain or gzipped,
 * checked first by their length (the IDX header gives the sizes, so a truncated file is named so)
 * and then by the SHA-256 of their uncompressed content (so Debian's re-compressed copies pass).
 */
final class IdxDataset {

  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  /** One IDX file: its name (without .gz) and the SHA-256 of its uncompressed bytes. */
  record File(String name, String sha256) {}

  /**
   * A dataset's description.
   *
   * @param title e.g. "MNIST"
   * @param folder cache folder name
   * @param baseUrls download addresses of the .gz files, tried in order
   * @param systemDirs where system packages keep the files
   */
  record Spec(
      String title,
      String folder,
      List<String> baseUrls,
      List<Path> systemDirs,
      File trainImages,
      File trainLabels,
      File testImages,
      File testLabels,
      List<String> classes,
      List<String> classesKo) {}

  private IdxDataset() {}

  static ImageDataset load(Spec spec, boolean train) {
    File images = train ? spec.trainImages() : spec.testImages();
    File labels = train ? spec.trainLabels() : spec.testLabels();
    byte[] imageBytes = content(spec, images);
    byte[] labelBytes = content(spec, labels);
    String name = spec.title() + (train ? " train" : " test");
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(imageBytes));
      expectMagic(in.readInt(), IMAGES_MAGIC, images.name());
      int n = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      byte[] pixels = new byte[n * rows * cols];
      in.readFully(pixels);
      DataInputStream lin = new DataInputStream(new ByteArrayInputStream(labelBytes));
      expectMagic(lin.readInt(), LABELS_MAGIC, labels.name());
      int count = lin.readInt();
      if (count != n) {
        throw new DatasetException(
            name
                + "의 이미지 파일에는 이미지가 "
                + String.format("%,d", n)
                + "장인데 레이블 파일에는 레이블이 "
                + String.format("%,d", count)
                + "개입니다. 두 파일이 같은 데이터셋의 원본인지 확인하고 다른 쪽을 원본으로 바꾸세요.");
      }
      int[] labelArray = new int[count];
      for (int i = 0; i < count; i++) {
        labelArray[i] = lin.readUnsignedByte();
      }
      return ImageDataset.of(name, pixels, labelArray, new Shape(1, rows, cols), spec.classes(), spec.classesKo());
    } catch (EOFException e) {
      throw new DatasetException(
          name + "의 IDX 파일이 중간에 끝납니다 (잘렸습니다). 원본 파일로 바꾸거나 지운 뒤 셀을 다시 실행하세요.", e);
    } catch (IOException e) {
      throw new DatasetException(name + "의 IDX 파일을 읽을 수 없습니다 (" + Download.describe(e) + ").", e);
    }
  }

  private static void expectMagic(int magic, int expected, String file) {
    if (magic != expected) {
      throw new DatasetException(
          String.format(
              "%s은(는) IDX %s 파일이 아닙니다 (매직 넘버 0x%08x, 예상 0x%08x). 이미지 파일과 레이블 파일이"
                  + " 뒤바뀌지 않았는지, 파일 이름이 맞는지 확인하고 원본 파일로 바꾸세요.",
              file, expected == IMAGES_MAGIC ? "이미지" : "레이블", magic, expected));
    }
  }

  /** The uncompressed, verified bytes of one file: found locally or downloaded. */
  static byte[] content(Spec spec, File file) {
    List<Path> dirs = DataLocations.searchPath(spec.folder(), spec.systemDirs().toArray(Path[]::new));
    String gz = file.name() + ".gz";
    Path path =
        DataLocations.find(dirs, List.of(file.name(), gz))
            .orElseGet(
                () ->
                    Download.fetch(
                        DataLocations.cacheDir(spec.folder()),
                        gz,
                        Download.addresses(gz, spec.baseUrls()),
                        f -> problem(f, file),
                        howToGetByHand(spec, gz)));
    byte[] bytes;
    try {
      bytes = readMaybeGzip(path);
    } catch (TruncatedGzipException e) {
      throw rejected(spec, path, truncated(e, path), e);
    } catch (java.util.zip.ZipException e) {
      throw rejected(spec, path, "손상되었습니다 (gzip 압축을 풀 수 없습니다: " + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw rejected(spec, path, "손상되었거나 읽을 수 없습니다 (" + Download.describe(e) + ")", e);
    }
    String problem = problem(bytes, file);
    if (problem != null) {
      throw rejected(spec, path, problem, null);
    }
    return bytes;
  }

  private static String howToGetByHand(Spec spec, String gz) {
    String address =
        spec.baseUrls().isEmpty() ? "" : "원래 주소: " + spec.baseUrls().get(0) + gz + ". ";
    String packaged =
        spec.systemDirs().contains(FashionMnist.DEBIAN_DIR)
            ? "Debian/Ubuntu에서는 sudo apt install dataset-fashion-mnist 로도 설치할 수 있습니다."
            : "";
    return (address + packaged).strip();
  }

  /** What is wrong with a downloaded or found file, as {@link Download.Check} says it; null if right. */
  static String problem(Path path, File file) throws IOException {
    try {
      return problem(readMaybeGzip(path), file);
    } catch (TruncatedGzipException e) {
      return truncated(e, path);
    } catch (java.util.zip.ZipException e) {
      return "손상되었습니다 (gzip 압축을 풀 수 없습니다: " + e.getMessage() + ")";
    }
  }

  /**
   * What is wrong with an IDX file's uncompressed content: its length is checked against the
   * header first (a truncated file says so), then its SHA-256. Null if it is the expected file.
   */
  static String problem(byte[] bytes, File file) {
    String structure = structureProblem(bytes);
    if (structure != null) {
      return structure;
    }
    String sha = Checksums.sha256(bytes);
    return sha.equals(file.sha256())
        ? null
        : "손상되었거나 다른 파일입니다 (길이는 맞지만 내용의 SHA-256이 " + sha + "로, 원본의 " + file.sha256() + "와 다릅니다)";
  }

  /** Checks the IDX header and that the content is exactly as long as the header says. */
  static String structureProblem(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08)) {
      return "IDX 파일이 아니거나 손상되었습니다 (IDX 파일은 00 00 08로 시작하는데 "
          + String.format("%02x %02x %02x", bytes[0], bytes[1], bytes[2])
          + "로 시작합니다)";
    }
    if (bytes.length < 4) {
      return "잘렸습니다 (IDX 헤더도 다 없습니다: " + Numbers.bytes(bytes.length) + "뿐입니다)";
    }
    int dims = bytes[3];
    if (dims < 1 || dims > 4) {
      return "IDX 파일이 아니거나 손상되었습니다 (헤더의 차원 수가 " + dims + ")";
    }
    int header = 4 + 4 * dims;
    if (bytes.length < header) {
      return "잘렸습니다 (IDX 헤더가 "
          + Numbers.bytes(header)
          + "여야 하는데 파일 내용이 "
          + Numbers.bytes(bytes.length)
          + "뿐입니다)";
    }
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
    long expected = header;
    long[] sizes = new long[dims];
    long product = 1;
    for (int d = 0; d < dims; d++) {
      sizes[d] = buffer.getInt(4 + 4 * d);
      if (sizes[d] < 0) {
        return "IDX 파일이 아니거나 손상되었습니다 (헤더의 크기가 " + sizes[d] + ")";
      }
      product *= sizes[d];
      if (product > Integer.MAX_VALUE) {
        return "IDX 파일이 아니거나 손상되었습니다 (헤더에 적힌 크기가 너무 큽니다)";
      }
    }
    expected += product;
    String what =
        dims == 1
            ? "레이블 " + String.format("%,d", sizes[0]) + "개"
            : dims == 3
                ? "이미지 " + String.format("%,d", sizes[0]) + "장 × " + sizes[1] + "×" + sizes[2] + " 픽셀"
                : java.util.Arrays.toString(sizes);
    if (bytes.length < expected) {
      return "잘렸습니다 (헤더에 따르면 "
          + what
          + "로 "
          + Numbers.bytes(expected)
          + "여야 하는데 "
          + Numbers.bytes(bytes.length)
          + "뿐입니다)";
    }
    if (bytes.length > expected) {
      return "손상되었습니다 (헤더에 따르면 "
          + what
          + "로 "
          + Numbers.bytes(expected)
          + "여야 하는데 "
          + Numbers.bytes(bytes.length)
          + "입니다)";
    }
    return null;
  }

  private static String truncated(TruncatedGzipException e, Path path) {
    long expected = -1; // the uncompressed length the IDX header announces, if it arrived
    byte[] p = e.partial;
    if (p.length >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0x08 && p[3] >= 1 && p[3] <= 4
        && p.length >= 4 + 4 * p[3]) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(p);
      long product = 1;
      for (int d = 0; d < p[3] && product <= Integer.MAX_VALUE; d++) {
        product *= Math.max(0, b.getInt(4 + 4 * d));
      }
      expected = product <= Integer.MAX_VALUE ? 4 + 4L * p[3] + product : -1;
    }
    String size;
    try {
      size = Numbers.bytes(Files.size(path));
    } catch (IOException io) {
      size = "알 수 없음";
    }
    return "잘렸습니다 (gzip 압축 파일이 중간에 끝납니다: 파일 크기 "
        + size
        + (expected > 0
            ? ", 압축을 푼 내용은 헤더에 따르면 "
                + Numbers.bytes(expected)
                + "여야 하는데 "
                + Numbers.bytes(e.partial.length)
                + "에서 끊깁니다"
            : "")
        + ")";
  }

  /** A gzip stream that ends early; {@code partial} is what could be uncompressed. */
  static final class TruncatedGzipException extends EOFException {
    private static final long serialVersionUID = 1L;
    final transient byte[] partial;

    TruncatedGzipException(byte[] partial, EOFException cause) {
      super(cause.getMessage());
      initCause(cause);
      this.partial = partial;
    }
  }

  /**
   * The file's bytes, uncompressed if it is gzipped.
   *
   * @throws TruncatedGzipException if the gzip stream ends early
   */
  static byte[] readMaybeGzip(Path path) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      if (!gzip) {
        return raw.readAllBytes();
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
        in.transferTo(out);
      } catch (EOFException e) {
        throw new TruncatedGzipException(out.toByteArray(), e);
      }
      return out.toByteArray();
    }
  }

  private static DatasetException rejected(Spec spec, Path path, String why, Exception cause) {
    Path cache = DataLocations.cacheDir(spec.folder());
    String action;
    if (path.toAbsolutePath().startsWith(cache.toAbsolutePath())) {
      try {
        Files.deleteIfExists(path);
        action = "캐시에서 지웠으니 셀을 다시 실행하면 새로 내려받습니다.";
      } catch (IOException e) {
        action = "이 파일을 직접 지우고 셀을 다시 실행하면 새로 내려받습니다.";
      }
    } else if (path.toAbsolutePath().startsWith(FashionMnist.DEBIAN_DIR)) {
      action = "이 파일을 설치한 패키지를 다시 설치하세요: sudo apt install --reinstall dataset-fashion-mnist";
    } else {
      action = "이 파일을 원본으로 바꾸거나, 지운 뒤 셀을 다시 실행해 새로 내려받으세요.";
    }
    return new DatasetException(spec.title() + " 파일이 " + why + ": " + path + ". " + action, cause);
  }
}
