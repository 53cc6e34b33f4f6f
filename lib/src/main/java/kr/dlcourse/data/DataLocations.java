package kr.dlcourse.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where dataset files are looked for and kept. Files already present are found without any
 * network, in this order:
 *
 * <ol>
 *   <li>{@code $COURSE_DATA_DIR/<dataset>/} and {@code $COURSE_DATA_DIR/} (an instructor's USB
 *       stick or shared drive);
 *   <li>the cache, {@code $COURSE_CACHE_DIR/<dataset>/} (default {@code
 *       ~/.cache/dlcourse/<dataset>/}), where downloads go;
 *   <li>system packages, e.g. Debian's {@code /usr/share/datasets/fashion-mnist}.
 * </ol>
 *
 * <p>{@code COURSE_DATA_MIRROR} replaces the download base address with a classroom mirror that
 * serves the same file names.
 */
public final class DataLocations {

  public static final String DATA_DIR_ENV = "COURSE_DATA_DIR";
  public static final String CACHE_DIR_ENV = "COURSE_CACHE_DIR";
  public static final String MIRROR_ENV = "COURSE_DATA_MIRROR";

  private DataLocations() {}

  /** The cache root: {@code $COURSE_CACHE_DIR}, else {@code $XDG_CACHE_HOME/dlcourse}, else {@code ~/.cache/dlcourse}. */
  public static Path cacheRoot() {
    String env = System.getenv(CACHE_DIR_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("dlcourse");
  }

  /** The cache folder of one dataset, e.g. {@code ~/.cache/dlcourse/cifar-10}. */
  public static Path cacheDir(String dataset) {
    return cacheRoot().resolve(dataset);
  }

  /** The classroom mirror's base address, if {@code COURSE_DATA_MIRROR} is set. */
  public static Optional<String> mirror() {
    return mirror(System.getenv(MIRROR_ENV));
  }

  static Optional<String> mirror(String env) {
    return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.endsWith("/") ? env : env + "/");
  }

  /**
   * The folders searched for a dataset's files, in order.
   *
   * @param dataset the dataset's folder name, e.g. "mnist"
   * @param systemDirs folders where system packages put the files
   */
  public static List<Path> searchPath(String dataset, Path... systemDirs) {
    return searchPath(System.getenv(DATA_DIR_ENV), dataset, systemDirs);
  }

  static List<Path> searchPath(String dataDir, String dataset, Path... systemDirs) {
    List<Path> dirs = new ArrayList<>();
    if (dataDir != null && !dataDir.isBlank()) {
      if (!Files.isDirectory(Path.of(dataDir))) {
        throw new DatasetException(
            DATA_DIR_ENV + "=" + dataDir + " 은(는) 폴더가 아닙니다 ("
                + (Files.exists(Path.of(dataDir)) ? "파일입니다" : "없는 경로입니다")
                + "). 경로를 고치거나 (USB는 다른 곳에 연결되어 있을 수 있습니다) "
                + DATA_DIR_ENV + " 설정을 지워 캐시와 다운로드를 쓰세요. 바꾼 뒤에는 Jupyter를 다시 시작하세요.");
      }
      dirs.add(Path.of(dataDir).resolve(dataset));
      dirs.add(Path.of(dataDir));
    }
    dirs.add(cacheDir(dataset));
    dirs.addAll(List.of(systemDirs));
    return dirs;
  }

  /** The first existing regular file among {@code dirs × names}. */
  static Optional<Path> find(List<Path> dirs, List<String> names) {
    for (Path dir : dirs) {
      for (String name : names) {
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
