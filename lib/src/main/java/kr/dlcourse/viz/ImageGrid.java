package kr.dlcourse.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import kr.dlcourse.notebook.CourseException;

/**
 * Images laid out in a grid as one picture, with an optional title, a title per image and a label
 * per row, all drawn with a Hangul-capable font: the Java counterpart of {@code plt.subplots}.
 *
 * <pre>{@code
 * ImageGrid.of(images, 5).scale(2).rowLabels(classNames).title("각 클래스 샘플 5장").render()
 * }</pre>
 */
public final class ImageGrid {

  private final List<BufferedImage> images;
  private final int columns;
  private int scale = 1;
  private String title = "";
  private List<String> titles = List.of();
  private List<Color> titleColors = List.of();
  private List<String> rowLabels = List.of();

  private ImageGrid(List<BufferedImage> images, int columns) {
    this.images = List.copyOf(images);
    this.columns = columns;
  }

  /**
   * @param images the pictures, row by row
   * @param columns pictures per row
   */
  public static ImageGrid of(List<BufferedImage> images, int columns) {
    if (columns < 1) {
      throw CourseException.argument(
          "columns(한 줄의 이미지 수)는 1 이상이어야 합니다 (받은 값: " + columns + "). 예: ImageGrid.of(images, 5)");
    }
    if (images == null || images.isEmpty()) {
      throw CourseException.argument(
          "보여 줄 이미지가 없습니다: 이미지 목록이 비어 있습니다. 이미지를 고른 조건(클래스, 예측 결과)을 확인하세요.");
    }
    int i = 0;
    for (BufferedImage image : images) {
      i++;
      if (image == null) {
        throw CourseException.argument(
            "이미지 목록의 " + i + "번째 항목이 null입니다. 모든 항목에 이미지를 넣으세요.");
      }
    }
    return new ImageGrid(images, columns);
  }

  /** Enlarges every picture by this integer factor (pixels stay sharp). */
  public ImageGrid scale(int factor) {
    if (factor < 1) {
      throw CourseException.argument(
          "scale(확대 배율)은 1 이상의 정수여야 합니다 (받은 값: " + factor + "). 예: ImageGrid.of(images, 5).scale(2)");
    }
    this.scale = factor;
    return this;
  }

  /** A title above the whole grid. */
  public ImageGrid title(String text) {
    this.title = text == null ? "" : text;
    return this;
  }

  /** A short title above each picture, in order (e.g. "T:cat → P:dog"). */
  public ImageGrid titles(List<String> perImage) {
    this.titles = List.copyOf(perImage);
    return this;
  }

  /** Colours of the per-image titles (e.g. green for right, red for wrong), in order. */
  public ImageGrid titleColors(List<Color> perImage) {
    this.titleColors = List.copyOf(perImage);
    return this;
  }

  /** A label left of each row (e.g. the class name). */
  public ImageGrid rowLabels(List<String> perRow) {
    this.rowLabels = List.copyOf(perRow);
    return this;
  }

  /** Draws the grid. */
  public BufferedImage render() {
    Font big = Fonts.hangul(Font.BOLD, 16);
    Font small = Fonts.hangul(Font.PLAIN, 12);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics bigMetrics = pg.getFontMetrics(big);
    FontMetrics smallMetrics = pg.getFontMetrics(small);
    pg.dispose();

    int cellW = images.stream().mapToInt(BufferedImage::getWidth).max().orElse(1) * scale;
    int cellH = images.stream().mapToInt(BufferedImage::getHeight).max().orElse(1) * scale;
    int rows = (images.size() + columns - 1) / columns;
    int gap = 4;
    int titleStrip = titles.isEmpty() ? 0 : smallMetrics.getHeight() + 2;
    int labelWidth = rowLabels.stream().mapToInt(smallMetrics::stringWidth).max().orElse(-gap) + gap * 2;
    int headerHeight = title.isEmpty() ? gap : bigMetrics.getHeight() + gap * 2;
    int textWidth = titles.stream().mapToInt(smallMetrics::stringWidth).max().orElse(0);
    int columnWidth = Math.max(cellW, textWidth) + gap;
    int width = Math.max(labelWidth + columns * columnWidth + gap, bigMetrics.stringWidth(title) + 2 * gap);
    int height = headerHeight + rows * (cellH + titleStrip + gap) + gap;

    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    if (!title.isEmpty()) {
      g.setColor(Color.BLACK);
      g.setFont(big);
      g.drawString(title, (width - bigMetrics.stringWidth(title)) / 2, gap + bigMetrics.getAscent());
    }
    g.setFont(small);
    for (int i = 0; i < images.size(); i++) {
      int row = i / columns;
      int col = i % columns;
      int x = labelWidth + col * columnWidth + (columnWidth - cellW) / 2;
      int y = headerHeight + row * (cellH + titleStrip + gap);
      if (i < titles.size()) {
        g.setColor(i < titleColors.size() ? titleColors.get(i) : Color.BLACK);
        String t = titles.get(i);
        g.drawString(t, labelWidth + col * columnWidth + (columnWidth - smallMetrics.stringWidth(t)) / 2, y + smallMetrics.getAscent());
      }
      BufferedImage image = images.get(i);
      g.drawImage(image, x, y + titleStrip, image.getWidth() * scale, image.getHeight() * scale, null);
      if (col == 0 && row < rowLabels.size()) {
        g.setColor(Color.BLACK);
        String label = rowLabels.get(row);
        g.drawString(label, gap, y + titleStrip + (cellH + smallMetrics.getAscent()) / 2);
      }
    }
    g.dispose();
    return out;
  }

  /** Convenience: the images of many rows, concatenated. */
  public static List<BufferedImage> concat(List<List<BufferedImage>> rows) {
    List<BufferedImage> all = new ArrayList<>();
    rows.forEach(all::addAll);
    return all;
  }
}
