package kr.dlcourse.setup;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Course#setup()} found and set: device, engine, threads, seed and mode.
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

  /** The report as label/value pairs, in display order. */
  public Map<String, String> entries() {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("Device", device.getDeviceType() + (gpuCount > 0 ? " (GPUs: " + gpuCount + ")" : ""));
    rows.put("Engine", engine + " (DJL " + djlVersion + ")");
    rows.put("Threads", intraOpThreads + " intra-op, " + interOpThreads + " inter-op");
    rows.put("Seed", Integer.toString(seed));
    rows.put("Mode", mode.name().toLowerCase() + (mode == CourseMode.QUICK ? " (small data, few epochs)" : ""));
    rows.put("Java", javaVersion);
    return rows;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    entries().forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    return text.toString().stripTrailing();
  }
}
