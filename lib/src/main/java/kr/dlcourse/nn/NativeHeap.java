package kr.dlcourse.nn;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Structure;

/**
 * The C heap that holds the engine's tensors. The course kernel runs with gperftools' tcmalloc where
 * it is installed (install-kernel.sh preloads it: lib/kernel/allocator.sh), otherwise with glibc's
 * allocator tuned for speed (lib/kernel/glibc-tunables). Either keeps freed blocks for reuse;
 * {@link #trim()} hands them back to the operating system; the course calls it when a cell's models
 * are replaced ({@code Cells.keep}), when a progress bar ends (a training loop, an evaluation, a
 * download) and after each {@code Training.fit}. It takes a few milliseconds.
 *
 * <pre>{@code
 * NativeHeap.allocator(); // "tcmalloc" or "glibc"
 * NativeHeap.trim();      // resident memory drops to what live tensors use
 * NativeHeap.usage();     // bytes in use (tensors, the JVM's own C allocations) and free but kept
 * }</pre>
 */
public final class NativeHeap {

  /** tcmalloc's C interface (malloc_extension_c.h), present when the kernel preloads tcmalloc. */
  private static final Function TCMALLOC_PROPERTY = findInProcess("MallocExtension_GetNumericProperty");
  private static final Function TCMALLOC_RELEASE = findInProcess("MallocExtension_ReleaseFreeMemory");
  private static final Function MALLOC_TRIM = findInLibc("malloc_trim");
  private static final Function MALLINFO2 = findInLibc("mallinfo2");

  private NativeHeap() {}

  /**
   * The C allocator this process runs with.
   *
   * @return "tcmalloc", "glibc", or "unknown" (macOS, Windows, musl)
   */
  public static String allocator() {
    return TCMALLOC_RELEASE != null ? "tcmalloc" : MALLINFO2 != null ? "glibc" : "unknown";
  }

  /**
   * Returns the C heap's free memory to the operating system (tcmalloc: {@code
   * MallocExtension_ReleaseFreeMemory}; glibc: {@code malloc_trim(0)}); does nothing where neither
   * exists.
   *
   * @return whether the allocator was asked
   */
  public static boolean trim() {
    if (TCMALLOC_RELEASE != null) {
      TCMALLOC_RELEASE.invokeVoid(new Object[0]);
      return true;
    }
    return MALLOC_TRIM != null && MALLOC_TRIM.invokeInt(new Object[] {0}) == 1;
  }

  /**
   * What the C heap holds now, or {@code null} where that cannot be asked (glibc before 2.33, other
   * systems).
   *
   * @return bytes in use, free but kept for reuse, and in separately mapped blocks
   */
  public static Usage usage() {
    if (TCMALLOC_PROPERTY != null) {
      return tcmallocUsage();
    }
    if (MALLINFO2 == null) {
      return null;
    }
    MallInfo2 info = (MallInfo2) MALLINFO2.invoke(MallInfo2.class, new Object[0]);
    return new Usage(info.uordblks + info.hblkhd, info.fordblks, info.hblkhd);
  }

  /**
   * The C heap's bytes: in use (blocks handed out, large ones included), free but kept by the
   * allocator (resident until trimmed or reused; tcmalloc: its heap less what is handed out and what
   * it has returned to the system), and in use in separately mapped large blocks (glibc; 0 under
   * tcmalloc).
   */
  public record Usage(long inUse, long freeKept, long mapped) {}

  /** glibc's {@code struct mallinfo2}: ten {@code size_t} fields. */
  @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"})
  public static class MallInfo2 extends Structure implements Structure.ByValue {
    public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
  }

  private static Usage tcmallocUsage() {
    long allocated = property("generic.current_allocated_bytes");
    long heap = property("generic.heap_size");
    long unmapped = property("tcmalloc.pageheap_unmapped_bytes");
    if (allocated < 0 || heap < 0 || unmapped < 0) {
      return null;
    }
    return new Usage(allocated, Math.max(0, heap - unmapped - allocated), 0);
  }

  private static long property(String name) {
    Memory value = new Memory(8);
    return TCMALLOC_PROPERTY.invokeInt(new Object[] {name, value}) == 1 ? value.getLong(0) : -1;
  }

  private static Function findInLibc(String name) {
    try {
      return Platform.isLinux() ? NativeLibrary.getInstance("c").getFunction(name) : null;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }

  private static Function findInProcess(String name) {
    try {
      return Platform.isLinux() ? NativeLibrary.getProcess().getFunction(name) : null;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }
}
