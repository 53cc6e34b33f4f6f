package kr.dlcourse.data;

/**
 * A dataset could not be found, fetched or read. The message says what happened and what to do.
 */
public class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
