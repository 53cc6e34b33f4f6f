package kr.dlcourse.nn;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;

/**
 * A {@link SequentialBlock} whose children carry the names a PyTorch module gives its attributes
 * ({@code self.features}, {@code self.conv1}, {@code self.layer1}), so that parameter names and
 * shape traces read like the lesson's ({@code features.0}, {@code layer2.1}) rather than DJL's class
 * names. It runs exactly like a {@code SequentialBlock}: children in the order added.
 *
 * <pre>{@code
 * NamedSequential model = new NamedSequential()
 *     .add("features", features)
 *     .add("classifier", classifier);
 * }</pre>
 */
public class NamedSequential extends SequentialBlock {

  /**
   * Adds {@code block} as the next step, under {@code name}.
   *
   * @param name what the lesson calls it ({@code "conv1"}, {@code "layer1"})
   * @param block the child block
   * @return this block
   */
  public NamedSequential add(String name, Block block) {
    addChildBlock(name, block);
    return this;
  }
}
