package kr.dlcourse.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A generated stand-in for Microsoft's {@code kagglecatsanddogs_5340.zip}, for tests and CI
 * ({@code COURSE_SYNTHETIC_DATA=1}): the same layout ({@code PetImages/Cat/0.jpg}, {@code
 * PetImages/Dog/0.jpg}, ..., a {@code Thumbs.db} in each folder), JPEGs of varying size, and, like
 * the real file, some files that cannot be read. It is not photos: each image is a simple drawing of
 * a cat-like face (pointed ears on top, slit-pupil eyes, whiskers, cat fur colours) or a dog-like
 * face (long ears hanging at the sides, a light snout with a big black nose, dog fur colours) at a
 * random place and size over a random background, so a small CNN tells them apart easily. Sets read
 * from it are named "Cats vs dogs (synthetic stand-in)".
 *
 * <p>Unreadable files, by number in each class: cat 2 and dog 7 are empty, cat 5 is a JPEG cut off
 * half-way, dog 3 is not an image, every cat {@code n} with {@code n % 250 == 123} is random bytes
 * and every dog with {@code n % 250 == 201} a JPEG cut off half-way. Cat 1 is a grey JPEG, cat 8 a
 * CMYK JPEG, dog 4 a PNG named {@code .jpg}: all readable.
 *
 * <p>The cached stand-in ({@code ~/.cache/dlcourse/cats-vs-dogs-synthetic/}) holds as many files
 * as the mode needs (2,524 per class in full mode, 256 in quick mode), made on first use.
 */
public final class SyntheticCatsDogs {

  /** The stand-in's random seed. */
  public static final long SEED = 42;

  /** The title of sets read from the stand-in. */
  public static final String TITLE = "Cats vs dogs (synthetic stand-in)";

  /** The cache folder of the stand-in. */
  static final String FOLDER = "cats-vs-dogs-synthetic";

  /** Written into the zip's comment; a zip with another comment is made again. */
  static final String MARK = "Synthetic stand-in for kagglecatsanddogs_5340.zip, made by kr.dlcourse.data.SyntheticCatsDogs v1";

  /** Where the photos lie inside the zip. */
  enum Layout {
    /** Microsoft's {@code PetImages/Cat/N.jpg}. */
    MICROSOFT,
    /** Kaggle's {@code train/cat.N.jpg}. */
    KAGGLE
  }

  private SyntheticCatsDogs() {}

  /**
   * Files per class that hold at least {@code readable} readable ones (the unreadable files are
   * numbers 2, 5, 3, 7 and one in every 250).
   */
  static int filesPerClass(int readable) {
    return readable + 4 + readable / 125;
  }

  /**
   * The cached stand-in zip with at least {@code perClass} files per class, made when missing or
   * too small (about a second per 500 files on two cores).
   */
  static synchronized Path zip(int perClass) {
    Path dir = DataLocations.cacheDir(FOLDER);
    Path file = dir.resolve(CatsDogs.MICROSOFT_FILE);
    if (Files.isRegularFile(file) && filesIn(commentOf(file)) >= perClass) {
      return file;
    }
    try {
      Download.prepare(dir);
      Path part = dir.resolve(file.getFileName() + ".part");
      Files.write(part, zip(perClass, SEED, Layout.MICROSOFT, 120, 320));
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new DatasetException(
          "합성 고양이·개 압축 파일을 " + dir + "에 쓸 수 없습니다 (" + Download.describe(e) + "). "
              + DataLocations.CACHE_DIR_ENV + "를 쓸 수 있는 폴더로 설정하고 (예: export "
              + DataLocations.CACHE_DIR_ENV + "=$HOME/dlcourse-data) 커널을 다시 시작하세요.",
          e);
    }
  }

  /** The files per class a stand-in's comment names, if it was made with {@link #SEED}; else 0. */
  static int filesIn(String comment) {
    String prefix = MARK + " files-per-class=";
    String suffix = " seed=" + SEED;
    if (comment == null || !comment.startsWith(prefix) || !comment.endsWith(suffix)) {
      return 0;
    }
    try {
      return Integer.parseInt(comment.substring(prefix.length(), comment.length() - suffix.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String comment(int perClass, long seed) {
    return MARK + " files-per-class=" + perClass + " seed=" + seed;
  }

  private static String commentOf(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return zip.getComment();
    } catch (ZipException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Writes a stand-in zip in Microsoft's layout.
   *
   * @param file where to write it
   * @param perClass files per class, numbered from 0 (some unreadable, see the class doc)
   * @param seed the random seed; the same arguments give the same bytes
   */
  public static void writeZip(Path file, int perClass, long seed) throws IOException {
    Files.write(file, zip(perClass, seed, Layout.MICROSOFT, 120, 320));
  }

  /**
   * The zip's bytes.
   *
   * @param perClass files per class
   * @param seed the random seed
   * @param layout Microsoft's or Kaggle's file names
   * @param minSide the smallest image side in pixels
   * @param maxSide the largest image side in pixels
   */
  static byte[] zip(int perClass, long seed, Layout layout, int minSide, int maxSide) {
    List<byte[]> cats = files(0, perClass, seed, minSide, maxSide);
    List<byte[]> dogs = files(1, perClass, seed, minSide, maxSide);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setComment(comment(perClass, seed));
      if (layout == Layout.MICROSOFT) {
        put(zip, "PetImages/", null);
        put(zip, "PetImages/Cat/", null);
        put(zip, "PetImages/Dog/", null);
        put(zip, "readme[1].txt", "Synthetic stand-in, not photos: drawn by kr.dlcourse.data.SyntheticCatsDogs.\n".getBytes(StandardCharsets.US_ASCII));
        for (int label = 0; label < 2; label++) {
          String folder = "PetImages/" + (label == 0 ? "Cat" : "Dog") + "/";
          List<byte[]> files = label == 0 ? cats : dogs;
          for (int n = 0; n < perClass; n++) {
            put(zip, folder + n + ".jpg", files.get(n));
          }
          put(zip, folder + "Thumbs.db", new byte[] {(byte) 0xd0, (byte) 0xcf, 0x11, (byte) 0xe0, 0, 0, 0, 0});
        }
      } else {
        put(zip, "train/", null);
        for (int n = 0; n < perClass; n++) { // Kaggle's zip interleaves the classes by name order
          put(zip, "train/cat." + n + ".jpg", cats.get(n));
          put(zip, "train/dog." + n + ".jpg", dogs.get(n));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(LocalDateTime.of(2020, 1, 1, 0, 0)); // the same arguments give the same bytes
    zip.putNextEntry(entry);
    if (content != null) {
      zip.write(content);
    }
    zip.closeEntry();
  }

  /** Whether file {@code n} of a class is unreadable in the stand-in. */
  static boolean unreadable(int label, int n) {
    return label == 0 ? n == 2 || n == 5 || n % 250 == 123 : n == 3 || n == 7 || n % 250 == 201;
  }

  private static List<byte[]> files(int label, int perClass, long seed, int minSide, int maxSide) {
    return IntStream.range(0, perClass).parallel().mapToObj(n -> file(label, n, seed, minSide, maxSide)).toList();
  }

  /** File {@code n} of a class: a drawing, or one of the unreadable or unusual files. */
  static byte[] file(int label, int n, long seed, int minSide, int maxSide) {
    Random random = new Random(seed * 1_000_003L + label * 1_000_000L + n);
    int w = minSide + random.nextInt(maxSide - minSide + 1);
    int h = minSide + random.nextInt(maxSide - minSide + 1);
    BufferedImage image = draw(label == 1, random, w, h);
    if (label == 0 && n == 2 || label == 1 && n == 7) {
      return new byte[0];
    }
    if (label == 1 && n == 3) {
      return "<html>not an image</html>\n".getBytes(StandardCharsets.US_ASCII);
    }
    if (label == 0 && n == 1) {
      BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      grey.createGraphics().drawImage(image, 0, 0, null);
      return jpeg(grey);
    }
    if (label == 1 && n == 4) {
      return png(image);
    }
    if (label == 0 && n == 8) {
      return cmykJpeg(image);
    }
    byte[] jpeg = jpeg(image);
    if (label == 0 && n == 5 || label == 1 && n % 250 == 201) {
      return Arrays.copyOf(jpeg, jpeg.length / 2); // cut off half-way
    }
    if (unreadable(label, n)) {
      byte[] noise = new byte[jpeg.length];
      random.nextBytes(noise);
      return noise;
    }
    return jpeg;
  }

  private static final Color[] CAT_FUR = {
    new Color(225, 130, 45), new Color(130, 130, 140), new Color(230, 215, 180), new Color(50, 45, 45), new Color(235, 235, 235),
  };
  private static final Color[] DOG_FUR = {
    new Color(130, 80, 40), new Color(195, 155, 95), new Color(215, 165, 70), new Color(35, 30, 28), new Color(225, 220, 205),
  };

  /** A cat-like or dog-like face at a random place and size over a random background. */
  static BufferedImage draw(boolean dog, Random random, int w, int h) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, colour(random), w, h, colour(random)));
    g.fillRect(0, 0, w, h);
    for (int i = 0; i < 4; i++) { // clutter, the same for both classes
      g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 90));
      int cw = w / 6 + random.nextInt(w / 3);
      int ch = h / 6 + random.nextInt(h / 3);
      if (random.nextBoolean()) {
        g.fillRect(random.nextInt(w), random.nextInt(h), cw, ch);
      } else {
        g.fillOval(random.nextInt(w), random.nextInt(h), cw, ch);
      }
    }
    double r = Math.min(w, h) * (0.2 + 0.1 * random.nextDouble());
    double cx = 1.3 * r + random.nextDouble() * Math.max(1, w - 2.6 * r);
    double cy = 1.5 * r + random.nextDouble() * Math.max(1, h - 2.8 * r);
    Color fur = jitter(dog ? DOG_FUR[random.nextInt(DOG_FUR.length)] : CAT_FUR[random.nextInt(CAT_FUR.length)], random);
    Color dark = fur.darker();
    if (dog) {
      g.setColor(dark); // long ears hanging at the sides
      g.fill(new Ellipse2D.Double(cx - 1.25 * r, cy - 0.6 * r, 0.6 * r, 1.5 * r));
      g.fill(new Ellipse2D.Double(cx + 0.65 * r, cy - 0.6 * r, 0.6 * r, 1.5 * r));
    } else {
      g.setColor(fur); // pointed ears on top
      g.fill(triangle(cx - 0.9 * r, cy - 0.3 * r, cx - 0.75 * r, cy - 1.5 * r, cx - 0.1 * r, cy - 0.85 * r));
      g.fill(triangle(cx + 0.9 * r, cy - 0.3 * r, cx + 0.75 * r, cy - 1.5 * r, cx + 0.1 * r, cy - 0.85 * r));
      g.setColor(new Color(235, 160, 170));
      g.fill(triangle(cx - 0.75 * r, cy - 0.55 * r, cx - 0.68 * r, cy - 1.2 * r, cx - 0.3 * r, cy - 0.8 * r));
      g.fill(triangle(cx + 0.75 * r, cy - 0.55 * r, cx + 0.68 * r, cy - 1.2 * r, cx + 0.3 * r, cy - 0.8 * r));
    }
    g.setColor(fur);
    g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    if (dog) {
      g.setColor(fur.brighter());
      g.fill(new Ellipse2D.Double(cx - 0.45 * r, cy + 0.05 * r, 0.9 * r, 0.65 * r));
      g.setColor(new Color(20, 15, 15));
      g.fill(new Ellipse2D.Double(cx - 0.2 * r, cy + 0.05 * r, 0.4 * r, 0.28 * r));
      g.setColor(new Color(60, 35, 20));
      g.fill(new Ellipse2D.Double(cx - 0.45 * r, cy - 0.4 * r, 0.24 * r, 0.24 * r));
      g.fill(new Ellipse2D.Double(cx + 0.21 * r, cy - 0.4 * r, 0.24 * r, 0.24 * r));
      if (random.nextBoolean()) {
        g.setColor(new Color(225, 90, 110));
        g.fill(new Ellipse2D.Double(cx - 0.12 * r, cy + 0.55 * r, 0.24 * r, 0.35 * r));
      }
    } else {
      Color iris = random.nextBoolean() ? new Color(120, 200, 60) : new Color(230, 200, 40);
      for (int side = -1; side <= 1; side += 2) {
        g.setColor(iris);
        g.fill(new Ellipse2D.Double(cx + side * 0.38 * r - 0.17 * r, cy - 0.25 * r, 0.34 * r, 0.2 * r));
        g.setColor(Color.BLACK);
        g.fill(new Ellipse2D.Double(cx + side * 0.38 * r - 0.03 * r, cy - 0.26 * r, 0.06 * r, 0.22 * r));
      }
      g.setColor(new Color(235, 130, 150));
      g.fill(triangle(cx - 0.1 * r, cy + 0.1 * r, cx + 0.1 * r, cy + 0.1 * r, cx, cy + 0.22 * r));
      g.setColor(new Color(245, 245, 245));
      g.setStroke(new BasicStroke((float) Math.max(1, r / 30)));
      for (int side = -1; side <= 1; side += 2) {
        for (int k = -1; k <= 1; k++) {
          g.draw(new Line2D.Double(cx + side * 0.2 * r, cy + 0.3 * r, cx + side * 1.15 * r, cy + (0.2 + 0.15 * k) * r));
        }
      }
    }
    g.dispose();
    return image;
  }

  private static Polygon triangle(double x1, double y1, double x2, double y2, double x3, double y3) {
    return new Polygon(
        new int[] {(int) Math.round(x1), (int) Math.round(x2), (int) Math.round(x3)},
        new int[] {(int) Math.round(y1), (int) Math.round(y2), (int) Math.round(y3)},
        3);
  }

  private static Color colour(Random random) {
    return new Color(40 + random.nextInt(190), 40 + random.nextInt(190), 40 + random.nextInt(190));
  }

  private static Color jitter(Color c, Random random) {
    return new Color(
        clamp(c.getRed() + random.nextInt(41) - 20), clamp(c.getGreen() + random.nextInt(41) - 20), clamp(c.getBlue() + random.nextInt(41) - 20));
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  static byte[] jpeg(BufferedImage image) {
    return jpeg(new IIOImage(image, null, null));
  }

  private static byte[] jpeg(IIOImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.write(null, image, param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A four-channel (CMYK) JPEG of the image, as Photoshop stores one: inverted values (Adobe
   * convention), no black ink, so that it reads back as the same colours.
   */
  static byte[] cmykJpeg(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
    int[] pixel = new int[4];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        pixel[0] = (rgb >> 16) & 0xff; // stored C = 255 - true C = red
        pixel[1] = (rgb >> 8) & 0xff;
        pixel[2] = rgb & 0xff;
        pixel[3] = 255; // stored K = 255 - true K (no black ink)
        cmyk.setPixel(x, y, pixel);
      }
    }
    return jpeg(new IIOImage(cmyk, null, null));
  }
}
