package kr.dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import kr.dlcourse.models.FashionMnistModels;
import kr.dlcourse.models.MnistModels;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link PyTorchInit} against PyTorch's formulas: {@code nn.Linear} and {@code nn.Conv2d}
 * draw weight and bias from U(-1/√fan_in, 1/√fan_in) (fan_in = in_features, or in_channels·kh·kw);
 * {@code nn.BatchNorm2d} starts at γ = 1, β = 0, running mean 0, running variance 1. The same
 * checks reject DJL's default initialization.
 */
class PyTorchInitTest {

  /** A layer, the input it is initialized for, and PyTorch's fan_in for it. */
  private record Case(String name, Block block, Shape input, long fanIn) {}

  private static Case[] cases() {
    return new Case[] {
      new Case("Linear(400→200)", Linear.builder().setUnits(200).build(), new Shape(1, 400), 400),
      new Case("Linear(3136→128)", Linear.builder().setUnits(128).build(), new Shape(1, 3136), 3136),
      new Case("Linear(16→1000)", Linear.builder().setUnits(1000).build(), new Shape(1, 16), 16),
      new Case("Linear(100→10)", Linear.builder().setUnits(10).build(), new Shape(1, 100), 100),
      new Case("Conv2d(1→16, 5×5)", conv2d(16, 5), new Shape(1, 1, 28, 28), 25),
      new Case("Conv2d(32→64, 3×3)", conv2d(64, 3), new Shape(1, 32, 7, 7), 288),
      new Case("Conv2d(3→512, 3×3)", conv2d(512, 3), new Shape(1, 3, 8, 8), 27),
      new Case("Conv1d(4→600, k=3)",
          Conv1d.builder().setFilters(600).setKernelShape(new Shape(3)).build(), new Shape(1, 4, 10), 12),
    };
  }

  private static Block conv2d(int filters, int kernel) {
    return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel)).build();
  }

  @Test
  void linearAndConvWeightsAndBiasesAreUniformWithinOneOverRootFanIn() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (Case c : cases()) {
        PyTorchInit.apply(c.block());
        c.block().initialize(m, DataType.FLOAT32, c.input());
        String problem = pytorchDefaultProblem(c.block(), c.fanIn());
        assertNull(problem, c.name() + ": " + problem);
      }
    }
  }

  @Test
  void theChecksRejectDjlsDefaultInitialization() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (Case c : cases()) {
        c.block().initialize(m, DataType.FLOAT32, c.input());   // DJL's default: no PyTorchInit
        assertNotNull(pytorchDefaultProblem(c.block(), c.fanIn()), c.name() + " passed with DJL's default");
      }
    }
  }

  @Test
  void resetDrawsAgainABlockAlreadyInitializedWithDjlsDefault() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block linear = Linear.builder().setUnits(600).build();
      linear.initialize(m, DataType.FLOAT32, new Shape(1, 50));
      assertNotNull(pytorchDefaultProblem(linear, 50));
      PyTorchInit.apply(linear);                          // too late: the values stay
      linear.initialize(m, DataType.FLOAT32, new Shape(1, 50));
      assertNotNull(pytorchDefaultProblem(linear, 50));
      PyTorchInit.reset(linear);
      linear.initialize(m, DataType.FLOAT32, new Shape(1, 50));
      assertNull(pytorchDefaultProblem(linear, 50));
    }
  }

  @Test
  void fanInIsInputsPerOutput() {
    assertEquals(400, PyTorchInit.fanIn(new Shape(200, 400)));
    assertEquals(25, PyTorchInit.fanIn(new Shape(16, 1, 5, 5)));
    assertEquals(288, PyTorchInit.fanIn(new Shape(64, 32, 3, 3)));
    assertEquals(12, PyTorchInit.fanIn(new Shape(600, 4, 3)));
  }

  @Test
  void batchNormStartsAtOneAndZero() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block bn = PyTorchInit.apply(BatchNorm.builder().build());
      bn.initialize(m, DataType.FLOAT32, new Shape(2, 16, 5, 5));
      for (Parameter p : bn.getParameters().values()) {
        float expected = switch (p.getType()) {
          case GAMMA, RUNNING_VAR -> 1f;
          case BETA, RUNNING_MEAN -> 0f;
          default -> throw new AssertionError("unexpected parameter " + p.getName());
        };
        NDArray a = p.getArray();
        assertEquals(new Shape(16), a.getShape(), p.getName());
        assertEquals(expected, a.min().getFloat(), 0f, p.getName());
        assertEquals(expected, a.max().getFloat(), 0f, p.getName());
      }
    }
  }

  @Test
  void everyLayerOfTheLessonModelsIsInitializedAsInPyTorch() {
    try (NDManager m = NDManager.newBaseManager()) {
      SequentialBlock cnn = FashionMnistModels.convNet();
      PyTorchInit.apply(cnn);
      cnn.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      SequentialBlock mlp = MnistModels.mlp(100);
      PyTorchInit.apply(mlp);
      mlp.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
      // (fan_in of each weight, in order): conv 1·5·5, 16·3·3, 32·3·3; linear 3136, 128
      assertLayers(cnn, new long[] {25, 144, 288, 3136, 128});
      assertLayers(mlp, new long[] {784, 100});
    }
  }

  @Test
  void theSameSeedGivesTheSameWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[][] runs = new float[2][];
      for (int run = 0; run < 2; run++) {
        Engine.getInstance().setRandomSeed(42);
        Block linear = PyTorchInit.apply(Linear.builder().setUnits(20).build());
        linear.initialize(m, DataType.FLOAT32, new Shape(1, 30));
        runs[run] = linear.getParameters().get("bias").getArray().toFloatArray();
      }
      assertArrayEquals(runs[0], runs[1]);
    }
  }

  private static void assertLayers(Block model, long[] fanIns) {
    int[] index = {0};
    visit(model, layer -> {
      long fanIn = fanIns[index[0]++];
      String problem = pytorchDefaultProblem(layer, fanIn);
      assertNull(problem, layer + ": " + problem);
    });
    assertEquals(fanIns.length, index[0], "layers with a weight");
  }

  private static void visit(Block block, java.util.function.Consumer<Block> layer) {
    if (block instanceof Linear || block instanceof Conv2d) {
      layer.accept(block);
    } else if (block instanceof BatchNorm) {
      assertEquals(1f, block.getParameters().get("gamma").getArray().min().getFloat(), 0f);
      assertEquals(0f, block.getParameters().get("beta").getArray().abs().max().getFloat(), 0f);
    }
    for (Block child : block.getChildren().values()) {
      visit(child, layer);
    }
  }

  /**
   * Null when the layer's weight and bias look drawn from U(-b, b), b = 1/√fanIn; otherwise what
   * differs. Every value within ±b; for 500 values or more, the standard deviation within 10 % of
   * b/√3 (a uniform's; about 5 standard errors) and the largest |x| above 0.95·b.
   */
  static String pytorchDefaultProblem(Block layer, long fanIn) {
    double bound = 1 / Math.sqrt(fanIn);
    for (String name : new String[] {"weight", "bias"}) {
      Parameter p = layer.getParameters().get(name);
      if (p == null) {
        return "no " + name;
      }
      NDArray a = p.getArray();
      double max = a.abs().max().getFloat();
      if (max > bound * 1.0001) {
        return name + ": max |x| " + max + " outside ±" + bound;
      }
      long n = a.size();
      if (n >= 500) {
        double std = Math.sqrt(a.sub(a.mean()).square().mean().getFloat());
        double expected = bound / Math.sqrt(3);
        if (Math.abs(std - expected) > 0.1 * expected) {
          return name + ": std " + std + ", a uniform's is " + expected;
        }
        if (max < 0.95 * bound) {
          return name + ": max |x| " + max + " does not reach the bound " + bound;
        }
      } else if (max == 0) {
        return name + ": all zeros";
      }
    }
    return null;
  }
}
