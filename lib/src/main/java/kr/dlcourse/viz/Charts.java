package kr.dlcourse.viz;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kr.dlcourse.notebook.CourseException;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Chart shapes the lessons use that jsplot has no one-call entry for. Each returns a jsplot {@link
 * Figure}, which a notebook cell shows as an interactive chart.
 */
public final class Charts {

  /** At most about this many ticks on an epoch axis; longer runs tick every 2, 5, 10... epochs. */
  static final int MAX_EPOCH_TICKS = 20;

  private Charts() {}

  /**
   * An x axis titled 에폭 whose ticks are whole epochs: {@code dtick} 1, or 2, 5, 10, ... for long
   * runs, never the 1.2, 1.4, ... that Plotly's automatic ticks put on a short run. {@link
   * kr.dlcourse.train.History}'s charts use it; use it for a chart of your own over epochs:
   *
   * <pre>{@code
   * Layout.builder("학습률").xAxis(Charts.epochAxis(10)).build()
   * }</pre>
   *
   * @param lastEpoch the last epoch on the axis (the number of epochs)
   */
  public static Axis epochAxis(int lastEpoch) {
    return Axis.builder()
        .title("에폭")
        .tickSettings(TickSettings.builder().dTick(epochTickStep(lastEpoch)).format("d").build())
        .build();
  }

  /** 1 up to {@link #MAX_EPOCH_TICKS} epochs, then the least of 2, 5, 10, 20, 50, ... that fits. */
  static int epochTickStep(int lastEpoch) {
    int step = 1;
    for (int k = 0; lastEpoch > (long) step * MAX_EPOCH_TICKS && step < 100_000_000; k++) {
      step = new int[] {2, 5, 10}[k % 3] * (int) Math.pow(10, k / 3);
    }
    return step;
  }

  /**
   * Overlaid histograms of 8-bit values (0-255) from counts, like {@code plt.hist(..., bins=50,
   * alpha=0.6)} for several series on one axis.
   *
   * <pre>{@code
   * Charts.histograms("R 채널", "픽셀 값", 50,
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
      throw CourseException.argument("bins는 1 이상 256 이하여야 합니다 (받은 값 " + bins + ").");
    }
    Trace[] traces = new Trace[countsByName.size()];
    int t = 0;
    for (Map.Entry<String, int[]> series : countsByName.entrySet()) {
      int[] counts = series.getValue();
      if (counts.length != 256) {
        throw CourseException.argument(
            "'" + series.getKey() + "'에는 값 0~255마다 하나씩, 256개의 개수가 필요합니다 (받은 개수 "
                + counts.length + ").");
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
   * Charts.bars("테스트 정확도 비교", "테스트 정확도 (%)",
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
      throw CourseException.argument(
          "이름과 값의 개수가 같아야 합니다 (이름 " + names.size() + "개, 값 " + values.length + "개).");
    }
    if (colors.length != 0 && colors.length != values.length) {
      throw CourseException.argument(
          "색은 막대마다 하나씩 주거나 하나도 주지 마세요 (막대 " + values.length + "개, 색 " + colors.length + "개).");
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
   * class's bar red (the MNIST tutorial's "Model Confidence by Class"). The axes read 클래스 and
   * 확률.
   *
   * @param title the chart title
   * @param classNames one name per class
   * @param probabilities one probability per class, e.g. {@code predictions.probabilities(i)}
   * @param trueClass the index of the true class
   * @param predictedClass the index of the predicted class
   */
  public static Figure probabilities(String title, List<String> classNames, float[] probabilities, int trueClass, int predictedClass) {
    if (probabilities.length != classNames.size()) {
      throw CourseException.argument(
          "클래스마다 확률이 하나씩 있어야 합니다 (클래스 " + classNames.size() + "개, 확률 " + probabilities.length + "개).");
    }
    if (trueClass < 0 || trueClass >= probabilities.length || predictedClass < 0 || predictedClass >= probabilities.length) {
      throw CourseException.argument(
          "클래스 번호는 0~" + (probabilities.length - 1) + " 사이여야 합니다 (받은 값: 정답 " + trueClass + ", 예측 " + predictedClass + ").");
    }
    String[] colors = new String[probabilities.length];
    Arrays.fill(colors, "lightblue");
    colors[trueClass] = "green";
    colors[predictedClass] = trueClass == predictedClass ? "green" : "red";
    double[] p = new double[probabilities.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = probabilities[i];
    }
    Trace trace = BarTrace.builder(classNames.toArray(), p).name("확률").marker(Marker.builder().color(colors).build()).build();
    Layout layout =
        Layout.builder(title)
            .xAxis(Axis.builder().title("클래스 (초록: 정답 " + classNames.get(trueClass) + ", 빨강: 예측 " + classNames.get(predictedClass) + ")").type(Axis.Type.CATEGORY).build())
            .yAxis(Axis.builder().title("확률").range(0, 1).build())
            .height(350)
            .build();
    return new Figure(layout, trace);
  }
}
