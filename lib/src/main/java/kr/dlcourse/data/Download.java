package kr.dlcourse.data;

import java.io.IOException;
import kr.dlcourse.notebook.Numbers;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import kr.dlcourse.notebook.ProgressBar;
import kr.dlcourse.notebook.StoppedException;

/**
 * Downloads a file into the cache the careful way: into {@code NAME.part}, resuming an interrupted
 * download where the server allows it, retrying, checking the result, and moving it into place only
 * when it is verified. A failed attempt never leaves a file that a later run would trust.
 */
public final class Download {

  /**
   * Checks a downloaded file; returns null when it is right, else what is wrong with it, in Korean,
   * as the end of a sentence about the file ("잘렸습니다 (...)", "손상되었습니다 (...)").
   */
  @FunctionalInterface
  public interface Check {
    String problem(Path file) throws IOException;
  }

  static final int ATTEMPTS_PER_ADDRESS = 3;
  static final int CONNECT_TIMEOUT_MILLIS = 15_000;
  static final int READ_TIMEOUT_MILLIS = 30_000;
  static long retryPauseMillis = 1_000;

  private Download() {}

  /**
   * The addresses to try for a file: the classroom mirror ({@code COURSE_DATA_MIRROR}) first when
   * set, then the official ones.
   */
  public static List<URI> addresses(String fileName, List<String> baseUrls) {
    return addresses(fileName, baseUrls, DataLocations.mirror());
  }

  static List<URI> addresses(String fileName, List<String> baseUrls, java.util.Optional<String> mirror) {
    List<URI> uris = new ArrayList<>();
    mirror.ifPresent(m -> uris.add(URI.create(m + fileName)));
    for (String base : baseUrls) {
      uris.add(URI.create((base.endsWith("/") ? base : base + "/") + fileName));
    }
    return uris;
  }

  /**
   * Downloads {@code fileName} into {@code dir} unless it is there already.
   *
   * @param dir the cache folder of the dataset
   * @param fileName the file's name there
   * @param addresses where to get it, tried in order
   * @param check verifies the downloaded bytes before they are moved into place
   * @param howToGetByHand a Korean sentence for the error message: where a student can get the file
   * @return the verified file
   * @throws DatasetException if every address failed, with what to do
   */
  public static Path fetch(
      Path dir, String fileName, List<URI> addresses, Check check, String howToGetByHand) {
    Path target = dir.resolve(fileName);
    if (Files.isRegularFile(target)) {
      return target;
    }
    prepare(dir);
    Path part = dir.resolve(fileName + ".part");
    List<String> failures = new ArrayList<>();
    for (URI address : addresses) {
      for (int attempt = 1; attempt <= ATTEMPTS_PER_ADDRESS; attempt++) {
        try {
          transfer(address, part, fileName);
          String problem = check.problem(part);
          if (problem != null) {
            Files.deleteIfExists(part);
            failures.add(address + ": 받은 파일이 " + problem + "; 지우고 다음 주소로 넘어갔습니다");
            break; // this address serves a bad file: try the next one
          }
          Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          return target;
        } catch (HttpStatusException e) {
          failures.add(address + " (시도 " + attempt + "): " + describe(e));
          if (e.status == HttpURLConnection.HTTP_NOT_FOUND || e.status == HttpURLConnection.HTTP_GONE) {
            break; // the file is not there: asking again will not help
          }
          if (attempt < ATTEMPTS_PER_ADDRESS) {
            pause(attempt);
          }
        } catch (IOException e) {
          failures.add(address + " (시도 " + attempt + "): " + describe(e));
          if (attempt < ATTEMPTS_PER_ADDRESS) {
            pause(attempt);
          }
        }
      }
    }
    throw new DatasetException(
        fileName
            + " 파일을 내려받지 못했습니다.\n  "
            + String.join("\n  ", failures)
            + "\n인터넷이 안 되면 다른 컴퓨터에서 받은 "
            + fileName
            + " 파일을 직접 "
            + dir
            + " 폴더에 넣으세요. 그러면 내려받지 않고 바로 씁니다. USB나 공유 폴더에 둘 때는 그 폴더 안의 "
            + dir.getFileName()
            + "/ 에 넣고 ($"
            + DataLocations.DATA_DIR_ENV
            + "/"
            + dir.getFileName()
            + "/) Jupyter를 시작하기 전에 "
            + DataLocations.DATA_DIR_ENV
            + "를 그 폴더로 설정하세요. "
            + howToGetByHand);
  }

  static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new DatasetException(
          "데이터 캐시 폴더 "
              + dir
              + "에 쓸 수 없습니다 ("
              + describe(e)
              + "). "
              + DataLocations.CACHE_DIR_ENV
              + "를 쓸 수 있는 폴더로 설정하고 (예: export "
              + DataLocations.CACHE_DIR_ENV
              + "=$HOME/dlcourse-data) 커널을 다시 시작하세요.",
          e);
    }
  }

  /** Fetches {@code address} into {@code part}, resuming from what {@code part} already holds. */
  static void transfer(URI address, Path part, String label) throws IOException {
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    HttpURLConnection connection = (HttpURLConnection) address.toURL().openConnection();
    connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    connection.setReadTimeout(READ_TIMEOUT_MILLIS);
    if (have > 0) {
      connection.setRequestProperty("Range", "bytes=" + have + "-");
    }
    try {
      int status = connection.getResponseCode();
      boolean resumed = status == HttpURLConnection.HTTP_PARTIAL;
      if (status == 416 && have > 0) {
        return; // the part file already holds the whole file
      }
      if (status != HttpURLConnection.HTTP_OK && !resumed) {
        throw new HttpStatusException(status, connection.getResponseMessage());
      }
      long start = resumed ? have : 0;
      long length = connection.getContentLengthLong();
      long total = length < 0 ? -1 : start + length;
      try (InputStream in = connection.getInputStream();
          OutputStream out =
              Files.newOutputStream(
                  part,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
          ProgressBar bar = ProgressBar.start("다운로드 " + label, total, "MB", 1e6)) {
        byte[] buffer = new byte[1 << 16];
        long done = start;
        for (int n; (n = in.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
          done += n;
          bar.update(done, "");
          long mb = done / 1_000_000;
          StoppedException.check(
              () -> "다운로드(" + label + ")를 " + mb + " MB에서 멈췄습니다. 셀을 다시 실행하면 받은 곳부터 이어서 받습니다.");
        }
        if (total >= 0 && done < total) {
          throw new EndedEarlyException(done, total);
        }
        bar.finish("done");
      }
    } finally {
      connection.disconnect();
    }
  }

  /** The server answered with a status other than 200 or 206. */
  static final class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpStatusException(int status, String reason) {
      super("HTTP " + status + (reason == null ? "" : " " + reason));
      this.status = status;
    }
  }

  /** The connection ended before the announced number of bytes arrived. */
  static final class EndedEarlyException extends IOException {
    private static final long serialVersionUID = 1L;
    final long received;
    final long expected;

    EndedEarlyException(long received, long expected) {
      super("connection closed after " + received + " of " + expected + " bytes");
      this.received = received;
      this.expected = expected;
    }
  }

  /** What went wrong, in Korean, for a message. */
  static String describe(IOException e) {
    if (e instanceof java.net.UnknownHostException) {
      return "인터넷에 연결되어 있지 않거나 주소를 찾을 수 없습니다 (" + e.getMessage() + ")";
    }
    if (e instanceof java.net.ConnectException) {
      return "서버에 연결할 수 없습니다 (" + e.getMessage() + ")";
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "서버가 응답하지 않습니다 (시간 초과)";
    }
    if (e instanceof HttpStatusException h) {
      return h.status == HttpURLConnection.HTTP_NOT_FOUND || h.status == HttpURLConnection.HTTP_GONE
          ? "서버에 이 파일이 없습니다 (" + e.getMessage() + ")"
          : "서버가 " + e.getMessage() + "(으)로 답했습니다";
    }
    if (e instanceof EndedEarlyException early) {
      return "연결이 중간에 끊겨 파일이 잘렸습니다 ("
          + Numbers.bytes(early.expected)
          + " 중 "
          + Numbers.bytes(early.received)
          + "만 받음)";
    }
    if (e instanceof java.io.EOFException) {
      return "연결이 중간에 끊겨 파일이 잘렸습니다 (" + e.getMessage() + ")";
    }
    if (e instanceof AccessDeniedException) {
      return "권한이 없습니다: " + e.getMessage();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "파일이나 폴더가 없습니다: " + e.getMessage();
    }
    if (e instanceof java.nio.file.FileSystemException f) {
      return "파일 시스템 오류 ("
          + (f.getReason() != null ? f.getReason() + ": " : "")
          + f.getFile()
          + ")";
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return "보안 연결(HTTPS)에 실패했습니다 (" + e.getMessage() + ")";
    }
    return "입출력 오류 (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(retryPauseMillis * attempt);
    } catch (InterruptedException e) {
      throw new StoppedException("다운로드를 다시 시도하기 전에 멈췄습니다. 셀을 다시 실행하면 처음부터 시도합니다.");
    }
  }
}
