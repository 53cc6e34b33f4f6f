package kr.dlcourse.setup;

import kr.dlcourse.notebook.CourseException;

/**
 * System properties that DJL's PyTorch engine reads once, when it first loads. They must be set
 * before the first NDArray is created; {@link Course} does it in its static initializer.
 *
 * <p>A value the user set already (for example {@code -Dai.djl.pytorch.num_interop_threads=2} in
 * the kernel's Java options) is kept.
 */
final class EngineDefaults {

  static final String OFFLINE = "ai.djl.offline";
  static final String INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
  static final String INTRAOP_THREADS = "ai.djl.pytorch.num_threads";
  /** Environment variable to choose the number of intra-op threads (default: libtorch's choice). */
  static final String THREADS_ENV = "COURSE_THREADS";

  private EngineDefaults() {}

  static void apply() {
    // The native library ships in pytorch-native-cpu; never let DJL try to download one.
    setIfAbsent(OFFLINE, "true");
    // The lessons' models run one operator at a time, so a second inter-op thread has nothing to
    // run in parallel. bench/threads.sh on 2 cores: no clear difference (CNN_V1 steps, medians of
    // 2,050-2,530 images/s with 1, 2,060-2,350 with DJL's default 2); 1 keeps the threads simple.
    setIfAbsent(INTEROP_THREADS, "1");
    String threads = System.getenv(THREADS_ENV);
    if (threads != null && !threads.isBlank()) {
      setIfAbsent(INTRAOP_THREADS, parseThreads(threads));
    }
  }

  static String parseThreads(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1) {
        return Integer.toString(n);
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw CourseException.argument(
        THREADS_ENV + "='" + value + "'은(는) 스레드 수가 아닙니다. 1 이상의 정수를 쓰거나"
            + " (예: COURSE_THREADS=4), 변수를 지워 PyTorch가 정하게 하세요.");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
