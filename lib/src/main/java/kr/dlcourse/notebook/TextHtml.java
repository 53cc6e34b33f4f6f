package kr.dlcourse.notebook;

/**
 * Multi-line text (an NDArray, a block's structure) as a {@code <pre>} block: the kernel's default
 * HTML output would run its lines together.
 */
public final class TextHtml {

  private TextHtml() {}

  /**
   * @param text any text, shown as is
   * @return HTML for a {@code text/html} output
   */
  public static String html(String text) {
    return "<pre>" + escape(text) + "</pre>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
