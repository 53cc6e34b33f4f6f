package kr.dlcourse.setup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.dlcourse.nn.NativeHeap;

/**
 * Where this process's memory goes, in MiB: what the operating system counts (resident memory, now
 * and at its peak), the Java heap (used, committed, its cap), the JVM's class metadata and compiled
 * code, and the C heap that holds the engine's tensors (in use, and free but kept by the allocator).
 * Shown in a notebook, it prints one Korean line.
 *
 * <pre>{@code
 * KernelMemory.now()   // 커널 메모리 812 MB (최대 904 MB): Java 힙 사용 301 / 확보 416 MB (한도 1,024 MB), ...
 * }</pre>
 *
 * <p>The parts need not add up to the resident memory: committed memory is resident only once
 * touched, and the rest is the libraries' code (the engine's most of all), thread stacks and the
 * JVM's own bookkeeping. A value that cannot be read on this system is -1.
 */
public record KernelMemory(
    long residentMiB,
    long peakResidentMiB,
    long heapUsedMiB,
    long heapCommittedMiB,
    long heapMaxMiB,
    long metaspaceMiB,
    long codeCacheMiB,
    long cHeapInUseMiB,
    long cHeapFreeKeptMiB) {

  private static final long MIB = 1 << 20;

  /** The figures now. */
  public static KernelMemory now() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long metaspace = 0;
    long code = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.NON_HEAP) {
        continue;
      }
      if (pool.getName().equals("Metaspace")) {
        metaspace += pool.getUsage().getCommitted();
      } else if (pool.getName().startsWith("CodeHeap") || pool.getName().equals("Code Cache")) {
        code += pool.getUsage().getCommitted();
      }
    }
    NativeHeap.Usage c = NativeHeap.usage();
    return new KernelMemory(
        status("VmRSS"), status("VmHWM"),
        heap.getUsed() / MIB, heap.getCommitted() / MIB, Runtime.getRuntime().maxMemory() / MIB,
        metaspace / MIB, code / MIB,
        c == null ? -1 : c.inUse() / MIB, c == null ? -1 : c.freeKept() / MIB);
  }

  /** Linux's count of this process's memory ({@code /proc/self/status}), in MiB, or -1. */
  private static long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("커널 메모리 ");
    s.append(residentMiB < 0 ? "(알 수 없음)" : String.format("%,d MB (최대 %,d MB)", residentMiB, peakResidentMiB));
    s.append(String.format(": Java 힙 사용 %,d / 확보 %,d MB (한도 %,d MB), 클래스·컴파일된 코드 %,d MB",
        heapUsedMiB, heapCommittedMiB, heapMaxMiB, metaspaceMiB + codeCacheMiB));
    if (cHeapInUseMiB >= 0) {
      s.append(String.format(", 텐서와 엔진(C 힙) 사용 %,d MB · 비어 있지만 보관 %,d MB", cHeapInUseMiB, cHeapFreeKeptMiB));
    }
    return s.toString();
  }
}
