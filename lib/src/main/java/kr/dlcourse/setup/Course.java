package kr.dlcourse.setup;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Random;

/**
 * The course's entry point for the first cell of every notebook: device, seed, quick or full mode.
 *
 * <pre>{@code
 * Course.setup();                          // Device: cpu, seed 42, mode ...
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

  static {
    EngineDefaults.apply();
  }

  private Course() {}

  /**
   * Starts the engine, seeds every random generator with {@value #DEFAULT_SEED} and reports the
   * environment, like the lessons' first cell ({@code print('Device:', device)}).
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

  /** The mode chosen by {@code COURSE_MODE}: {@link CourseMode#FULL} unless it says quick. */
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
   * @return {@code quick} in quick mode, else {@code full}
   */
  public static int fullOrQuick(int full, int quick) {
    return isQuick() ? quick : full;
  }
}
