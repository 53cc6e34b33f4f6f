package kr.dlcourse.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import kr.dlcourse.notebook.CourseException;

/**
 * One image file made ready for a model, as the MNIST lesson's {@code MNISTPredictor} does with
 * {@code Image.open(path).convert('L')} and its transform: a photo or drawing of a digit becomes a
 * (1, 1, H, W) tensor like an MNIST batch of one.
 *
 * <pre>{@code
 * NDArray x = ImageFiles.mnistTensor(Path.of("my_digit.png"), manager);   // (1, 1, 28, 28) in [0, 1]
 * NDArray normalized = x.sub(0.1307f).div(0.3081f);                       // then as the training data
 * NDArray probabilities = model.getBlock().forward(ps, new NDList(normalized), false)
 *     .singletonOrThrow().softmax(1);
 * }</pre>
 *
 * <p>The steps: read the file with {@link ImageIO} (PNG, JPEG, BMP, GIF); put it on a white
 * background (so a transparent PNG with a dark pen stroke reads as a dark digit on white); resize to
 * width × height with smooth (area-averaging) scaling, without keeping the aspect ratio (like {@code
 * transforms.Resize((h, w))}); convert to grey as {@code convert('L')} does, L = 0.299 R + 0.587 G +
 * 0.114 B; scale to [0, 1]; and invert (1 - v) when the image is dark on light, because MNIST digits
 * are white on black. Dark on light means that the mean of the outermost ring of pixels (the
 * background, around the digit) is above 0.5.
 */
public final class ImageFiles {

  private ImageFiles() {}

  /**
   * The image as an MNIST sample: {@link #greyTensor} at 28 × 28.
   *
   * <pre>{@code NDArray x = ImageFiles.mnistTensor(Path.of("three.png"), manager);  // (1, 1, 28, 28)}</pre>
   *
   * @param file a PNG, JPEG, BMP or GIF file
   * @param manager where the tensor is created
   * @return float32 (1, 1, 28, 28) in [0, 1], white digit on black
   */
  public static NDArray mnistTensor(Path file, NDManager manager) {
    return greyTensor(file, 28, 28, manager);
  }

  /**
   * The image in grey, resized, white on black, as a batch of one (see the class comment for the
   * steps).
   *
   * <pre>{@code NDArray x = ImageFiles.greyTensor(Path.of("digit.jpg"), 28, 28, manager);}</pre>
   *
   * @param file a PNG, JPEG, BMP or GIF file
   * @param width the width after resizing, in pixels
   * @param height the height after resizing, in pixels
   * @param manager where the tensor is created
   * @return float32 (1, 1, height, width) in [0, 1], light strokes on a dark background
   * @throws CourseException (데이터 오류) if the file is missing, a folder, or not a readable image;
   *     (인자 오류) if a size is below 1 or the manager is null
   */
  public static NDArray greyTensor(Path file, int width, int height, NDManager manager) {
    if (manager == null) {
      throw CourseException.argument(
          "greyTensor에 넘긴 NDManager가 null입니다. 예: ImageFiles.greyTensor(path, 28, 28, manager)");
    }
    float[] values = grey(file, width, height);
    return manager.create(values, new Shape(1, 1, height, width));
  }

  /**
   * The same grey, resized, white-on-black pixels as a picture, to show what the model is given.
   *
   * <pre>{@code ImageFiles.greyImage(Path.of("digit.png"), 28, 28)   // the cell shows it}</pre>
   *
   * @param file a PNG, JPEG, BMP or GIF file
   * @param width the width after resizing, in pixels
   * @param height the height after resizing, in pixels
   * @return a grey image of width × height
   */
  public static BufferedImage greyImage(Path file, int width, int height) {
    float[] values = grey(file, width, height);
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int p = 0; p < values.length; p++) {
      pixels[p] = (byte) Math.round(values[p] * 255);
    }
    return out;
  }

  /** Grey values in [0, 1], row after row, light strokes on a dark background. */
  private static float[] grey(Path file, int width, int height) {
    if (width < 1 || height < 1) {
      throw CourseException.argument(
          "이미지 크기(width, height)는 1 이상이어야 합니다 (받은 값: width "
              + width
              + ", height "
              + height
              + "). MNIST 모델에는 28, 28입니다. 예: ImageFiles.greyTensor(path, 28, 28, manager)");
    }
    BufferedImage resized = resized(read(file), width, height);
    int[] rgb = resized.getRGB(0, 0, width, height, null, 0, width);
    float[] values = new float[rgb.length];
    for (int p = 0; p < rgb.length; p++) {
      int r = (rgb[p] >> 16) & 0xff;
      int g = (rgb[p] >> 8) & 0xff;
      int b = rgb[p] & 0xff;
      // PIL's convert('L'): L = R·299/1000 + G·587/1000 + B·114/1000, a whole number
      values[p] = Math.round((r * 299 + g * 587 + b * 114) / 1000f) / 255f;
    }
    if (borderMean(values, width, height) > 0.5) {
      for (int p = 0; p < values.length; p++) {
        values[p] = 1 - values[p];
      }
    }
    return values;
  }

  /** The mean of the outermost ring of pixels: the background around a centred digit. */
  private static double borderMean(float[] values, int width, int height) {
    double sum = 0;
    int count = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (y == 0 || y == height - 1 || x == 0 || x == width - 1) {
          sum += values[y * width + x];
          count++;
        }
      }
    }
    return sum / count;
  }

  private static BufferedImage read(Path file) {
    if (file == null) {
      throw CourseException.argument(
          "이미지 파일 경로가 null입니다. 예: ImageFiles.mnistTensor(Path.of(\"my_digit.png\"), manager)");
    }
    Path where = file.toAbsolutePath();
    if (!Files.exists(file)) {
      throw CourseException.data(
          "이미지 파일 " + where + "이(가) 없습니다. 파일 이름과 폴더를 확인하세요 (노트북의 작업 폴더 "
              + Path.of("").toAbsolutePath() + " 기준의 상대 경로이거나 절대 경로여야 합니다).",
          null);
    }
    if (Files.isDirectory(file)) {
      throw CourseException.data(
          where + "은(는) 폴더입니다. 그 안의 이미지 파일 하나를 넘기세요. 예: Path.of(\"digits/3.png\")", null);
    }
    BufferedImage image;
    String why = "PNG, JPEG, BMP, GIF 이미지가 아닙니다";
    Exception cause = null;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      image = null;
      cause = e;
      why = e.getMessage() != null ? e.getMessage() : e.toString();
    }
    if (image == null) {
      throw CourseException.data(
          "이미지 " + where + "을(를) 읽을 수 없습니다 (" + why
              + "). 손상되었거나 이미지가 아닐 수 있습니다: PNG나 JPG 파일로 저장해 다시 넘기세요.",
          cause);
    }
    return image;
  }

  /** On white (transparent parts become white), then smoothly scaled to width × height. */
  private static BufferedImage resized(BufferedImage source, int width, int height) {
    BufferedImage flat = onWhite(source, source.getWidth(), source.getHeight());
    Image scaled = flat.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING);
    return onWhite(scaled, width, height);
  }

  private static BufferedImage onWhite(Image image, int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      // a scaled instance of an in-memory image is produced while it is drawn, so it is complete
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
