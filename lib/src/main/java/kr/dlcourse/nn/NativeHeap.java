package kr.dlcourse.nn;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The C heap that holds the engine's tensors. The course kernel keeps freed blocks in glibc's heap
 * for speed (lib/kernel/glibc-tunables); without a trim, the heap's free but unreleased pages grew
 * by 10-20 MB with every rerun of a training cell. {@link #trim()} hands them back to the
 * operating system; the course calls it when a cell's models are replaced ({@code Cells.keep}),
 * when a progress bar ends (a training loop, an evaluation, a download) and after each {@code
 * Training.fit}. It takes a few milliseconds.
 *
 * <pre>{@code
 * NativeHeap.trim();   // resident memory drops to what live tensors use
 * }</pre>
 */
public final class NativeHeap {

  private static final Function MALLOC_TRIM = find();

  private NativeHeap() {}

  /**
   * Returns the C heap's free memory to the operating system (glibc's {@code malloc_trim(0)}); does
   * nothing where that function does not exist (macOS, Windows, musl).
   *
   * @return whether memory was handed back
   */
  public static boolean trim() {
    return MALLOC_TRIM != null && MALLOC_TRIM.invokeInt(new Object[] {0}) == 1;
  }

  private static Function find() {
    try {
      return Platform.isLinux() ? NativeLibrary.getInstance("c").getFunction("malloc_trim") : null;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }
}
