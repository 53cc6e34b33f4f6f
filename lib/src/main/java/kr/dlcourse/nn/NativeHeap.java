package kr.dlcourse.nn;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

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
 * NativeHeap.usage();  // bytes in use (tensors, the JVM's own C allocations) and free but kept
 * }</pre>
 */
public final class NativeHeap {

  private static final Function MALLOC_TRIM = find("malloc_trim");
  private static final Function MALLINFO2 = find("mallinfo2");

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

  /**
   * What the C heap holds now (glibc 2.33 or later), or {@code null} where that cannot be asked.
   *
   * @return bytes in use, free but kept for reuse, and in separately mapped blocks
   */
  public static Usage usage() {
    if (MALLINFO2 == null) {
      return null;
    }
    MallInfo2 info = (MallInfo2) MALLINFO2.invoke(MallInfo2.class, new Object[0]);
    return new Usage(info.uordblks + info.hblkhd, info.fordblks, info.hblkhd);
  }

  /**
   * The C heap's bytes: in use (blocks handed out, large ones included), free but kept by the
   * allocator (resident until trimmed or reused), and in use in separately mapped large blocks.
   */
  public record Usage(long inUse, long freeKept, long mapped) {}

  /** glibc's {@code struct mallinfo2}: ten {@code size_t} fields. */
  @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"})
  public static class MallInfo2 extends Structure implements Structure.ByValue {
    public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
  }

  private static Function find(String name) {
    try {
      return Platform.isLinux() ? NativeLibrary.getInstance("c").getFunction(name) : null;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }
}
