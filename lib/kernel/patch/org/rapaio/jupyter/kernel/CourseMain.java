package org.rapaio.jupyter.kernel;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.LogManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatter;
import org.rapaio.jupyter.kernel.core.format.ErrorFormatters;
import org.rapaio.jupyter.kernel.core.java.Answers;
import org.rapaio.jupyter.kernel.core.java.CompilerException;
import org.rapaio.jupyter.kernel.core.java.IncompleteSourceException;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.display.text.ANSI;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.PersistentSnippet;
import jdk.jshell.Snippet;

/**
 * The course kernel's entry point (kernel.json): rapaio's {@link MainApp}, with the course's
 * logging (warnings and errors) from the start, and without the line per jar ("Add ... to
 * classpath") that building its Java engine prints on the server's terminal. Errors still reach
 * the terminal through standard error. A compile error about a name that does not exist (a cell
 * run before the cell that defines its variable, or a typo) starts with one Korean line that says
 * so.
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
    explainMissingNames();
    MainApp.main(args);
  }

  private static final Pattern MISSING = Pattern.compile("symbol:\\s+(variable|method) (\\w+)");

  /**
   * The kernel's own format of an exception thrown by a cell's code, with the source excerpt taken
   * from the snippet that ran: JShell names a redefined declaration's frames after its first
   * snippet, so 3.0.1 showed the handed-out line ({@code Integer hardestDigit = null;}) under the
   * student's error. The student's line is also recorded for the exercise checks ({@link Answers}).
   */
  private static List<String> formatEvalException(RapaioKernel kernel, EvalException e) {
    JShell shell = kernel.javaEngine().getShell();
    List<String> output = new ArrayList<>();
    output.add(ANSI.start().bold().fgRed().text(e.getExceptionClassName() + ": " + e.getMessage() + "\n").render());
    if (e.getCause() != null) {
      output.add(ANSI.start().fgRed().text("Cause: " + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage()).render());
    }
    String studentLine = null;
    for (StackTraceElement frame : e.getStackTrace()) {
      output.add(String.join("\n", ANSI.errorMessages("   at " + frame)));
      String file = frame.getFileName();
      if (file != null && file.startsWith("#")) {
        Snippet snippet = ranSnippet(shell, file.substring(1));
        if (snippet != null) {
          output.addAll(ANSI.sourceCode(snippet.source(), frame.getLineNumber()));
          String[] lines = snippet.source().split("\n", -1);
          if (studentLine == null && frame.getLineNumber() >= 1 && frame.getLineNumber() <= lines.length) {
            studentLine = lines[frame.getLineNumber() - 1].trim();
          }
        }
      }
    }
    Answers.threwAt(studentLine);
    return output;
  }

  /** The snippet a frame named "#id" ran: the active redefinition of a declaration, else that id's snippet. */
  private static Snippet ranSnippet(JShell shell, String id) {
    List<Snippet> all = shell.snippets().toList();
    Snippet named = all.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    if (named instanceof PersistentSnippet declared && !shell.status(named).isActive()) {
      for (int i = all.size() - 1; i >= 0; i--) {
        Snippet s = all.get(i);
        if (s instanceof PersistentSnippet p && s.getClass() == named.getClass() && p.name().equals(declared.name())
            && shell.status(s).isActive()) {
          return s;
        }
      }
    }
    return named;
  }

  /** Puts a Korean first line before the kernel's own compile error when a name is missing. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void explainMissingNames() {
    try {
      Field field = ErrorFormatters.class.getDeclaredField("map");
      field.setAccessible(true);
      Map<Class<?>, ErrorFormatter<?>> formatters = (Map) field.get(null);
      ErrorFormatter<CompilerException> original = (ErrorFormatter<CompilerException>) formatters.get(CompilerException.class);
      ErrorFormatter<CompilerException> explained =
          (kernel, e) -> {
            List<String> lines = new ArrayList<>(original.format(kernel, e));
            Set<String> names = new LinkedHashSet<>();
            List<String> messages = new ArrayList<>();
            kernel.javaEngine().getShell().diagnostics(e.badSnippet().snippet()).forEach(d -> {
              messages.add(d.getMessage(Locale.ROOT));
              Matcher m = MISSING.matcher(d.getMessage(Locale.ROOT));
              if (m.find()) {
                names.add(m.group(2));
              }
            });
            Answers.compileError(e.badSnippet().snippet().source(), messages);
            if (!names.isEmpty()) {
              lines.add(0, "\u001b[1m\u001b[31m`" + String.join("`, `", names) + "`을(를) 찾을 수 없습니다: 위쪽 셀에서 만드는 것이라면"
                  + " 그 셀을 먼저 실행한 뒤 이 셀을 다시 실행하고, 아니면 이름의 철자를 확인하세요.\u001b[0m");
            }
            return lines;
          };
      formatters.put(CompilerException.class, explained);
      formatters.put(EvalException.class, (ErrorFormatter<EvalException>) CourseMain::formatEvalException);
      formatters.put(IncompleteSourceException.class, (ErrorFormatter<IncompleteSourceException>) (kernel, e) -> {
        Answers.compileError(e.source(), List.of("코드가 끝나지 않았습니다: " + e.source()));
        return List.of("\u001b[1m\u001b[31m코드가 끝나지 않았습니다: 여는 괄호 (, {, [ 와 따옴표가 모두 닫혔는지, 문장 끝에 ;가 있는지"
            + " 확인하세요. 끝나지 않은 부분: " + e.source() + "\u001b[0m");
      });
    } catch (ReflectiveOperationException | RuntimeException e) {
      // keep the kernel's own compile errors
    }
  }
}
