package org.rapaio.jupyter.kernel;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.logging.LogManager;

/**
 * The course kernel's entry point (kernel.json): rapaio's {@link MainApp}, with the course's
 * logging (warnings and errors) from the start, and without the line per jar ("Add ... to
 * classpath") that building its Java engine prints on the server's terminal. Errors still reach
 * the terminal through standard error.
 */
public final class CourseMain {

  private CourseMain() {}

  public static void main(String[] args) throws Exception {
    try (InputStream logging = CourseMain.class.getClassLoader().getResourceAsStream("logging.properties")) {
      if (logging != null) {
        LogManager.getLogManager().readConfiguration(logging);
      }
    }
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream(), true));
    try {
      Class.forName(MainApp.class.getName(), true, CourseMain.class.getClassLoader()); // builds the kernel
    } finally {
      System.setOut(out);
    }
    MainApp.main(args);
  }
}
