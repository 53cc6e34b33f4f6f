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

  @Test
  void shapeTableMatchesTheNetworkAndPyTorchsFile() {
    try (NDManager manager = NDManager.newBaseManager()) {
      TorchvisionResNet net = TorchvisionResNet.resnet18();
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      SafeTensors file = SafeTensors.open(torch.resolve("resnet18.safetensors"));
      var shapes = TorchvisionResNet.resnet18Shapes(1000);
      assertEquals(List.copyOf(net.namedParameters().keySet()), List.copyOf(shapes.keySet()));
      net.namedParameters().forEach((name, p) -> {
        assertEquals(shapes.get(name), p.getArray().getShape(), name);
        assertEquals(shapes.get(name), file.entry(name).shape(), name);
      });
    }
  }

  @Test
  void cifarVersionMatchesPyTorchAndCountsAsTheLessonSays() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      TorchvisionResNet cifar = TorchvisionResNet.resnet18().cifarVersion(10);
      cifar.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      assertTrue(cifar.isCifarVersion());
      assertEquals(11_173_962L, Parameters.count(cifar));
      assertEquals(TorchvisionResNet.CIFAR_RESNET18_PARAMETERS, Parameters.count(cifar));
      assertEquals(102, cifar.loadWeights(torch.resolve("cifar.safetensors")).loaded().size());
      assertClose(raw("cifar_logits.f32"), logits(manager, cifar, "cifar_input.f32", new Shape(2, 3, 32, 32)));
    }
  }

  @Test
  void imageNetShapedWeightsIntoTheCifarVersionNeedConv1AndFcSkipped() {
    try (NDManager manager = NDManager.newBaseManager()) {
      TorchvisionResNet cifar = TorchvisionResNet.resnet18().cifarVersion(10);
      cifar.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      Path imagenet = torch.resolve("resnet18.safetensors");
      float[] before = cifar.namedParameters().get("layer1.0.conv1.weight").getArray().toFloatArray();
      CourseException e = assertThrows(CourseException.class, () -> cifar.loadWeights(imagenet));
      assertTrue(e.getMessage().contains("fc.weight: 파일은 (1000, 512), 모델은 (10, 512)"), e.getMessage());
      assertTrue(e.getMessage().contains("conv1.weight: 파일은 (64, 3, 7, 7), 모델은 (64, 3, 3, 3)"), e.getMessage());
      assertTrue(e.getMessage().contains("아무것도 불러오지 않았습니다"), e.getMessage());
      assertArrayEquals(before, cifar.namedParameters().get("layer1.0.conv1.weight").getArray().toFloatArray(),
          "a refused file changes nothing");

      SafeTensors.LoadReport report = cifar.loadWeights(imagenet, "conv1", "fc");
      assertEquals(99, report.loaded().size());
      assertEquals(List.of("conv1.weight", "fc.weight", "fc.bias"), report.skipped());
      SafeTensors file = SafeTensors.open(imagenet);
      for (String name : List.of("layer1.0.conv1.weight", "bn1.running_var", "layer4.1.bn2.bias", "layer3.0.downsample.0.weight")) {
        assertArrayEquals(file.floats(name), cifar.namedParameters().get(name).getArray().toFloatArray(), name);
      }
    }
  }

  @Test
  void theLessonsOrderLoadThenReplaceSharesTheLoadedLayers() {
    try (NDManager manager = NDManager.newBaseManager()) {
      TorchvisionResNet net = TorchvisionResNet.resnet18();
      net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
      net.loadWeights(torch.resolve("resnet18.safetensors"));
      TorchvisionResNet cifar = net.cifarVersion(10);
      cifar.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      Parameter shared = cifar.namedParameters().get("layer2.0.downsample.1.weight");
      assertTrue(shared == net.namedParameters().get("layer2.0.downsample.1.weight"));
      assertArrayEquals(SafeTensors.open(torch.resolve("resnet18.safetensors")).floats("layer2.0.downsample.1.weight"),
          shared.getArray().toFloatArray());
      assertEquals(new Shape(10, 512), cifar.namedParameters().get("fc.weight").getArray().getShape());
      assertEquals(new Shape(64, 3, 3, 3), cifar.namedParameters().get("conv1.weight").getArray().getShape());
      NDList out = cifar.forward(new ParameterStore(manager, false), new NDList(manager.zeros(new Shape(2, 3, 32, 32))), false);
      assertEquals(new Shape(2, 10), out.singletonOrThrow().getShape());
    }
  }

  @Test
  void featureExtractionTrainsOnlyFcAndFineTuningTrainsAll() {
    try (ai.djl.Model model = ai.djl.Model.newInstance("resnet")) {
      TorchvisionResNet cifar = TorchvisionResNet.resnet18().cifarVersion(10);
      model.setBlock(cifar);
      try (ai.djl.training.Trainer trainer = model.newTrainer(
          new ai.djl.training.DefaultTrainingConfig(ai.djl.training.loss.Loss.softmaxCrossEntropyLoss())
              .optOptimizer(ai.djl.training.optimizer.Optimizer.sgd()
                  .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.1f)).build()))) {
        trainer.initialize(new Shape(1, 3, 32, 32));
        cifar.loadWeights(torch.resolve("resnet18.safetensors"), "conv1", "fc");

        cifar.freezeAllButFc();
        assertEquals(5_130L, Parameters.count(cifar));
        float[] layer = values(cifar, "layer1.0.conv1.weight");
        float[] fc = values(cifar, "fc.weight");
        step(trainer);
        assertArrayEquals(layer, values(cifar, "layer1.0.conv1.weight"), "frozen layers do not move");
        assertFalse(java.util.Arrays.equals(fc, values(cifar, "fc.weight")), "fc learns");

        cifar.unfreezeAll();
        assertEquals(11_173_962L, Parameters.count(cifar));
        assertFalse(cifar.namedParameters().get("bn1.running_mean").requiresGradient(), "running stats stay statistics");
        step(trainer);
        assertFalse(java.util.Arrays.equals(layer, values(cifar, "layer1.0.conv1.weight")), "fine-tuning moves them");
      }
    }
  }

  static float[] values(TorchvisionResNet net, String name) {
    return net.namedParameters().get(name).getArray().toFloatArray();
  }

  static void step(ai.djl.training.Trainer trainer) {
    NDManager m = trainer.getManager();
    try (NDManager batch = m.newSubManager()) {
      NDArray x = batch.randomNormal(new Shape(4, 3, 32, 32));
      NDArray y = batch.create(new float[] {1, 2, 3, 4});
      try (ai.djl.training.GradientCollector gc = trainer.newGradientCollector()) {
        NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
        NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
        gc.backward(loss);
      }
      trainer.step();
    }
  }
}
