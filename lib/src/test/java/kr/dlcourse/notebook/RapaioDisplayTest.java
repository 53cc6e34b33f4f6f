package kr.dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.ServiceLoader;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class RapaioDisplayTest {

  @Test
  void theKernelFindsTheProviderThroughItsServiceLoader() {
    List<String> providers =
        ServiceLoader.load(DisplayProvider.class).stream()
            .map(p -> p.type().getName())
            .toList();
    assertTrue(providers.contains(RapaioDisplay.class.getName()), providers.toString());
  }

  @Test
  void tablesChartsAndArraysGetHtmlWithATextFallback() {
    Course.setup();
    Table table = Table.create("표", IntColumn.create("x", 1, 2));
    DisplayData tableData = render(table);
    assertTrue(((String) tableData.data().get("text/html")).contains("<caption>표</caption>"));
    assertEquals(table.print(), tableData.data().get("text/plain"));

    DisplayData chart = render(PlotlyJsTest.chart("차트"));
    assertTrue(((String) chart.data().get("text/html")).contains("Plotly.newPlot"));

    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray ones = manager.ones(new ai.djl.ndarray.types.Shape(2, 2));
      String html = (String) render(ones).data().get("text/html");
      assertTrue(html.startsWith("<pre>ND: (2, 2) cpu() float32\n"), html);
    }
  }

  private static DisplayData render(Object value) {
    for (DisplayRenderer renderer : new RapaioDisplay().getDisplayRenderers()) {
      if (renderer.rendererClass().isInstance(value) && renderer.canRender(null)) {
        return renderer.render(null, value);
      }
    }
    throw new AssertionError("no renderer for " + value.getClass());
  }
}
