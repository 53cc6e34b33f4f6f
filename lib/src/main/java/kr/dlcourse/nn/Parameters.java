package kr.dlcourse.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import kr.dlcourse.notebook.CourseException;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Counting a model's parameters, as the lessons do with {@code sum(p.numel() for p in
 * model.parameters() if p.requires_grad)}.
 *
 * <pre>{@code
 * block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
 * Parameters.count(block)   // 94538 for the lesson's CNN_V1
 * Parameters.table(block)   // one row per weight and bias
 * }</pre>
 */
public final class Parameters {

  private Parameters() {}

  /**
   * The number of trainable values in a block.
   *
   * @param block an initialized block
   * @return the sum of the sizes of its parameters that require a gradient
   * @throws CourseException if the block was not initialized yet
   */
  public static long count(Block block) {
    long total = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        total += array(p).size();
      }
    }
    return total;
  }

  /**
   * The block's parameters as a table: name, shape and count per parameter, trainable or not.
   *
   * @param block an initialized block
   * @return columns {@code parameter}, {@code shape}, {@code count}, {@code trainable}
   */
  public static Table table(Block block) {
    StringColumn names = StringColumn.create("parameter");
    StringColumn shapes = StringColumn.create("shape");
    LongColumn counts = LongColumn.create("count");
    StringColumn trainable = StringColumn.create("trainable");
    for (Pair<String, Parameter> p : block.getParameters()) {
      names.append(p.getKey());
      shapes.append(array(p).getShape().toString());
      counts.append(array(p).size());
      trainable.append(p.getValue().requiresGradient() ? "yes" : "no");
    }
    return Table.create("parameters: " + count(block) + " trainable", names, shapes, counts, trainable);
  }

  private static ai.djl.ndarray.NDArray array(Pair<String, Parameter> p) {
    if (!p.getValue().isInitialized()) {
      throw CourseException.argument(
          "파라미터 '"
              + p.getKey()
              + "'에 아직 값이 없습니다: 블록을 먼저 초기화하세요. 입력 한 개의 모양을 주면 됩니다. 예:"
              + " block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32))");
    }
    return p.getValue().getArray();
  }
}
