package kr.dlcourse.setup;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The course's entry point for the first cell of every notebook: device, seed, quick or full mode.
 *
 * <pre>{@code
 * Course.setup();                          // 장치: CPU, 시드 42, 모드 ...
 * int epochs = Course.fullOrQuick(5, 1);   // 5 epochs as in the lesson, 1 in quick mode
 * }</pre>
 *
 * <p>Loading this class sets DJL's engine defaults (offline, one inter-op thread) before the engine
 * starts; see {@link #setup()}.
 */
public final class Course {

  /** The seed the lessons use ({@code set_seed(42)}). */
  public static final int DEFAULT_SEED = 42;

  private static volatile int seed = DEFAULT_SEED;
  private static volatile Random random = new Random(DEFAULT_SEED);
  /** GPU names by device id, asked of nvidia-smi once each. */
  private static final Map<Integer, String> GPU_NAMES = new ConcurrentHashMap<>();

  static {
    EngineDefaults.apply();
  }

  private Course() {}

  /**
   * Starts the engine, seeds every random generator with {@value #DEFAULT_SEED} and reports the
   * environment in Korean, like the lessons' first cell ({@code print('Device:', device)}).
   *
   * @return what was set up; shown as a small table in a notebook
   */
  public static SetupReport setup() {
    return setup(DEFAULT_SEED);
  }

  /**
   * Like {@link #setup()} with a seed of your choice.
   *
   * @param seed the seed for PyTorch's generator, DJL's and {@link #random()}
   * @return what was set up
   */
  public static SetupReport setup(int seed) {
    seed(seed);
    return SetupReport.current();
  }

  /**
   * Seeds PyTorch's generator (weight initialization, dropout, {@code randomNormal}), DJL's and the
   * course's own {@link #random()}, so that a rerun from the top gives the same numbers.
   *
   * @param newSeed any int
   */
  public static void seed(int newSeed) {
    Engine.getInstance().setRandomSeed(newSeed);
    seed = newSeed;
    random = new Random(newSeed);
  }

  /** The seed last set by {@link #seed(int)} or {@link #setup()} ({@value #DEFAULT_SEED} before). */
  public static int seed() {
    return seed;
  }

  /** The course's Java random generator, reseeded by {@link #seed(int)}: shuffles, splits, picks. */
  public static Random random() {
    return random;
  }

  /** The device DJL computes on: a GPU when a CUDA native library is present, else the CPU. */
  public static Device device() {
    return Engine.getInstance().defaultDevice();
  }

  /**
   * The device DJL computes on, written as the setup table writes it: {@code CPU}, or {@code GPU 0
   * (NVIDIA H100 80GB HBM3)} with the card's name when {@code nvidia-smi} can tell it.
   *
   * <pre>{@code System.out.println("사용 장치: " + Course.deviceName());   // 사용 장치: CPU}</pre>
   */
  public static String deviceName() {
    return deviceName(device());
  }

  /**
   * Any device written the course's way, e.g. a trainer's: {@code
   * Course.deviceName(trainer.getDevices()[0])}.
   *
   * @param device a DJL device, {@code cpu()} or {@code gpu(n)}
   * @return {@code CPU}, {@code GPU n (name)}, or {@code GPU n} when the name is unknown
   */
  public static String deviceName(Device device) {
    if (!device.isGpu()) {
      return Device.Type.CPU.equals(device.getDeviceType()) ? "CPU" : device.toString();
    }
    int id = device.getDeviceId();
    String name = GPU_NAMES.computeIfAbsent(id, Course::queryGpuName);
    return "GPU " + id + (name.isEmpty() ? "" : " (" + name + ")");
  }

  /** The card's name from {@code nvidia-smi}, or "" when it is not there or says nothing. */
  private static String queryGpuName(int id) {
    // CUDA numbers the visible cards from 0; nvidia-smi takes the index or UUID listed there.
    String card = Integer.toString(id);
    String visible = System.getenv("CUDA_VISIBLE_DEVICES");
    if (visible != null && !visible.isBlank()) {
      String[] listed = visible.split(",");
      if (id >= listed.length) {
        return "";
      }
      card = listed[id].strip();
    }
    try {
      Process process =
          new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader", "-i", card)
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "";
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return process.exitValue() == 0 && !out.isEmpty() && !out.contains("\n") ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The mode chosen by {@code COURSE_MODE}: {@link CourseMode#FULL} unless it says quick or class. */
  public static CourseMode mode() {
    return CourseMode.fromEnvironment();
  }

  /** True in quick mode ({@code COURSE_MODE=quick}). */
  public static boolean isQuick() {
    return mode() == CourseMode.QUICK;
  }

  /**
   * Picks a size by mode: the lesson's value in full mode, a small one in quick mode.
   *
   * <pre>{@code int epochs = Course.fullOrQuick(5, 1);}</pre>
   *
   * @param full the value the lesson uses
   * @param quick the value for a fast run
   * @return {@code quick} in quick mode, else {@code full} (class mode too: it keeps the lesson's sizes)
   */
  public static int fullOrQuick(int full, int quick) {
    return isQuick() ? quick : full;
  }

  /**
   * Picks an epoch count by mode, for the long lessons: the lesson's count in full mode, a
   * class-hour count in class mode ({@code COURSE_MODE=class}), a tiny one in quick mode.
   *
   * <pre>{@code int epochs = Course.epochs(100, 10, 1);   // lesson 39: 100 epochs}</pre>
   */
  public static int epochs(int full, int forClass, int quick) {
    return switch (mode()) {
      case QUICK -> quick;
      case CLASS -> forClass;
      case FULL -> full;
    };
  }
}
