package kr.dlcourse.notebook;

import java.util.function.Supplier;

/**
 * A cell's work stopped by the student (the ■ button, Kernel → Interrupt). The course's loops
 * (training, evaluation, prediction, batches, downloads, dataset reading) check for it between two
 * batches or chunks, so the work stops with every array in a consistent state: a model keeps the
 * weights of its last finished step. The course kernel shows the message as the cell's one line
 * ("중지: ..."), with no stack trace, like every {@link CourseException}.
 *
 * <pre>{@code
 * for (Chunk c : chunks) {
 *   StoppedException.check(() -> "다운로드를 " + done + " MB에서 멈췄습니다.");
 *   ...
 * }
 * }</pre>
 */
public final class StoppedException extends CourseException {

  private static final long serialVersionUID = 1L;

  /** @param message what was stopped and where, in Korean, for the student */
  public StoppedException(String message) {
    super("중지", message);
  }

  /**
   * Throws a {@code StoppedException} with {@code where}'s message if this thread was asked to stop
   * (it was interrupted); clears the request.
   */
  public static void check(Supplier<String> where) {
    if (Thread.interrupted()) {
      throw new StoppedException(where.get());
    }
  }
}
