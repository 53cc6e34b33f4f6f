package kr.dlcourse.data;

import ai.djl.ndarray.types.Shape;
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
 * checked by the SHA-256 of their uncompressed content (so Debian's re-compressed copies pass).
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
        throw new DatasetException(name + ": " + n + " images but " + count + " labels");
      }
      int[] labelArray = new int[count];
      for (int i = 0; i < count; i++) {
        labelArray[i] = lin.readUnsignedByte();
      }
      return ImageDataset.of(name, pixels, labelArray, new Shape(1, rows, cols), spec.classes(), spec.classesKo());
    } catch (EOFException e) {
      throw new DatasetException(name + ": an IDX file ends early (truncated)", e);
    } catch (IOException e) {
      throw new DatasetException(name + ": " + e.getMessage(), e);
    }
  }

  private static void expectMagic(int magic, int expected, String file) {
    if (magic != expected) {
      throw new DatasetException(
          String.format(
              "%s is not an IDX %s file (magic number 0x%08x, expected 0x%08x): is it the right file?",
              file, expected == IMAGES_MAGIC ? "image" : "label", magic, expected));
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
                        f -> problem(readMaybeGzip(f), file),
                        "Debian/Ubuntu users can also install the files as a package (see the README)."));
    byte[] bytes;
    try {
      bytes = readMaybeGzip(path);
    } catch (IOException e) {
      throw rejected(spec, path, "cannot be read or is corrupt (" + e.getMessage() + ")", e);
    }
    String problem = problem(bytes, file);
    if (problem != null) {
      throw rejected(spec, path, "is not the expected file (" + problem + ")", null);
    }
    return bytes;
  }

  private static String problem(byte[] bytes, File file) {
    String sha = Checksums.sha256(bytes);
    return sha.equals(file.sha256()) ? null : "SHA-256 of its content " + sha + ", expected " + file.sha256();
  }

  static byte[] readMaybeGzip(Path path) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      return (gzip ? new GZIPInputStream(raw, 1 << 16) : raw).readAllBytes();
    }
  }

  private static DatasetException rejected(Spec spec, Path path, String why, Exception cause) {
    Path cache = DataLocations.cacheDir(spec.folder());
    String action;
    if (path.toAbsolutePath().startsWith(cache.toAbsolutePath())) {
      try {
        Files.deleteIfExists(path);
        action = "It was removed from the cache: run the cell again to download it anew.";
      } catch (IOException e) {
        action = "Remove it by hand and run the cell again.";
      }
    } else {
      action = "Replace it with the original file or remove it.";
    }
    return new DatasetException(spec.title() + " file " + path + " " + why + ". " + action, cause);
  }
}
