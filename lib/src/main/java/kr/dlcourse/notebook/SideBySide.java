package kr.dlcourse.notebook;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Images, charts and tables shown in one row, like {@code plt.subplots(1, 2)}: a cell ending in
 * {@code SideBySide.of(image, chart)} shows the image left of the chart.
 *
 * @param parts each a {@link BufferedImage}, a jsplot {@link Figure} or a Tablesaw {@link Table}
 */
public record SideBySide(List<Object> parts) {

  public SideBySide {
    for (Object part : parts) {
      if (!(part instanceof BufferedImage || part instanceof Figure || part instanceof Table)) {
        throw CourseException.argument(
            "SideBySide에는 이미지(BufferedImage), 차트(Figure), 표(Table)만 넣을 수 있습니다 (받은 값: "
                + (part == null ? "null" : part.getClass().getName()) + ").");
      }
    }
    parts = List.copyOf(parts);
  }

  /** The parts in this order, left to right. */
  public static SideBySide of(Object... parts) {
    return new SideBySide(java.util.Arrays.asList(parts));
  }

  /** A flex row: each part in its own box, wrapping onto the next line on a narrow screen. */
  public String html() {
    StringBuilder row = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;align-items:center;gap:16px\">");
    for (Object part : parts) {
      row.append("<div style=\"flex:").append(part instanceof Figure ? "1 1 420px" : "0 0 auto").append("\">");
      if (part instanceof BufferedImage image) {
        row.append("<img src=\"data:image/png;base64,").append(png(image)).append("\"/>");
      } else if (part instanceof Figure figure) {
        row.append(FigureHtml.html(figure));
      } else {
        row.append(TableHtml.html((Table) part));
      }
      row.append("</div>");
    }
    return row.append("</div>").toString();
  }

  private static String png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  @Override
  public String toString() {
    return "SideBySide" + parts.stream().map(p -> p.getClass().getSimpleName()).toList();
  }
}
