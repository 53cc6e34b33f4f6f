package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.execution.DirectExecutionControl;
import org.rapaio.jupyter.kernel.channels.IOPubChannel;
import jdk.jshell.spi.SPIResolutionException;

/**
 * rapaio-jupyter-kernel 3.0.1's execution control with a working stop button (see
 * lib/kernel/patch/README.md). Each cell's code runs on a worker thread; a stop request interrupts
 * that thread and waits for it to end, so the cell finishes with one line ("중지: ...") and every
 * later cell runs. Code that ignores interruption is stopped with {@link Thread#stop()} after a
 * grace period (Java 17-19; later Java versions refuse it).
 */
public class RapaioExecutionControl extends DirectExecutionControl {

  public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
  public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";

  /** Shown before a stopped cell's message, where an exception's class name would be. */
  static final String STOPPED = "중지";
  /** The course helper's exception for "stopped between two batches"; its message says where. */
  static final String HELPER_STOP = "kr.dlcourse.notebook.StoppedException";
  /** How long code that does not check for interruption gets before it is stopped by force. */
  static final long GRACE_MILLIS = 1_000;
  /** The same for the course helper's loops, which stop at their next batch. */
  static final long HELPER_GRACE_MILLIS = 60_000;

  private static final AtomicInteger ID = new AtomicInteger(0);

  private final ExecutorService executor;
  private final long timeoutTime;
  private final Map<String, Object> results = new ConcurrentHashMap<>();
  private volatile Cell current;

  public RapaioExecutionControl(long timeoutTime) {
    this.timeoutTime = timeoutTime;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "Engine-thread-" + ID.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
  }

  public long getTimeout() {
    return timeoutTime;
  }

  public Object takeResult(String key) {
    Object result = results.remove(key);
    if (result == null) {
      throw new IllegalStateException("No result with key: " + key);
    }
    return result;
  }

  @Override
  protected String invoke(Method methodCall) throws Exception {
    String id = UUID.randomUUID().toString();
    Object value = execute(methodCall);
    results.put(id, value);
    return id;
  }

  private Object execute(Method methodCall) throws Exception {
    Cell cell = new Cell();
    current = cell;
    Future<Object> task = executor.submit(() -> cell.run(methodCall));
    long deadline = timeoutTime > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutTime) : Long.MAX_VALUE;
    try {
      while (true) {
        try {
          Object value = task.get(50, TimeUnit.MILLISECONDS);
          Answers.ran(methodCall.getDeclaringClass().getName(), null);
          return value;
        } catch (TimeoutException e) {
          if (System.nanoTime() > deadline) {
            cell.timedOut = true;
            cell.requestStop();
          }
          cell.forceIfOverdue();
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvocationTargetException) {
        cause = cause.getCause();
      }
      Answers.ran(methodCall.getDeclaringClass().getName(), cause);
      if (cell.timedOut) {
        throw new UserException("Execution timed out", TIMEOUT_MARKER, new StackTraceElement[0]);
      }
      if (cause != null && (cell.stopRequested || HELPER_STOP.equals(cause.getClass().getName()))) {
        throw new UserException(stopMessage(cause), STOPPED, new StackTraceElement[0]);
      }
      Object explained = explain(cause, methodCall.getDeclaringClass().getClassLoader());
      if (explained instanceof Throwable course) {
        throw new UserException(course.getMessage(), title(course), new StackTraceElement[0]);
      }
      if (closedByRerun(cause)) {
        throw new UserException(CLOSED_BY_RERUN, "닫힌 객체", new StackTraceElement[0]);
      }
      if (cause == null) {
        throw new UserException("null", "Unknown Invocation Exception", e.getStackTrace());
      } else if (cause instanceof SPIResolutionException spiResCause) {
        throw new ResolutionException(spiResCause.id(), cause.getStackTrace());
      } else {
        throw new UserException(cause.getMessage(), cause.getClass().getName(), cause.getStackTrace());
      }
    } finally {
      current = null;
    }
  }

  /** The course helper's explanation of everyday mistakes: a CourseException, shown as one line. */
  static final String HELPER_EXPLANATIONS = "kr.dlcourse.notebook.Explanations";

  /**
   * The course helper's Korean explanation of {@code cause} (a CourseException: its own, or one it
   * makes of an engine error such as a wrong input shape), or null when the helper is not loaded or
   * does not know the error. The helper lives in the cells' class loader (that of the snippet's
   * class), so it is called by name.
   */
  private static Object explain(Throwable cause, ClassLoader cells) {
    if (cause == null) {
      return null;
    }
    try {
      Class<?> explanations = Class.forName(HELPER_EXPLANATIONS, true, cells);
      return explanations.getMethod("explain", Throwable.class).invoke(null, cause);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static String title(Throwable course) {
    try {
      return String.valueOf(course.getClass().getMethod("title").invoke(course));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "오류";
    }
  }

  static final String CLOSED_BY_RERUN =
      "이 셀이 쓰는 모델이나 텐서가 이미 닫혔습니다. 그것을 만든 위쪽 셀을 다시 실행하면서 이전 것이 닫혔을 수 있습니다:"
          + " 그 셀(그리고 그 뒤의 셀)을 다시 실행한 다음 이 셀을 실행하세요.";

  /** DJL's messages for an array or manager used after it was closed (a cell rerun closed it). */
  private static boolean closedByRerun(Throwable cause) {
    String message = cause == null ? null : cause.getMessage();
    return cause instanceof IllegalStateException
        && message != null
        && (message.contains("has been released already") || message.contains("has been closed already"));
  }

  private static String stopMessage(Throwable cause) {
    if (HELPER_STOP.equals(cause.getClass().getName()) && cause.getMessage() != null) {
      return cause.getMessage();
    }
    return "셀 실행을 멈췄습니다. 다음 셀은 평소처럼 실행됩니다.";
  }

  /** Reads a variable for {@link Answers#lookup}, which needs the object, not its text. */
  @Override
  public String varValue(String className, String varName)
      throws RunException, EngineTerminationException, InternalException {
    Object[] capture = Answers.CAPTURE.get();
    if (capture == null) {
      return super.varValue(className, varName);
    }
    try {
      Field field = findClass(className).getDeclaredField(varName);
      field.setAccessible(true);
      capture[0] = className;
      capture[1] = field.get(null);
      return "";
    } catch (ReflectiveOperationException e) {
      throw new InternalException("variable " + varName + ": " + e);
    }
  }

  /** Stops the running cell (Jupyter's interrupt request). */
  public void interrupt() {
    Cell cell = current;
    if (cell != null) {
      cell.requestStop();
    }
  }

  /** JShell's "stop the running snippet"; 3.0.1 shut the executor down here, so no cell ran again. */
  @Override
  public void stop() {
    interrupt();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    super.close();
  }

  /** One cell's run on a worker thread. */
  private static final class Cell {
    private Thread thread;
    private boolean finished;
    volatile boolean stopRequested;
    volatile boolean timedOut;
    private long stopRequestedAt;
    private boolean forced;

    Object run(Method methodCall) throws Exception {
      synchronized (this) {
        if (stopRequested) {
          throw new InterruptedException();
        }
        thread = Thread.currentThread();
      }
      try {
        return methodCall.invoke(null);
      } finally {
        synchronized (this) {
          finished = true;
          thread = null;
        }
        Thread.interrupted(); // a pooled thread starts its next cell uninterrupted
      }
    }

    synchronized void requestStop() {
      if (!stopRequested) {
        stopRequested = true;
        stopRequestedAt = System.nanoTime();
      }
      if (thread != null && !finished) {
        synchronized (IOPubChannel.SEND) { // never in the middle of sending the cell's output
          thread.interrupt();
        }
      }
    }

    @SuppressWarnings({"deprecation", "removal"})
    synchronized void forceIfOverdue() {
      if (!stopRequested || forced || thread == null || finished) {
        return;
      }
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopRequestedAt);
      if (waited < (inCourseHelper(thread) ? HELPER_GRACE_MILLIS : GRACE_MILLIS)) {
        synchronized (IOPubChannel.SEND) {
          thread.interrupt(); // again: the code may have cleared the flag
        }
        return;
      }
      forced = true;
      try {
        synchronized (IOPubChannel.SEND) {
          thread.stop();
        }
      } catch (UnsupportedOperationException e) {
        System.err.println(
            "이 셀의 코드는 중지 요청을 확인하지 않아 멈출 수 없습니다 (Java 20 이상). "
                + "Kernel → Restart Kernel로 커널을 다시 시작하세요.");
      }
    }

    private static boolean inCourseHelper(Thread thread) {
      for (StackTraceElement frame : thread.getStackTrace()) {
        if (frame.getClassName().startsWith("kr.dlcourse.")) {
          return true;
        }
      }
      return false;
    }
  }
}
