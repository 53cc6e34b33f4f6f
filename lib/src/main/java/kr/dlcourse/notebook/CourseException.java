package kr.dlcourse.notebook;

/**
 * A mistake the course explains in Korean: what went wrong and what to do. The course kernel shows
 * it as the cell's one line, {@code title: message}, with no stack trace; every part of the helper
 * throws it for everyday mistakes (a wrong shape or argument, a missing or damaged file), and {@link
 * Explanations} turns the engine's English errors into one.
 *
 * <pre>{@code
 * throw new CourseException("인자 오류", "brightness는 0 이상 1 이하여야 합니다 (받은 값 3).");
 * }</pre>
 */
public class CourseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String title;

  /**
   * @param title a short Korean label shown before the message ("모양 오류", "데이터 오류")
   * @param message what went wrong and what to do, in Korean
   */
  public CourseException(String title, String message) {
    this(title, message, null);
  }

  public CourseException(String title, String message, Throwable cause) {
    super(message, cause);
    this.title = title;
  }

  /** A helper method was called with a value it cannot use: say which, the value, and what works. */
  public static CourseException argument(String message) {
    return new CourseException("인자 오류", message);
  }

  /** A tensor of the wrong shape or type: say what was expected, what was given, what to change. */
  public static CourseException shape(String message) {
    return new CourseException("모양 오류", message);
  }

  /** A file or download that is missing, damaged or truncated. */
  public static CourseException data(String message, Throwable cause) {
    return new CourseException("데이터 오류", message, cause);
  }

  /** The short label the kernel shows before the message. */
  public String title() {
    return title;
  }

  /** {@code title: message}, as the course kernel shows it. */
  @Override
  public String toString() {
    return title + ": " + getMessage();
  }
}
