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
