package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.RapaioKernel;

/**
 * What the course's exercise checks ask the kernel about a variable of the student's cells, so a
 * check cell can name the variable instead of using it ({@code Check.deeperMlp("Try 2", "deeper")})
 * and give a verdict when the exercise cell did not compile, was emptied or threw. The kernel
 * records, for every snippet it runs, the cell it belonged to and how it ended, and every compile
 * error; {@link #lookup} puts these together for the latest declaration of a name. The course
 * helper calls it by reflection (it lives in the cells' class loader).
 */
public final class Answers {

  private Answers() {}

  private record Run(int cell, Throwable failure) {}

  private record CompileError(int cell, String source, String messages) {}

  private static final Map<String, Run> RUNS =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
          return size() > 2_000;
        }
      };
  private static final List<CompileError> COMPILE_ERRORS = new ArrayList<>();
  /** The value {@link RapaioExecutionControl#varValue} read for the lookup running on this thread. */
  static final ThreadLocal<Object[]> CAPTURE = new ThreadLocal<>();

  /** The number of the cell running now (the kernel's execution count). */
  static int cell() {
    try {
      Field f = RapaioKernel.class.getDeclaredField("executionCount");
      f.setAccessible(true);
      return ((AtomicInteger) f.get(null)).get();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  /** A snippet's wrapper class ran in the current cell, and ended with {@code failure} (or null). */
  static synchronized void ran(String wrapperClass, Throwable failure) {
    RUNS.remove(wrapperClass);
    RUNS.put(wrapperClass, new Run(cell(), failure));
  }

  private static int threwInCell = -1;
  private static String threwAtLine;

  /** A cell's code threw at this line of the student's source (called by the kernel's error formatter). */
  public static synchronized void threwAt(String line) {
    threwInCell = cell();
    threwAtLine = line;
  }

  /** A cell stopped at a compile error (called by the kernel's compile-error formatter). */
  public static synchronized void compileError(String source, List<String> messages) {
    COMPILE_ERRORS.add(new CompileError(cell(), source, String.join(" / ", messages)));
    if (COMPILE_ERRORS.size() > 200) {
      COMPILE_ERRORS.remove(0);
    }
  }

  /**
   * The latest declaration of {@code name} in the student's cells, as a map: {@code state} is
   * {@code "missing"} (never declared), {@code "not compiled"} ({@code problem} holds the compiler's
   * message and {@code source} the snippet), {@code "threw"} ({@code error} holds the exception and
   * {@code line} the student's line, when known) or {@code "value"} ({@code value} holds it).
   */
  public static Map<String, Object> lookup(String name) {
    Map<String, Object> out = new HashMap<>();
    JShell shell = MainApp.kernel.javaEngine().getShell();
    List<Snippet> all = shell.snippets().collect(Collectors.toList());
    VarSnippet latest = null;
    for (Snippet s : all) {
      if (s instanceof VarSnippet v && v.name().equals(name)) {
        latest = v;
      }
    }
    if (latest != null && !shell.status(latest).isDefined()) {
      out.put("state", "not compiled");
      out.put("source", latest.source());
      out.put("problem", shell.diagnostics(latest).map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining(" / ")));
      return out;
    }
    Object value = null;
    String wrapper = null;
    if (latest != null) {
      CAPTURE.set(new Object[2]);
      try {
        shell.varValue(latest);
        Object[] captured = CAPTURE.get();
        wrapper = (String) captured[0];
        value = captured[1];
      } catch (RuntimeException e) {
        // unreadable: treated as never declared
        latest = null;
      } finally {
        CAPTURE.remove();
      }
    }
    synchronized (Answers.class) {
      Run declared = wrapper == null ? null : RUNS.get(wrapper);
      int since = declared == null ? Integer.MAX_VALUE : declared.cell();
      for (int i = COMPILE_ERRORS.size() - 1; i >= 0; i--) {
        CompileError e = COMPILE_ERRORS.get(i);
        if (e.cell() == since || (e.cell() > since || latest == null) && mentions(e.source(), name)) {
          out.put("state", "not compiled");
          out.put("source", e.source());
          out.put("problem", e.messages());
          return out;
        }
      }
      if (declared != null) {
        Throwable failure = declared.failure();
        for (Run r : RUNS.values()) {
          if (failure == null && r.cell() == declared.cell() && r.failure() != null) {
            failure = r.failure();
          }
        }
        if (failure != null) {
          out.put("state", "threw");
          out.put("error", failure);
          if (threwInCell == declared.cell() && threwAtLine != null && !threwAtLine.isEmpty()) {
            out.put("line", threwAtLine);
          }
          return out;
        }
      }
    }
    if (latest == null) {
      out.put("state", "missing");
      return out;
    }
    out.put("state", "value");
    out.put("value", value);
    return out;
  }

  private static boolean mentions(String source, String name) {
    return source != null && source.matches("(?s).*\\b" + java.util.regex.Pattern.quote(name) + "\\b.*");
  }
}
