package kr.dlcourse.viz;

import java.util.Map;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Chart shapes the lessons use that jsplot has no one-call entry for. Each returns a jsplot {@link
 * Figure}, which a notebook cell shows as an interactive chart.
 */
public final class Charts {

  private Charts() {}

  /**
   * Overlaid histograms of 8-bit values (0-255) from counts, like {@code plt.hist(..., bins=50,
   * alpha=0.6)} for several series on one axis.
   *
   * <pre>{@code
   * Charts.histograms("Channel R", "픽셀 값", 50,
   *     Map.of("car", train.channelHistogram(0, cars), "dog", train.channelHistogram(0, dogs)))
   * }</pre>
   *
   * @param title the chart title
   * @param xTitle the x axis title
   * @param bins how many bars (1-256)
   * @param countsByName per series, 256 counts: how many values equal 0, 1, ..., 255 (insertion
   *     order is legend order)
   */
  public static Figure histograms(String title, String xTitle, int bins, Map<String, int[]> countsByName) {
    if (bins < 1 || bins > 256) {
      throw new IllegalArgumentException("bins must be between 1 and 256, got " + bins);
    }
    Trace[] traces = new Trace[countsByName.size()];
    int t = 0;
    for (Map.Entry<String, int[]> series : countsByName.entrySet()) {
      int[] counts = series.getValue();
      if (counts.length != 256) {
        throw new IllegalArgumentException(
            "series '" + series.getKey() + "' needs 256 counts (values 0-255), got " + counts.length);
      }
      Double[] centers = new Double[bins];
      double[] heights = new double[bins];
      double width = 256.0 / bins;
      for (int v = 0; v < 256; v++) {
        heights[Math.min(bins - 1, (int) (v / width))] += counts[v];
      }
      for (int b = 0; b < bins; b++) {
        centers[b] = (b + 0.5) * width;
      }
      traces[t++] =
          BarTrace.builder(centers, heights)
              .name(series.getKey())
              .opacity(0.6)
              .marker(Marker.builder().build())
              .build();
    }
    Layout layout =
        Layout.builder(title)
            .barMode(Layout.BarMode.OVERLAY)
            .xAxis(Axis.builder().title(xTitle).build())
            .yAxis(Axis.builder().title("개수").build())
            .height(350)
            .build();
    return new Figure(layout, traces);
  }
}
