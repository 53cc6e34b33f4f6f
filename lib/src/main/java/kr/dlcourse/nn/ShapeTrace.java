package kr.dlcourse.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.util.Pair;
import java.util.Locale;
import kr.dlcourse.notebook.CourseException;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A model's layers one row each, with the shape a batch has after each and the layer's trainable
 * parameters: notebook 08's layer-by-layer shape tracing ({@code apply(층, x)}, {@code trace(...)})
 * for a whole model at once, like PyTorch's {@code torchinfo.summary}. Sequences are opened (their
 * steps named {@code features.0}, {@code layer2.1}, as PyTorch names them); any other block with
 * children, such as a ResBlock, is one row.
 *
 * <pre>{@code
 * model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
 * ShapeTrace.of(model, new Shape(1, 3, 32, 32))      // every layer
 * ShapeTrace.of(model, new Shape(1, 3, 32, 32), 1)   // only the model's own children
 * }</pre>
 */
public final class ShapeTrace {

  private ShapeTrace() {}

  /**
   * Every layer of {@code block}, sequences opened at every depth.
   *
   * @param block an initialized block
   * @param input the shape of the input batch, e.g. (1, 3, 32, 32)
   * @return columns {@code 층}, {@code 종류}, {@code 출력 모양}, {@code 파라미터}
   * @throws CourseException if the block was not initialized
   */
  public static Table of(Block block, Shape input) {
    return of(block, input, Integer.MAX_VALUE);
  }

  /**
   * The layers of {@code block} down to {@code depth} levels of sequences: 1 lists only the model's
   * own children (for a ResNet: conv1, bn1, relu, layer1, ..., fc), 2 also opens them (layer1.0,
   * layer1.1, ...).
   *
   * @param block an initialized block
   * @param input the shape of the input batch
   * @param depth how many levels of sequences to open, at least 1
   * @return columns {@code 층}, {@code 종류}, {@code 출력 모양}, {@code 파라미터}
   */
  public static Table of(Block block, Shape input, int depth) {
    if (!block.isInitialized()) {
      throw CourseException.argument(
          "모양을 추적하려면 블록을 먼저 초기화하세요. 예: block.initialize(manager, DataType.FLOAT32, new Shape"
              + input
              + ")");
    }
    if (depth < 1) {
      throw CourseException.argument("depth는 1 이상이어야 합니다 (받은 값 " + depth + ").");
    }
    StringColumn names = StringColumn.create("층");
    StringColumn kinds = StringColumn.create("종류");
    StringColumn shapes = StringColumn.create("출력 모양");
    LongColumn params = LongColumn.create("파라미터");
    names.append("입력");
    kinds.append("");
    shapes.append(input.toString());
    params.append(0);
    Shape out;
    if (block instanceof SequentialBlock) {
      out = walk(block, "", input, depth, names, kinds, shapes, params);
    } else {
      out = row(block, block.getClass().getSimpleName(), input, names, kinds, shapes, params);
    }
    String title =
        String.format(
            Locale.ROOT, "%s → %s, 학습 파라미터 %,d개", input, out, Parameters.count(block));
    return Table.create(title, names, kinds, shapes, params);
  }

  private static Shape walk(
      Block sequence, String prefix, Shape in, int depth,
      StringColumn names, StringColumn kinds, StringColumn shapes, LongColumn params) {
    Shape x = in;
    int index = 0;
    for (Pair<String, Block> child : sequence.getChildren()) {
      String own = sequence instanceof NamedSequential ? child.getKey().substring(2) : Integer.toString(index);
      String path = prefix.isEmpty() ? own : prefix + "." + own;
      Block b = child.getValue();
      if (b instanceof SequentialBlock && depth > 1 && !b.getChildren().isEmpty()) {
        x = walk(b, path, x, depth - 1, names, kinds, shapes, params);
      } else {
        x = row(b, path, x, names, kinds, shapes, params);
      }
      index++;
    }
    return x;
  }

  private static Shape row(
      Block b, String path, Shape in,
      StringColumn names, StringColumn kinds, StringColumn shapes, LongColumn params) {
    Shape out = b.getOutputShapes(new Shape[] {in})[0];
    names.append(path);
    kinds.append(kind(b, in, out));
    shapes.append(out.toString());
    params.append(Parameters.count(b));
    return out;
  }

  /** What the layer is, in PyTorch's words where it has them: {@code Conv2d(3→64, 3×3)}. */
  static String kind(Block b, Shape in, Shape out) {
    if (b instanceof Convolution c) {
      Shape k = c.getKernelShape();
      Shape s = c.getStride();
      String stride = s.get(0) == 1 ? "" : ", stride " + s.get(0);
      return "Conv2d(" + in.get(1) + "→" + c.getFilters() + ", " + k.get(0) + "×" + k.get(1) + stride + ")";
    }
    if (b instanceof BatchNorm) {
      return "BatchNorm2d(" + in.get(1) + ")";
    }
    if (b instanceof Linear) {
      return "Linear(" + in.get(in.dimension() - 1) + "→" + out.get(out.dimension() - 1) + ")";
    }
    if (b instanceof Dropout) {
      Object rate = Internals.field(b, "rate");
      return "Dropout(" + rate + ")";
    }
    if (b instanceof LambdaBlock lambda) {
      switch (lambda.getName()) {
        case "maxPool2d":
          return "MaxPool2d";
        case "avgPool2d":
          return "AvgPool2d";
        case "globalAvgPool2d":
          return "AdaptiveAvgPool2d(1)";
        case "batchFlatten":
          return "Flatten";
        case "lambda":
          return in.equals(out) ? "함수" : "함수 (모양 변경)";
        default:
          return lambda.getName();
      }
    }
    if (b instanceof SequentialBlock && b.getChildren().isEmpty()) {
      return "Identity";
    }
    String own = b.toString();
    return own.contains("\n") || own.contains("{") ? b.getClass().getSimpleName() : own;
  }
}
