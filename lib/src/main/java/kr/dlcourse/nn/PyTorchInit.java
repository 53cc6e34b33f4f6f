package kr.dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default initialization, so that a lesson's model starts where the lesson's PyTorch
 * code starts:
 *
 * <ul>
 *   <li>{@code nn.Linear}, {@code nn.Conv1d/2d/3d} ({@link Linear}, {@link Convolution}): weight
 *       and bias uniform in ±1/√fan_in, where fan_in is the weight's inputs per output
 *       ({@code in_features}, or {@code in_channels/groups · kh · kw}). This is PyTorch's {@code
 *       kaiming_uniform_(a=√5)} for the weight and its {@code reset_parameters} for the bias.
 *   <li>{@code nn.BatchNorm1d/2d} ({@link BatchNorm}): γ = 1, β = 0, running mean 0, running
 *       variance 1.
 *   <li>Any other block's weights: uniform in ±1/√fan_in as well (DJL's default would be a
 *       Gaussian of twice that variance).
 * </ul>
 *
 * <p>DJL's defaults differ: weights Gaussian with variance 2/fan_in (about 2.4 times PyTorch's
 * standard deviation) and biases 0. With RMSprop, whose first step moves every weight by about 10 ×
 * lr, the cats-vs-dogs ConvNet's Sigmoid output then saturates after one step and never learns;
 * elsewhere results drift from the lesson's.
 *
 * <pre>{@code
 * model.setBlock(convNet());
 * PyTorchInit.apply(model.getBlock());   // before the trainer initializes the block
 * trainer.initialize(new Shape(1, 1, 28, 28));
 * }</pre>
 *
 * <p>Draws come from the engine's random generator, so {@code Course.setup()}'s seed makes them
 * repeatable.
 */
public final class PyTorchInit {

  private PyTorchInit() {}

  /**
   * Sets PyTorch's default initializers on every parameter of {@code block} and its children;
   * returns the block. Call it before the block is initialized (before {@code
   * trainer.initialize(...)} or {@code block.initialize(...)}): parameters that already hold values
   * keep them.
   */
  public static Block apply(Block block) {
    // Every weight first (blocks this class does not know keep ±1/√fan_in), then the known layers.
    Initializer weights = uniformByFanIn(null);
    block.setInitializer(weights, Parameter.Type.WEIGHT);
    applyToTree(block);
    return block;
  }

  /**
   * Like {@link #apply} for a block that may already hold values (one a check cell or an earlier
   * run initialized): drops them, so that the next {@code initialize} draws PyTorch's initial
   * weights again. The block starts over: what it learned is gone.
   *
   * <pre>{@code
   * PyTorchInit.reset(wider);              // a student's model, already run once by a check
   * trainer.initialize(new Shape(1, 1, 28, 28));
   * }</pre>
   */
  public static Block reset(Block block) {
    for (var p : block.getParameters()) {
      p.getValue().close();
    }
    return apply(block);
  }

  private static void applyToTree(Block block) {
    if (block instanceof Linear || block instanceof Convolution) {
      Parameter weight = null;
      for (Parameter p : block.getDirectParameters().values()) {
        if (p.getType() == Parameter.Type.WEIGHT) {
          weight = p;
        }
      }
      if (weight != null) {
        Initializer bias = uniformByFanIn(weight);
        for (Parameter p : block.getDirectParameters().values()) {
          if (p.getType() == Parameter.Type.BIAS) {
            p.setInitializer(bias);
          }
        }
      }
    } else if (block instanceof BatchNorm) {
      for (Parameter p : block.getDirectParameters().values()) {
        switch (p.getType()) {
          case GAMMA, RUNNING_VAR -> p.setInitializer(Initializer.ONES);
          case BETA, RUNNING_MEAN -> p.setInitializer(Initializer.ZEROS);
          default -> {}
        }
      }
    }
    for (Block child : block.getChildren().values()) {
      applyToTree(child);
    }
  }

  /**
   * Uniform in ±1/√fan_in. With {@code weightOf == null} fan_in comes from the shape being
   * initialized (a weight: all dimensions but the first); otherwise from {@code weightOf}'s shape,
   * which DJL sets (in the block's {@code prepare}) before any of the block's parameters is drawn.
   */
  private static Initializer uniformByFanIn(Parameter weightOf) {
    return (NDManager manager, Shape shape, DataType dataType) -> {
      Shape weightShape = weightOf == null ? shape : weightOf.getShape();
      if (weightShape == null) {
        throw new IllegalStateException("PyTorchInit: the weight of this layer has no shape yet");
      }
      float bound = (float) (1 / Math.sqrt(fanIn(weightShape)));
      NDArray array = manager.randomUniform(-bound, bound, shape, dataType);
      return array;
    };
  }

  /** Inputs per output of a weight of shape (out, in, k...) or (out, in): PyTorch's fan_in. */
  static long fanIn(Shape weightShape) {
    if (weightShape.dimension() < 2) {
      return Math.max(1, weightShape.size());
    }
    return Math.max(1, weightShape.size() / weightShape.get(0));
  }
}
