package kr.dlcourse.data;

/**
 * A dataset could not be found, fetched or read. The message says what happened and what to do.
 */
public class DatasetException extends kr.dlcourse.notebook.CourseException {
  public DatasetException(String message) {
    super("데이터 오류", message);
  }

  public DatasetException(String message, Throwable cause) {
    super("데이터 오류", message, cause);
  }
}
