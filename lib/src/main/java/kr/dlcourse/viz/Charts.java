package kr.dlcourse.viz;

import java.util.Arrays;
import java.util.List;
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

  /**
   * One bar per name, e.g. the test accuracy of three models. Bars take {@code colors} in order
   * (CSS colours), or Plotly's default colour when none are given.
   *
   * <pre>{@code
   * Charts.bars("Test Accuracy Comparison", "Test Accuracy (%)",
   *     List.of("FC 1-Layer", "FC Multi-Layer", "CNN (3-Block)"), new double[] {84.1, 88.9, 91.6})
   * }</pre>
   *
   * @param title the chart title
   * @param yTitle the y axis title
   * @param names one label per bar
   * @param values one height per bar
   * @param colors optional, one per bar
   */
  public static Figure bars(String title, String yTitle, List<String> names, double[] values, String... colors) {
    if (names.size() != values.length) {
      throw new IllegalArgumentException(names.size() + " names but " + values.length + " values");
    }
    if (colors.length != 0 && colors.length != values.length) {
      throw new IllegalArgumentException(colors.length + " colours for " + values.length + " bars: give one per bar or none");
    }
    Marker marker = colors.length == 0 ? Marker.builder().build() : Marker.builder().color(colors).build();
    Trace trace = BarTrace.builder(names.toArray(), values).name(yTitle).marker(marker).build();
    Layout layout =
        Layout.builder(title)
            .xAxis(Axis.builder().type(Axis.Type.CATEGORY).build())
            .yAxis(Axis.builder().title(yTitle).build())
            .height(350)
            .build();
    return new Figure(layout, trace);
  }

  /**
   * A model's probability per class for one image, the true class's bar green and the predicted
   * class's bar red (the MNIST tutorial's "Model Confidence by Class").
   *
   * @param title the chart title
   * @param classNames one name per class
   * @param probabilities one probability per class, e.g. {@code predictions.probabilities(i)}
   * @param trueClass the index of the true class
   * @param predictedClass the index of the predicted class
   */
  public static Figure probabilities(String title, List<String> classNames, float[] probabilities, int trueClass, int predictedClass) {
    if (probabilities.length != classNames.size()) {
      throw new IllegalArgumentException(probabilities.length + " probabilities for " + classNames.size() + " classes");
    }
    if (trueClass < 0 || trueClass >= probabilities.length || predictedClass < 0 || predictedClass >= probabilities.length) {
      throw new IllegalArgumentException("class indices must be in 0.." + (probabilities.length - 1) + ", got true " + trueClass + ", predicted " + predictedClass);
    }
    String[] colors = new String[probabilities.length];
    Arrays.fill(colors, "lightblue");
    colors[trueClass] = "green";
    colors[predictedClass] = trueClass == predictedClass ? "green" : "red";
    double[] p = new double[probabilities.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = probabilities[i];
    }
    Trace trace = BarTrace.builder(classNames.toArray(), p).name("probability").marker(Marker.builder().color(colors).build()).build();
    Layout layout =
        Layout.builder(title)
            .xAxis(Axis.builder().title("Class (초록: 정답 " + classNames.get(trueClass) + ", 빨강: 예측 " + classNames.get(predictedClass) + ")").type(Axis.Type.CATEGORY).build())
            .yAxis(Axis.builder().title("Probability").range(0, 1).build())
            .height(350)
            .build();
    return new Figure(layout, trace);
  }
}
