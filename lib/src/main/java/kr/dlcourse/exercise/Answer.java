package kr.dlcourse.exercise;

import java.lang.reflect.Method;
import java.util.Map;
import kr.dlcourse.notebook.Explanations;

/**
 * A student's answer, found by the name of the variable the exercise cell declares. The course
 * kernel says whether that cell compiled, threw, or left a value ({@code
 * org.rapaio.jupyter.kernel.core.java.Answers}); under another kernel only {@link #of(Object)}
 * works.
 */
record Answer(State state, Object value, String problem, String line) {

  enum State { MISSING, NOT_COMPILED, THREW, VALUE, NO_KERNEL }

  static final String KERNEL_ANSWERS = "org.rapaio.jupyter.kernel.core.java.Answers";

  /** An answer passed as an object (a unit test, or another kernel). */
  static Answer of(Object value) {
    return new Answer(State.VALUE, value, null, null);
  }

  /** The latest declaration of {@code variable} in the student's cells, as the course kernel saw it. */
  @SuppressWarnings("unchecked")
  static Answer named(String variable) {
    boolean inACell = StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("REPL.")));
    if (!inACell) {
      return new Answer(State.NO_KERNEL, null, null, null);
    }
    Map<String, Object> found;
    try {
      Class<?> answers = Class.forName(KERNEL_ANSWERS, true, ClassLoader.getSystemClassLoader());
      Method lookup = answers.getMethod("lookup", String.class);
      found = (Map<String, Object>) lookup.invoke(null, variable);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return new Answer(State.NO_KERNEL, null, null, null);
    }
    String line = (String) found.get("line");
    return switch (String.valueOf(found.get("state"))) {
      case "value" -> new Answer(State.VALUE, found.get("value"), null, null);
      case "not compiled" -> new Answer(State.NOT_COMPILED, null, String.valueOf(found.get("problem")), null);
      case "threw" -> new Answer(State.THREW, null, describe((Throwable) found.get("error")), line);
      default -> new Answer(State.MISSING, null, null, null);
    };
  }

  /** A student's exception in Korean: the course's explanation if there is one, else its kind and message. */
  static String describe(Throwable error) {
    var explained = Explanations.explain(error);
    if (explained != null) {
      return explained.getMessage();
    }
    String message = error.getMessage() == null ? "" : " (" + error.getMessage() + ")";
    String kind = switch (error.getClass().getSimpleName()) {
      case "NullPointerException" -> "null인 변수나 값을 사용했습니다";
      case "ArrayIndexOutOfBoundsException", "IndexOutOfBoundsException", "StringIndexOutOfBoundsException" ->
          "배열이나 리스트의 범위를 벗어난 위치를 읽었습니다";
      case "ArithmeticException" -> "계산할 수 없는 연산입니다 (0으로 나누기 등)";
      case "ClassCastException" -> "값을 다른 타입으로 바꿀 수 없습니다";
      case "NumberFormatException" -> "문자열을 숫자로 바꿀 수 없습니다";
      case "IllegalArgumentException" -> "메서드에 쓸 수 없는 값을 넘겼습니다";
      case "IllegalStateException" -> "지금 상태에서는 할 수 없는 호출입니다";
      case "UnsupportedOperationException" -> "지원하지 않는 연산입니다";
      case "NoSuchElementException" -> "비어 있는 곳에서 값을 꺼냈습니다";
      default -> "예외 " + error.getClass().getSimpleName() + "이(가) 났습니다";
    };
    return kind + message;
  }
}
