package kr.dlcourse.notebook;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import java.util.List;
import java.util.function.Function;
import kr.dlcourse.setup.SetupReport;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Plugs the course's HTML renderings into the rapaio Jupyter kernel through its display SPI, so a
 * cell ending in a {@link Figure}, a {@link Table} or a {@link SetupReport} (or {@code
 * display(x)} on one) shows a chart or a table, and NDArrays and blocks keep their line breaks. Registered in {@code META-INF/services}. The
 * renderings themselves ({@link FigureHtml}, {@link TableHtml}, {@link SetupHtml}) know nothing of
 * the kernel.
 */
public final class RapaioDisplay implements DisplayProvider {

  @Override
  public List<DisplayRenderer> getDisplayRenderers() {
    return List.of(
        new HtmlRenderer<>(Figure.class, FigureHtml::html, f -> "<Plotly chart>"),
        new HtmlRenderer<>(Table.class, TableHtml::html, Table::print),
        new HtmlRenderer<>(SetupReport.class, SetupHtml::html, SetupReport::toString),
        new HtmlRenderer<>(SideBySide.class, SideBySide::html, SideBySide::toString),
        new HtmlRenderer<>(NDArray.class, a -> TextHtml.html(a.toString()), NDArray::toString),
        new HtmlRenderer<>(NDList.class, l -> TextHtml.html(l.toString()), NDList::toString),
        new HtmlRenderer<>(Block.class, b -> TextHtml.html(b.toString()), Block::toString));
  }

  @Override
  public List<DisplayTransformer> getDisplayTransformers() {
    return List.of();
  }

  /** Renders one type as {@code text/html} with a {@code text/plain} fallback. */
  private static final class HtmlRenderer<T> implements DisplayRenderer {
    private final Class<T> type;
    private final Function<T, String> html;
    private final Function<T, String> text;

    HtmlRenderer(Class<T> type, Function<T, String> html, Function<T, String> text) {
      this.type = type;
      this.html = html;
      this.text = text;
    }

    @Override
    public Class<?> rendererClass() {
      return type;
    }

    @Override
    public boolean canRender(String mime) {
      return mime == null || mime.isBlank() || mime.equals("text/html");
    }

    @Override
    public DisplayData render(String mime, Object o) {
      T value = type.cast(o);
      DisplayData data = DisplayData.fromHtml(html.apply(value));
      data.putText(text.apply(value));
      return data;
    }
  }
}
