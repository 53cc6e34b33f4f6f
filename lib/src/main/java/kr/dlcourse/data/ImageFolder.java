package kr.dlcourse.data;

import ai.djl.ndarray.types.Shape;
import kr.dlcourse.notebook.Numbers;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import kr.dlcourse.notebook.CourseException;

/**
 * Any folder of images laid out one subfolder per class, like torchvision's {@code ImageFolder}:
 *
 * <pre>
 * dogs-vs-cats/
 *   cat/  cat.0.jpg  cat.1.jpg  ...
 *   dog/  dog.0.jpg  dog.1.jpg  ...
 * </pre>
 *
 * <pre>{@code
 * ImageDataset pets = ImageFolder.load(Path.of("data/dogs-vs-cats"), 64, 64);
 * pets.classNames();                              // [cat, dog], label = index
 * pets.classCountTable();                         // images per class
 * ImageDataset.Split parts = pets.split(0.2, 42); // random_split 80/20
 * }</pre>
 *
 * <p>Classes are the subfolder names in alphabetical order (label = index; the Korean names are the
 * same names). Images are the files ending in .png, .jpg, .jpeg, .bmp or .gif (any case), in name
 * order; other files, and files and folders whose names start with ".", are skipped. Each image is
 * read with {@link ImageIO} and resized to width × height with bilinear interpolation, without
 * keeping its aspect ratio (like {@code transforms.Resize((h, w))}). All images are held in memory:
 * N × C × H × W bytes.
 */
public final class ImageFolder {

  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");
  private static final String LAYOUT =
      "ImageFolder는 root/<클래스>/<이미지 파일> 구조를 기대합니다 (예: root/cat/001.jpg, root/dog/001.jpg)";

  private ImageFolder() {}

  /** The images of {@code root} in colour (C = 3), resized to width × height. */
  public static ImageDataset load(Path root, int width, int height) {
    return load(root, width, height, 3);
  }

  /**
   * The images of {@code root}, resized to width × height.
   *
   * @param root the folder that holds one subfolder per class
   * @param width image width after resizing, in pixels
   * @param height image height after resizing, in pixels
   * @param channels 3 for RGB, 1 for grey (round(0.299 R + 0.587 G + 0.114 B))
   * @throws DatasetException if the folder is missing, has no class folders, a class folder has no
   *     images, or an image cannot be read; the message says what to do
   * @throws kr.dlcourse.notebook.CourseException if width, height or channels is not allowed
   */
  public static ImageDataset load(Path root, int width, int height, int channels) {
    if (width <= 0 || height <= 0) {
      throw CourseException.argument(
          "이미지 크기(width, height)는 1 이상이어야 합니다 (받은 값: width "
              + width
              + ", height "
              + height
              + "). 예: ImageFolder.load(path, 64, 64)");
    }
    if (channels != 1 && channels != 3) {
      throw CourseException.argument(
          "channels는 1(흑백)이나 3(RGB)이어야 합니다 (받은 값: "
              + channels
              + "). 예: ImageFolder.load(path, 64, 64, 3)");
    }
    if (!Files.isDirectory(root)) {
      String what = Files.exists(root) ? "폴더가 아니라 파일입니다" : "없습니다";
      throw new DatasetException(
          "이미지 폴더 " + root.toAbsolutePath() + "이(가) " + what + ". 경로를 확인하세요. " + LAYOUT + ".");
    }
    List<Path> classDirs = list(root, p -> Files.isDirectory(p) && !hidden(p));
    if (classDirs.isEmpty()) {
      throw new DatasetException(
          root.toAbsolutePath() + "에 클래스 하위 폴더가 없습니다. " + LAYOUT
              + ": 클래스마다 그 이름의 하위 폴더를 만들고 이미지를 넣으세요.");
    }
    List<String> classes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Path dir : classDirs) {
      List<Path> images = list(dir, p -> Files.isRegularFile(p) && !hidden(p) && isImage(p));
      if (images.isEmpty()) {
        throw new DatasetException(
            "클래스 폴더 " + dir.toAbsolutePath() + "에 이미지(" + String.join(", ", EXTENSIONS)
                + ")가 없습니다. 이미지를 넣거나 이 폴더를 지우세요.");
      }
      for (Path image : images) {
        files.add(image);
        labels.add(classes.size());
      }
      classes.add(dir.getFileName().toString());
    }
    int sample = channels * height * width;
    long total = (long) files.size() * sample;
    if (total > Integer.MAX_VALUE - 8) {
      throw CourseException.argument(
          String.format("%,d", files.size()) + "장을 " + channels + "×" + height + "×" + width + " 크기로 담으려면 "
              + Numbers.bytes(total)
              + "가 필요해 배열 하나에 담을 수 없습니다. width와 height를 줄이거나 이미지 수를 줄이세요. 예: ImageFolder.load(path, 64, 64)");
    }
    byte[] pixels = new byte[(int) total];
    int plane = height * width;
    int[] rgb = new int[plane];
    for (int i = 0; i < files.size(); i++) {
      resized(files.get(i), width, height).getRGB(0, 0, width, height, rgb, 0, width);
      int base = i * sample;
      for (int p = 0; p < plane; p++) {
        int r = (rgb[p] >> 16) & 0xff;
        int g = (rgb[p] >> 8) & 0xff;
        int b = rgb[p] & 0xff;
        if (channels == 3) {
          pixels[base + p] = (byte) r;
          pixels[base + plane + p] = (byte) g;
          pixels[base + 2 * plane + p] = (byte) b;
        } else {
          pixels[base + p] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
        }
      }
    }
    return ImageDataset.of(
        "ImageFolder " + folderName(root),
        pixels,
        labels.stream().mapToInt(Integer::intValue).toArray(),
        new Shape(channels, height, width),
        classes,
        classes);
  }

  private static BufferedImage resized(Path file, int width, int height) {
    BufferedImage source;
    String why = "ImageIO가 읽을 수 있는 이미지 형식이 아닙니다";
    try {
      source = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      source = null;
      why = e.getMessage() != null ? e.getMessage() : e.toString();
    }
    if (source == null) {
      throw new DatasetException(
          "이미지 " + file.toAbsolutePath() + "을(를) 읽을 수 없습니다 (" + why
              + "). 손상되었거나 이미지가 아닐 수 있습니다: 이 파일을 지우거나 바꾼 뒤 다시 불러오세요.");
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(source, 0, 0, width, height, null);
    g.dispose();
    return out;
  }

  private static List<Path> list(Path dir, Predicate<Path> keep) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(keep).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new DatasetException(
          "폴더 " + dir.toAbsolutePath() + "의 목록을 읽을 수 없습니다 (" + Download.describe(e) + "). 읽기 권한이 있는지 확인하세요.", e);
    }
  }

  private static boolean hidden(Path p) {
    return p.getFileName().toString().startsWith(".");
  }

  private static boolean isImage(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static String folderName(Path root) {
    Path name = root.toAbsolutePath().normalize().getFileName();
    return name != null ? name.toString() : root.toString();
  }
}
