package kr.dlcourse.viz;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Fonts for text drawn into images. Java2D draws Hangul only with a font that has it; without one,
 * Korean titles turn into boxes.
 */
public final class Fonts {

  /** Families tried first, in order: Linux (fonts-nanum, fonts-noto-cjk), Windows, macOS. */
  static final List<String> PREFERRED =
      List.of(
          "NanumGothic",
          "Noto Sans CJK KR",
          "Noto Sans KR",
          "Malgun Gothic",
          "Apple SD Gothic Neo",
          "AppleGothic");

  private static volatile Optional<String> hangulFamily;

  private Fonts() {}

  /**
   * A font that can draw Hangul, or the logical font {@code SansSerif} (with a one-time warning on
   * standard error that says how to install one) when the system has none.
   *
   * @param style {@link Font#PLAIN} or {@link Font#BOLD}
   * @param size point size
   * @return the font
   */
  public static Font hangul(int style, int size) {
    return new Font(hangulFamily().orElse(Font.SANS_SERIF), style, size);
  }

  /** The family {@link #hangul} uses, if the system has one that draws Hangul. */
  public static Optional<String> hangulFamily() {
    Optional<String> family = hangulFamily;
    if (family == null) {
      family = findHangulFamily();
      hangulFamily = family;
      if (family.isEmpty()) {
        System.err.println(
            "No font with Hangul was found: Korean text in images will show as boxes. Install one"
                + " (Debian/Ubuntu: sudo apt install fonts-nanum) and restart the kernel.");
      }
    }
    return family;
  }

  private static Optional<String> findHangulFamily() {
    List<String> installed =
        Arrays.asList(
            GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
    return PREFERRED.stream()
        .filter(installed::contains)
        .findFirst()
        .or(
            () ->
                installed.stream()
                    .filter(name -> new Font(name, Font.PLAIN, 12).canDisplayUpTo("한글") == -1)
                    .findFirst());
  }
}
