package kr.dlcourse.notebook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * plotly.js for notebook outputs, offline: the library comes from the {@code plotly.js-dist} webjar
 * on the classpath, is embedded once per kernel session (gzip + base64, about 3 MB instead of 11),
 * and is unpacked by the browser. Charts wait for it in a queue, so no RequireJS, no CDN and no
 * network are involved; the same outputs work in JupyterLab, classic Notebook and exported HTML.
 */
public final class PlotlyJs {

  /** The plotly.js version. 2.x, not 3.x: jsplot writes titles as strings, which 3.x ignores. */
  public static final String VERSION = "2.35.3";

  static final String RESOURCE =
      "/META-INF/resources/webjars/plotly.js-dist/" + VERSION + "/plotly.js";
  /** Global JS array of draw functions waiting for plotly.js. */
  static final String QUEUE = "window.dlcoursePlotlyQueue";

  private static volatile String loader;
  private static volatile boolean delivered;

  private PlotlyJs() {}

  /** The plotly.js source as shipped in the webjar. */
  public static String source() {
    try (InputStream in = PlotlyJs.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new CourseException(
            "설치 오류",
            "plotly.js " + VERSION + "가 클래스패스에 없습니다 (" + RESOURCE + "). ./install-kernel.sh로"
                + " 코스 커널을 다시 설치하면 webjar org.webjars.npm:plotly.js-dist가 도우미 jar와 함께"
                + " 설치됩니다.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CourseException(
          "설치 오류", "클래스패스에서 plotly.js를 읽지 못했습니다. ./install-kernel.sh로 커널을 다시 설치하세요.", e);
    }
  }

  /**
   * A {@code <script>} that defines {@code window.Plotly} (if it is not defined yet) and then draws
   * every queued chart. Marks the library as delivered for this session.
   */
  public static String loaderScript() {
    String script = loader;
    if (script == null) {
      script = buildLoader(gzipBase64(source()));
      loader = script;
    }
    delivered = true;
    return script;
  }

  /** Whether this JVM has already put the library into an output. */
  static boolean delivered() {
    return delivered;
  }

  /**
   * Wraps chart code so that it runs now if plotly.js is loaded, or as soon as it is.
   *
   * @param drawJs JavaScript statements that call {@code Plotly.newPlot}
   * @return a {@code <script>} element
   */
  static String deferredScript(String drawJs) {
    return "<script>(function(){var draw=function(){\n"
        + drawJs
        + "\n};var q="
        + QUEUE
        + "="
        + QUEUE
        + "||[];if(window.Plotly){draw();}else{q.push(draw);}})();</script>";
  }

  private static String buildLoader(String gzBase64) {
    // new Function(...) hides RequireJS's define (classic Notebook) and module/exports, so the UMD
    // bundle sets window.Plotly instead of registering an anonymous AMD module.
    return "<script>(function(){var q="
        + QUEUE
        + "="
        + QUEUE
        + "||[];"
        + "function flush(){while(q.length){try{q.shift()();}catch(e){console.error(e);}}}"
        + "if(window.Plotly){flush();return;}"
        + "if(window.dlcoursePlotlyLoading){return;}window.dlcoursePlotlyLoading=true;"
        + "var b='"
        + gzBase64
        + "';var s=atob(b),u=new Uint8Array(s.length);for(var i=0;i<s.length;i++){u[i]=s.charCodeAt(i);}"
        + "new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'))).text()"
        + ".then(function(src){new Function('define','module','exports',src).call(window);flush();})"
        + ".catch(function(e){window.dlcoursePlotlyLoading=false;"
        + "console.error('plotly.js를 불러오지 못했습니다',e);});})();</script>";
  }

  static String gzipBase64(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 4);
    // The default level takes a third of a second here; the best level adds 0.5 s for 0.7 % less.
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** Forgets that the library was delivered (a test hook; a new kernel starts this way). */
  static void resetForTest() {
    delivered = false;
  }
}
