package kr.dlcourse.setup;

import java.util.Locale;
import kr.dlcourse.notebook.CourseException;

/**
 * How much work a notebook does: {@link #FULL} reproduces the lesson, {@link #QUICK} shrinks data and
 * epochs so that every notebook runs in seconds (tests, rehearsals before a screencast), {@link
 * #CLASS} keeps the lesson's data but trains the long lessons (the CIFAR-10 project's 100 epochs)
 * for fewer epochs, so that a class can follow along on laptops.
 *
 * <p>Chosen by the environment variable {@code COURSE_MODE} ({@code quick}, {@code class} or {@code
 * full}, default {@code full}).
 */
public enum CourseMode {
  QUICK("quick (빠른 모드: 작은 데이터, 적은 에폭)"),
  /** Lesson data with fewer epochs: a long lesson's training that fits a class hour. */
  CLASS("class (수업 모드: 강의와 같은 데이터, 에폭을 줄임)"),
  FULL("full (강의와 같은 데이터와 에폭)");

  /** Name of the environment variable that selects the mode. */
  public static final String ENV = "COURSE_MODE";

  /**
   * Parses a mode name as written in {@code COURSE_MODE}.
   *
   * @param value {@code quick} or {@code full} (any case); {@code null} or blank means {@code full}
   * @return the mode
   * @throws CourseException if the value is neither, with a Korean message naming the valid ones
   */
  public static CourseMode parse(String value) {
    if (value == null || value.isBlank()) {
      return FULL;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "quick":
        return QUICK;
      case "class":
        return CLASS;
      case "full":
        return FULL;
      default:
        throw CourseException.argument(
            ENV + "='" + value + "'은(는) 코스 모드가 아닙니다. 'quick'(작은 데이터, 적은 에폭), "
                + "'class'(강의 데이터, 줄인 에폭), 'full'(강의 그대로) 중 하나를 쓰세요. 예: COURSE_MODE=quick jupyter lab");
    }
  }

  private final String description;

  CourseMode(String description) {
    this.description = description;
  }

  /**
   * The mode as the setup table shows it: its {@code COURSE_MODE} name and what it means, in
   * Korean, e.g. {@code quick (빠른 모드: 작은 데이터, 적은 에폭)}.
   */
  public String description() {
    return description;
  }

  /** Reads {@code COURSE_MODE} from the environment. */
  public static CourseMode fromEnvironment() {
    return parse(System.getenv(ENV));
  }
}
