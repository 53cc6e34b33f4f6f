package kr.dlcourse.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import kr.dlcourse.nn.NativeHeap;
import org.junit.jupiter.api.Test;

class KernelMemoryTest {

  @Test
  void theHeapFiguresAreTheJvmsOwn() {
    KernelMemory m = KernelMemory.now();
    assertEquals(Runtime.getRuntime().maxMemory() >> 20, m.heapMaxMiB());
    assertTrue(m.heapUsedMiB() > 0 && m.heapUsedMiB() <= m.heapCommittedMiB(), m.toString());
    assertTrue(m.heapCommittedMiB() <= m.heapMaxMiB(), m.toString());
    assertTrue(m.metaspaceMiB() > 0 && m.codeCacheMiB() > 0, m.toString());
    assertTrue(m.residentMiB() > 0 && m.residentMiB() <= m.peakResidentMiB(), m.toString());
  }

  @Test
  void aTensorShowsInTheCHeapAndLeavesWhenClosed() {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.zeros(new Shape(1)).close(); // the engine is loaded before the first reading
      long before = KernelMemory.now().cHeapInUseMiB();
      assertTrue(before >= 0, "glibc's mallinfo2 is available on the course's Linux");
      NDArray tensor = manager.ones(new Shape(64, 1 << 18)); // 64 MiB of float32
      long with = KernelMemory.now().cHeapInUseMiB();
      assertTrue(with - before >= 60, "in use: " + before + " → " + with + " MiB");
      tensor.close();
      long after = KernelMemory.now().cHeapInUseMiB();
      assertTrue(with - after >= 60, "after close: " + with + " → " + after + " MiB");
      NativeHeap.trim();
    }
  }

  @Test
  void shownInANotebookItIsOneKoreanLine() {
    String line = KernelMemory.now().toString();
    assertTrue(line.startsWith("커널 메모리 "), line);
    assertTrue(line.contains("Java 힙 사용") && line.contains("한도"), line);
    assertTrue(!line.contains("\n"), line);
  }
}
