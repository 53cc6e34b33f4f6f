package kr.dlcourse.data;

import java.io.IOException;
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

  /** Checks a downloaded file; returns null when it is right, else what is wrong with it. */
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
   * @param howToGetByHand a sentence for the error message: where a student can get the file
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
            failures.add(address + ": the file was wrong (" + problem + ") and was removed");
            break; // this address serves a bad file: try the next one
          }
          Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          return target;
        } catch (IOException e) {
          failures.add(address + " (attempt " + attempt + "): " + describe(e));
          if (attempt < ATTEMPTS_PER_ADDRESS) {
            pause(attempt);
          }
        }
      }
    }
    throw new DatasetException(
        "Could not download "
            + fileName
            + ".\n  "
            + String.join("\n  ", failures)
            + "\nWithout network, put the file by hand into "
            + dir
            + " (or into $"
            + DataLocations.DATA_DIR_ENV
            + "/"
            + dir.getFileName()
            + "/ on a USB stick or shared drive): it is then found without any download. "
            + howToGetByHand);
  }

  static void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new DatasetException(
          "The data cache folder "
              + dir
              + " is not writable ("
              + describe(e)
              + "). Set "
              + DataLocations.CACHE_DIR_ENV
              + " to a folder you can write to, e.g. export "
              + DataLocations.CACHE_DIR_ENV
              + "=$HOME/dlcourse-data, and restart the kernel.",
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
        throw new IOException("HTTP " + status + " " + connection.getResponseMessage());
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
          throw new IOException("connection closed after " + done + " of " + total + " bytes");
        }
        bar.finish("done");
      }
    } finally {
      connection.disconnect();
    }
  }

  static String describe(IOException e) {
    if (e instanceof java.net.UnknownHostException) {
      return "no network (cannot resolve " + e.getMessage() + ")";
    }
    if (e instanceof java.net.ConnectException) {
      return "cannot connect (" + e.getMessage() + ")";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(retryPauseMillis * attempt);
    } catch (InterruptedException e) {
      throw new StoppedException("다운로드를 다시 시도하기 전에 멈췄습니다. 셀을 다시 실행하면 처음부터 시도합니다.");
    }
  }
}
