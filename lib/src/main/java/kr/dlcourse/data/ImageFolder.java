package kr.dlcourse.data;

import ai.djl.ndarray.types.Shape;
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
      "ImageFolder expects root/<class>/<image files>, e.g. root/cat/001.jpg and root/dog/001.jpg";

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
   */
  public static ImageDataset load(Path root, int width, int height, int channels) {
    if (width <= 0) {
      throw new IllegalArgumentException("width must be positive, got " + width);
    }
    if (height <= 0) {
      throw new IllegalArgumentException("height must be positive, got " + height);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
    }
    if (!Files.isDirectory(root)) {
      String what = Files.exists(root) ? " is not a folder. " : " does not exist. ";
      throw new DatasetException(
          "Image folder " + root.toAbsolutePath() + what + LAYOUT + ". Check the path.");
    }
    List<Path> classDirs = list(root, p -> Files.isDirectory(p) && !hidden(p));
    if (classDirs.isEmpty()) {
      throw new DatasetException(
          root.toAbsolutePath() + " has no class subfolders. " + LAYOUT
              + ": put each class's images in a subfolder named after the class.");
    }
    List<String> classes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Path dir : classDirs) {
      List<Path> images = list(dir, p -> Files.isRegularFile(p) && !hidden(p) && isImage(p));
      if (images.isEmpty()) {
        throw new DatasetException(
            "Class folder " + dir.toAbsolutePath() + " has no images (" + String.join(", ", EXTENSIONS)
                + "). Add images to it or remove the folder.");
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
      throw new DatasetException(
          files.size() + " images of " + channels + "×" + height + "×" + width + " need " + total
              + " bytes, more than one array holds. Choose a smaller width and height or use fewer images.");
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
    String why = "not an image ImageIO can read";
    try {
      source = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      source = null;
      why = e.getMessage() != null ? e.getMessage() : e.toString();
    }
    if (source == null) {
      throw new DatasetException(
          "Could not read image " + file.toAbsolutePath() + " (" + why
              + "). Remove or replace the file, then load again.");
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
          "Could not list folder " + dir.toAbsolutePath() + " (" + e + "). Check that you may read it.", e);
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
