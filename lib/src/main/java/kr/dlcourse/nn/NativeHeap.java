package kr.dlcourse.nn;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The C heap that holds the engine's tensors. The course kernel runs with jemalloc where it is
 * installed (install-kernel.sh preloads it: lib/kernel/allocator.sh), otherwise with glibc's
 * allocator tuned for speed (lib/kernel/glibc-tunables). Either keeps freed blocks for reuse;
 * {@link #trim()} hands them back to the operating system; the course calls it when a cell's models
 * are replaced ({@code Cells.keep}), when a progress bar ends (a training loop, an evaluation, a
 * download) and after each {@code Training.fit}. It takes a few milliseconds.
 *
 * <pre>{@code
 * NativeHeap.allocator(); // "jemalloc" or "glibc"
 * NativeHeap.trim();      // resident memory drops to what live tensors use
 * NativeHeap.usage();     // bytes in use (tensors, the JVM's own C allocations) and free but kept
 * }</pre>
 */
public final class NativeHeap {

  /** jemalloc's control interface, present when the kernel preloads jemalloc. */
  private static final Function MALLCTL = findInProcess("mallctl");
  private static final Function MALLOC_TRIM = findInLibc("malloc_trim");
  private static final Function MALLINFO2 = findInLibc("mallinfo2");
  /** jemalloc's MALLCTL_ARENAS_ALL: "arena.4096.purge" purges every arena. */
  private static final String PURGE_ALL_ARENAS = "arena.4096.purge";

  private NativeHeap() {}

  /**
   * The C allocator this process runs with.
   *
   * @return "jemalloc", "glibc", or "unknown" (macOS, Windows, musl)
   */
  public static String allocator() {
    return MALLCTL != null ? "jemalloc" : MALLINFO2 != null ? "glibc" : "unknown";
  }

  /**
   * Returns the C heap's free memory to the operating system (jemalloc: purges every arena; glibc:
   * {@code malloc_trim(0)}); does nothing where neither exists.
   *
   * @return whether the allocator was asked
   */
  public static boolean trim() {
    if (MALLCTL != null) {
      return mallctl(PURGE_ALL_ARENAS, null, null, null, 0) == 0;
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
    if (MALLCTL != null) {
      return jemallocUsage();
    }
    if (MALLINFO2 == null) {
      return null;
    }
    MallInfo2 info = (MallInfo2) MALLINFO2.invoke(MallInfo2.class, new Object[0]);
    return new Usage(info.uordblks + info.hblkhd, info.fordblks, info.hblkhd);
  }

  /**
   * The C heap's bytes: in use (blocks handed out, large ones included), free but kept by the
   * allocator (resident until trimmed or reused; jemalloc: its resident pages not handed out,
   * bookkeeping included), and in use in separately mapped large blocks (glibc; 0 under jemalloc).
   */
  public record Usage(long inUse, long freeKept, long mapped) {}

  /** glibc's {@code struct mallinfo2}: ten {@code size_t} fields. */
  @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"})
  public static class MallInfo2 extends Structure implements Structure.ByValue {
    public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
  }

  private static Usage jemallocUsage() {
    // jemalloc's statistics are a snapshot refreshed by writing "epoch"
    Memory epoch = new Memory(8);
    epoch.setLong(0, 1);
    mallctl("epoch", null, null, epoch, 8);
    long allocated = readSize("stats.allocated");
    long resident = readSize("stats.resident");
    if (allocated < 0 || resident < 0) {
      return null;
    }
    return new Usage(allocated, Math.max(0, resident - allocated), 0);
  }

  private static long readSize(String name) {
    Memory value = new Memory(8);
    Memory length = new Memory(8);
    length.setLong(0, 8);
    return mallctl(name, value, length, null, 0) == 0 ? value.getLong(0) : -1;
  }

  private static int mallctl(String name, Pointer old, Pointer oldLength, Pointer value, long valueLength) {
    return MALLCTL.invokeInt(new Object[] {name, old, oldLength, value, valueLength});
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
