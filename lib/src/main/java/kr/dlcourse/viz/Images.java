package kr.dlcourse.viz;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import kr.dlcourse.notebook.CourseException;

/**
 * Image tensors to {@link BufferedImage}s, which the notebook shows as pictures.
 *
 * <pre>{@code
 * NDArray img = manager.randomUniform(0f, 1f, new Shape(3, 32, 32));
 * Images.titled(Images.scale(Images.fromTensor(img), 4), "무작위 이미지")
 * }</pre>
 */
public final class Images {

  private Images() {}

  /**
   * Converts one image tensor to a picture.
   *
   * @param image shape (H, W) or (C, H, W) with C = 1 (grey) or 3 (RGB); float values in [0, 1]
   *     (clipped) or uint8 values in [0, 255]
   * @return an RGB image of W × H pixels
   * @throws CourseException for any other shape, with the shape it got
   */
  public static BufferedImage fromTensor(NDArray image) {
    Shape shape = image.getShape();
    boolean chw = shape.dimension() == 3 && (shape.get(0) == 1 || shape.get(0) == 3);
    if (!(shape.dimension() == 2 || chw)) {
      throw CourseException.shape(
          "이미지 한 장 (H, W) 또는 채널이 1개나 3개인 (C, H, W)를 넘기세요 (받은 모양: "
              + shape
              + ")."
              + (shape.dimension() == 4
                  ? " 배치에서 한 장을 꺼내세요. 예: Images.fromTensor(batch.get(0))"
                  : shape.dimension() == 3 && (shape.get(2) == 1 || shape.get(2) == 3)
                      ? " 채널이 마지막 축에 있으면 (H, W, C) 먼저 바꾸세요. 예: image.transpose(2, 0, 1)"
                      : ""));
    }
    int channels = chw ? (int) shape.get(0) : 1;
    int height = (int) shape.get(shape.dimension() - 2);
    int width = (int) shape.get(shape.dimension() - 1);
    byte[] hwc;
    try (NDManager scope = image.getManager().newSubManager()) {
      NDArray pixels = image.duplicate();
      pixels.attach(scope);
      if (pixels.getDataType() != DataType.UINT8) {
        pixels = pixels.toType(DataType.FLOAT32, false).clip(0f, 1f).mul(255f).round();
        pixels = pixels.toType(DataType.UINT8, false);
      }
      hwc = (chw ? pixels.transpose(1, 2, 0) : pixels).toByteArray();
    }
    int[] rgb = new int[width * height];
    for (int p = 0; p < rgb.length; p++) {
      int r = hwc[p * channels] & 0xff;
      int g = hwc[p * channels + (channels == 3 ? 1 : 0)] & 0xff;
      int b = hwc[p * channels + (channels == 3 ? 2 : 0)] & 0xff;
      rgb[p] = (r << 16) | (g << 8) | b;
    }
    BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    picture.setRGB(0, 0, width, height, rgb, 0, width);
    return picture;
  }

  /**
   * Enlarges an image by an integer factor, keeping pixels sharp (a 32×32 CIFAR image is tiny).
   *
   * @param image any image
   * @param factor 1 or more
   * @return a new image {@code factor} times wider and taller
   */
  public static BufferedImage scale(BufferedImage image, int factor) {
    if (factor < 1) {
      throw CourseException.argument(
          "확대 배율(factor)은 1 이상의 정수여야 합니다 (받은 값: " + factor + "). 예: Images.scale(image, 4)");
    }
    BufferedImage out =
        new BufferedImage(
            image.getWidth() * factor, image.getHeight() * factor, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(image, 0, 0, out.getWidth(), out.getHeight(), null);
    g.dispose();
    return out;
  }

  /**
   * Puts a title above an image, drawn with a font that has Hangul ({@link Fonts#hangul}).
   *
   * @param image any image
   * @param title the text, Korean welcome
   * @return a new image with a white title strip on top
   */
  public static BufferedImage titled(BufferedImage image, String title) {
    java.awt.Font font = Fonts.hangul(java.awt.Font.BOLD, 14);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics metrics = pg.getFontMetrics(font);
    pg.dispose();
    int strip = metrics.getHeight() + 8;
    int width = Math.max(image.getWidth(), metrics.stringWidth(title) + 8);
    BufferedImage out =
        new BufferedImage(width, image.getHeight() + strip, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(font);
    g.drawString(title, (width - metrics.stringWidth(title)) / 2, 4 + metrics.getAscent());
    g.drawImage(image, (width - image.getWidth()) / 2, strip, null);
    g.dispose();
    return out;
  }
}
