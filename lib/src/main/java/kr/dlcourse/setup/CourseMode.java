package kr.dlcourse.setup;

import java.util.Locale;

/**
 * How much work a notebook does: {@link #FULL} reproduces the lesson, {@link #QUICK} shrinks data and
 * epochs so that every notebook runs in seconds (tests, rehearsals before a screencast).
 *
 * <p>Chosen by the environment variable {@code COURSE_MODE} ({@code quick} or {@code full}, default
 * {@code full}).
 */
public enum CourseMode {
  QUICK,
  FULL;

  /** Name of the environment variable that selects the mode. */
  public static final String ENV = "COURSE_MODE";

  /**
   * Parses a mode name as written in {@code COURSE_MODE}.
   *
   * @param value {@code quick} or {@code full} (any case); {@code null} or blank means {@code full}
   * @return the mode
   * @throws IllegalArgumentException if the value is neither, with a message naming the valid ones
   */
  public static CourseMode parse(String value) {
    if (value == null || value.isBlank()) {
      return FULL;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "quick":
        return QUICK;
      case "full":
        return FULL;
      default:
        throw new IllegalArgumentException(
            ENV + "='" + value + "' is not a course mode: use 'quick' (small data, few epochs) or "
                + "'full' (the lesson as written), e.g. COURSE_MODE=quick jupyter lab");
    }
  }

  /** Reads {@code COURSE_MODE} from the environment. */
  public static CourseMode fromEnvironment() {
    return parse(System.getenv(ENV));
  }
}
