package kr.dlcourse.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kr.dlcourse.nn.Parameters;
import kr.dlcourse.nn.SafeTensors;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that the course's ResNet-18 is torchvision's: PyTorch (Debian's python3-torch and
 * python3-torchvision, which CI installs) writes a randomly initialized resnet18 as safetensors
 * with its logits for a fixed input (tests/torch_resnet18.py); the course loads the file by name
 * and must give the same logits.
 */
class TorchvisionResNetTest {

  static final double TOLERANCE = 1e-4;

  @TempDir static Path torch;

  @BeforeAll
  static void runPyTorch() throws IOException, InterruptedException {
    Course.setup();
    Path script = Path.of("..", "tests", "torch_resnet18.py").toAbsolutePath().normalize();
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    Process process =
        new ProcessBuilder(python, script.toString(), torch.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "tests/torch_resnet18.py did not finish");
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "tests/torch_resnet18.py failed. It needs Debian's python3-torch and python3-torchvision"
              + " (CI installs them: apt-get install python3-torch python3-torchvision).\n"
              + output);
    }
  }

  static float[] raw(String name) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(torch.resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(values);
    return values;
  }

  static float[] logits(NDManager manager, TorchvisionResNet net, String input, Shape shape) throws IOException {
    NDArray x = manager.create(raw(input), shape);
    NDList out = net.forward(new ParameterStore(manager, false), new NDList(x), false);
    return out.singletonOrThrow().toFloatArray();
  }

  static void assertClose(float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(worst < TOLERANCE, "largest difference from PyTorch's logits: " + worst);
  }

  @Test
  void torchvisionNamesInStateDictOrder() {
    TorchvisionResNet net = TorchvisionResNet.resnet18();
    List<String> names = List.copyOf(net.namedParameters().keySet());
    assertEquals(102, names.size(), "state_dict has 122 entries, 20 of them num_batches_tracked");
    assertEquals("conv1.weight", names.get(0));
    assertEquals("layer2.0.downsample.1.weight", names.get(names.indexOf("layer2.0.downsample.0.weight") + 1));
    assertEquals("fc.bias", names.get(101));
  }

  @Test
  void logitsMatchPyTorch() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      TorchvisionResNet net = TorchvisionResNet.resnet18();
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      assertEquals(TorchvisionResNet.RESNET18_PARAMETERS, Parameters.count(net));
      SafeTensors file = SafeTensors.open(torch.resolve("resnet18.safetensors"));
      SafeTensors.LoadReport report = net.loadWeights(file.file());
      assertEquals(List.copyOf(net.namedParameters().keySet()), report.loaded());
      assertEquals(20, report.ignored().size(), "num_batches_tracked of the 20 BatchNorms");
      float[] expected = raw("logits.f32");
      assertClose(expected, logits(manager, net, "input.f32", new Shape(2, 3, 64, 64)));
    }
  }
}
