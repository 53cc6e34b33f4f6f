package kr.dlcourse.notebook;

import java.util.Locale;
import kr.dlcourse.nn.NativeHeap;
import org.rapaio.jupyter.kernel.global.Global;

/**
 * A progress bar for long work (a download, an epoch): in a notebook it is one HTML output updated
 * in place (Jupyter's {@code update_display_data}); elsewhere it prints a line per 10 %.
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.start("CIFAR-10 다운로드", totalBytes, "MB", 1e6)) {
 *   bar.update(doneBytes, "");
 * }
 * }</pre>
 */
public abstract class ProgressBar implements AutoCloseable {

  /** Minimum time between two redraws in a notebook. */
  static final long REDRAW_NANOS = 200_000_000L;

  final String title;
  final long total;
  final String unit;
  final double unitSize;
  final long started = System.nanoTime();
  long done;
  String detail = "";
  boolean stopped;
  private boolean finished;

  ProgressBar(String title, long total, String unit, double unitSize) {
    this.title = title;
    this.total = total;
    this.unit = unit;
    this.unitSize = unitSize;
  }

  /**
   * Starts a bar: a live HTML bar inside the course's Jupyter kernel, text lines elsewhere.
   *
   * @param title what is being done
   * @param total the amount of work, or 0 or less if unknown
   * @param unit the unit shown, e.g. "MB" or "batches"
   * @param unitSize how many counted items make one unit (1e6 to count bytes and show MB)
   */
  public static ProgressBar start(String title, long total, String unit, double unitSize) {
    ProgressBar bar =
        inNotebook()
            ? new HtmlBar(title, total, unit, unitSize)
            : new TextBar(title, total, unit, unitSize);
    bar.draw(true);
    return bar;
  }

  /** Whether this JVM is the course's Jupyter kernel. */
  public static boolean inNotebook() {
    String command = System.getProperty("sun.java.command", "");
    return command.contains("org.rapaio.jupyter.kernel") || command.contains("rapaio-jupyter-kernel");
  }

  /**
   * Sets the amount done and a short text shown beside the bar (e.g. the current loss).
   *
   * @param amountDone work done so far, in counted items
   * @param text anything, or "" for none
   */
  public void update(long amountDone, String text) {
    this.done = amountDone;
    this.detail = text == null ? "" : text;
    draw(false);
  }

  /** Marks the work finished, with a closing text (shown instead of the rate). */
  public void finish(String text) {
    if (total > 0) {
      done = Math.max(done, total);
    }
    detail = text == null ? "" : text;
    finished = true;
    draw(true);
    NativeHeap.trim(); // the work's tensors are freed: give their pages back now
  }

  /**
   * Marks the work stopped before its end (the ■ button, or an error), with where it stopped; the
   * bar keeps the amount done and says "■ 중지됨".
   */
  public void stop(String text) {
    if (finished) {
      return;
    }
    detail = text == null ? "" : text;
    stopped = true;
    finished = true;
    draw(true);
    NativeHeap.trim();
  }

  /**
   * Draws the final state: finished when all the work was done (a notebook's own loop that never
   * calls {@link #finish}), else stopped, unless {@link #finish} or {@link #stop} was called.
   */
  @Override
  public void close() {
    if (!finished && total > 0 && done >= total) {
      finish(detail);
    } else {
      stop(detail);
    }
  }

  abstract void draw(boolean force);

  String summary() {
    double seconds = (System.nanoTime() - started) / 1e9;
    StringBuilder s = new StringBuilder(stopped ? "■ 중지됨 · " : "").append(title).append(": ");
    if (total > 0) {
      s.append(String.format(Locale.ROOT, "%3.0f%% ", 100.0 * done / total));
      s.append(String.format(Locale.ROOT, "(%s / %s %s)", amount(done), amount(total), unit));
    } else {
      s.append(amount(done)).append(' ').append(unit);
    }
    if (seconds > 0.5 && done > 0) {
      s.append(String.format(Locale.ROOT, ", %.1f s", seconds));
      if (total > done && !stopped) {
        double left = seconds * (total - done) / done;
        s.append(", 남은 시간 약 ").append(Numbers.duration(left));
      }
    }
    if (!detail.isEmpty()) {
      s.append(" · ").append(detail);
    }
    return s.toString();
  }

  private String amount(long items) {
    double value = items / unitSize;
    return unitSize == 1 ? Long.toString(items) : String.format(Locale.ROOT, "%.1f", value);
  }

  /** A bar drawn as HTML in the notebook and replaced in place. */
  static final class HtmlBar extends ProgressBar {
    private String displayId;
    private long lastDraw;

    HtmlBar(String title, long total, String unit, double unitSize) {
      super(title, total, unit, unitSize);
    }

    @Override
    void draw(boolean force) {
      long now = System.nanoTime();
      if (!force && now - lastDraw < REDRAW_NANOS) {
        return;
      }
      lastDraw = now;
      String html =
          "<div class=\"dlcourse-progress\"" + (stopped ? " style=\"color:#b00020\"" : "")
              + "><progress style=\"width:40%;vertical-align:middle\""
              + (total > 0 ? " max=\"" + total + "\" value=\"" + Math.min(done, total) + "\"" : "")
              + "></progress> <span style=\"font-family:monospace\">"
              + TextHtml.escape(summary())
              + "</span></div>";
      if (displayId == null) {
        displayId = Global.display("text/html", html);
      } else {
        Global.updateDisplay(displayId, "text/html", html);
      }
    }
  }

  /** A bar printed as a line at each tenth of the work (no carriage returns). */
  static final class TextBar extends ProgressBar {
    private int lastTenth = -1;

    TextBar(String title, long total, String unit, double unitSize) {
      super(title, total, unit, unitSize);
    }

    @Override
    void draw(boolean force) {
      int tenth = total > 0 ? (int) Math.min(10, 10 * done / total) : -1;
      if (force || tenth > lastTenth) {
        lastTenth = tenth;
        System.out.println(summary());
      }
    }
  }
}
