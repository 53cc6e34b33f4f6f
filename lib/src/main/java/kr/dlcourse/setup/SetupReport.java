package kr.dlcourse.setup;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Course#setup()} found and set: device, engine, threads, seed and mode. A notebook
 * shows it as a small table with Korean labels ({@link #entries()}):
 *
 * <pre>
 * 장치    CPU
 * 엔진    PyTorch 2.7.1 (DJL 0.35.1)
 * 스레드  intra-op 4개, inter-op 1개
 * 시드    42
 * 모드    quick (빠른 모드: 작은 데이터, 적은 에폭)
 * Java    17.0.12+7
 * </pre>
 *
 * @param device where tensors are computed, {@code cpu()} or {@code gpu(0)}
 * @param gpuCount the number of CUDA devices PyTorch sees
 * @param engine engine name and version, e.g. {@code PyTorch 2.7.1}
 * @param djlVersion DJL's version
 * @param intraOpThreads threads one operator (a convolution) may use
 * @param interOpThreads threads running independent operators at once
 * @param seed the random seed now in force
 * @param mode quick or full
 * @param javaVersion the running JVM's version
 */
public record SetupReport(
    Device device,
    int gpuCount,
    String engine,
    String djlVersion,
    int intraOpThreads,
    int interOpThreads,
    int seed,
    CourseMode mode,
    String javaVersion) {

  static SetupReport current() {
    Engine engine = Engine.getInstance();
    return new SetupReport(
        engine.defaultDevice(),
        engine.getGpuCount(),
        engine.getEngineName() + " " + engine.getVersion(),
        Engine.getDjlVersion(),
        JniUtils.getNumThreads(),
        JniUtils.getNumInteropThreads(),
        Course.seed(),
        Course.mode(),
        Runtime.version().toString());
  }

  /**
   * The report as Korean label/value pairs, in display order: 장치, 엔진, 스레드, 시드, 모드, Java.
   * The device reads as {@link Course#deviceName(Device)} writes it ({@code CPU}, {@code GPU 0
   * (NVIDIA ...)}), with the number of GPUs when there are others.
   */
  public Map<String, String> entries() {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("장치", Course.deviceName(device) + otherGpus());
    rows.put("엔진", engine + " (DJL " + djlVersion + ")");
    rows.put("스레드", "intra-op " + intraOpThreads + "개, inter-op " + interOpThreads + "개");
    rows.put("시드", Integer.toString(seed));
    rows.put("모드", mode.description());
    rows.put("Java", javaVersion);
    return rows;
  }

  private String otherGpus() {
    if (device.isGpu()) {
      return gpuCount > 1 ? " · GPU " + gpuCount + "개 중 하나" : "";
    }
    return gpuCount > 0 ? " (GPU " + gpuCount + "개 있음)" : "";
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    entries().forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    return text.toString().stripTrailing();
  }
}
