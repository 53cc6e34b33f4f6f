package kr.dlcourse.setup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class CourseTest {

  @Test
  void setupReportsDeviceEngineThreadsAndSeed() {
    SetupReport report = Course.setup();
    assertEquals(Device.cpu(), report.device(), "the test machines have no GPU");
    assertTrue(report.engine().startsWith("PyTorch 2.7.1"), report.engine());
    assertEquals("0.35.1", report.djlVersion());
    assertEquals(1, report.interOpThreads(), "the course sets one inter-op thread");
    assertTrue(report.intraOpThreads() >= 1);
    assertEquals(Course.DEFAULT_SEED, report.seed());
    assertTrue(report.toString().startsWith("장치: CPU\n엔진: PyTorch 2.7.1"), report.toString());
    assertEquals(
        java.util.List.of("장치", "엔진", "스레드", "시드", "모드", "Java"),
        java.util.List.copyOf(report.entries().keySet()),
        "every label is Korean (Java is a name)");
    assertEquals("intra-op " + report.intraOpThreads() + "개, inter-op 1개", report.entries().get("스레드"));
    assertEquals(report.mode().description(), report.entries().get("모드"));
    assertEquals("true", System.getProperty("ai.djl.offline"));
  }

  @Test
  void devicesReadTheSameWayEverywhere() {
    assertEquals("CPU", Course.deviceName(), "the test machines compute on the CPU");
    assertEquals("CPU", Course.deviceName(Device.cpu()));
    assertEquals(Course.deviceName(), Course.setup().entries().get("장치"), "as the setup table says");
    String gpu = Course.deviceName(Device.gpu(7));
    assertTrue(gpu.equals("GPU 7") || gpu.startsWith("GPU 7 ("), gpu);
  }

  @Test
  void theSameSeedGivesTheSameNumbers() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Course.seed(7);
      float[] first = manager.randomNormal(new Shape(5)).toFloatArray();
      int javaFirst = Course.random().nextInt();
      Course.seed(7);
      float[] again = manager.randomNormal(new Shape(5)).toFloatArray();
      int javaAgain = Course.random().nextInt();
      Course.seed(8);
      float[] other = manager.randomNormal(new Shape(5)).toFloatArray();

      assertArrayEquals(first, again);
      assertEquals(javaFirst, javaAgain);
      assertFalse(java.util.Arrays.equals(first, other));
      assertEquals(8, Course.seed());
    } finally {
      Course.seed(Course.DEFAULT_SEED);
    }
  }
}
