package kr.dlcourse.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;

/**
 * PyTorch's default initialization of {@code nn.Conv2d} and {@code nn.Linear} weights, for a
 * lesson whose training depends on it: uniform in ±1/√fan_in (PyTorch's {@code
 * kaiming_uniform_(a=√5)}). DJL's default draws larger weights; with RMSprop, whose first step
 * moves every weight by about 10 × lr, the cats-vs-dogs ConvNet's Sigmoid output then saturates
 * after one step and never learns. Biases stay 0 (PyTorch draws them in the same range).
 *
 * <pre>{@code
 * model.setBlock(convNet());
 * PyTorchInit.apply(model.getBlock());   // before the trainer initializes the block
 * }</pre>
 */
public final class PyTorchInit {

  private PyTorchInit() {}

  /** Sets PyTorch's default weight initializer on every weight of {@code block}; returns the block. */
  public static Block apply(Block block) {
    block.setInitializer(
        new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
        Parameter.Type.WEIGHT);
    return block;
  }
}
