package kr.dlcourse.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.dlcourse.nn.SafeTensors;
import kr.dlcourse.notebook.CourseException;

/**
 * torchvision's {@code resnet18}, built from DJL blocks, whose parameters can be listed and loaded
 * under torchvision's names ({@code conv1.weight}, {@code bn1.running_mean}, {@code
 * layer2.0.downsample.1.weight}, {@code fc.bias}, ...), so weights saved by PyTorch load by name.
 *
 * <p>Layers, as in torchvision: conv1 (7×7, stride 2, padding 3, no bias), bn1, ReLU, maxpool (3,
 * stride 2, padding 1), layer1..layer4 (two BasicBlocks each: 3×3 conv, BN, ReLU, 3×3 conv, BN, plus
 * the input, ReLU; the first block of layer2..4 halves the size and its {@code downsample} is a 1×1
 * conv with stride 2 and a BN), global average pool, fc. BatchNorm uses PyTorch's eps 1e-5 and
 * momentum 0.1 (DJL's momentum 0.9 is the same rule written the other way round).
 *
 * <pre>{@code
 * TorchvisionResNet net = TorchvisionResNet.resnet18();          // models.resnet18()
 * net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
 * net.loadWeights(PretrainedWeights.resnet18ImageNet());         // weights='IMAGENET1K_V1'
 * TorchvisionResNet cifar = net.cifarVersion(10);                // 3×3 conv1, no max-pool, fc → 10
 * cifar.freezeAllButFc();                                        // feature extraction
 * }</pre>
 */
public final class TorchvisionResNet extends SequentialBlock {

  /** Trainable parameters of {@code resnet18(num_classes=1000)}, as PyTorch counts them. */
  public static final long RESNET18_PARAMETERS = 11_689_512L;

  /** Trainable parameters of the lesson's CIFAR version with 10 classes. */
  public static final long CIFAR_RESNET18_PARAMETERS = 11_173_962L;

  private final Conv2d conv1;
  private final BatchNorm bn1;
  private final Block maxpool;
  private final List<SequentialBlock> layers;
  private final Linear fc;
  private final boolean cifarStem;
  private final Map<String, Parameter> named = new LinkedHashMap<>();

  private TorchvisionResNet(
      Conv2d conv1, BatchNorm bn1, Block maxpool, List<SequentialBlock> layers, Linear fc, boolean cifarStem) {
    this.conv1 = conv1;
    this.bn1 = bn1;
    this.maxpool = maxpool;
    this.layers = List.copyOf(layers);
    this.fc = fc;
    this.cifarStem = cifarStem;
    add(conv1).add(bn1).add(Activation::relu).add(maxpool);
    layers.forEach(this::add);
    add(Pool.globalAvgPool2dBlock()).add(fc);
    name("conv1", conv1);
    name("bn1", bn1);
    for (int l = 0; l < layers.size(); l++) {
      List<Block> blocks = layers.get(l).getChildren().values();
      for (int b = 0; b < blocks.size(); b++) {
        ((BasicBlock) blocks.get(b)).names("layer" + (l + 1) + "." + b + ".", named);
      }
    }
    name("fc", fc);
  }

  /** torchvision's {@code resnet18()}: 1000 ImageNet classes. */
  public static TorchvisionResNet resnet18() {
    return resnet18(1000);
  }

  /** torchvision's {@code resnet18(num_classes=numClasses)}. */
  public static TorchvisionResNet resnet18(int numClasses) {
    checkClasses(numClasses);
    List<SequentialBlock> layers =
        List.of(layer(64, 1, false), layer(128, 2, true), layer(256, 2, true), layer(512, 2, true));
    return new TorchvisionResNet(
        conv(64, 7, 2, 3),
        batchNorm(),
        Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)),
        layers,
        Linear.builder().setUnits(numClasses).build(),
        false);
  }

  /**
   * The name and shape of every parameter of {@code resnet18(num_classes=numClasses)} under
   * torchvision's names, without building the network (to check a weights file).
   */
  public static Map<String, Shape> resnet18Shapes(int numClasses) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("conv1.weight", new Shape(64, 3, 7, 7));
    bnShapes(shapes, "bn1.", 64);
    int in = 64;
    int[] widths = {64, 128, 256, 512};
    for (int l = 0; l < 4; l++) {
      int w = widths[l];
      for (int b = 0; b < 2; b++) {
        String p = "layer" + (l + 1) + "." + b + ".";
        int blockIn = b == 0 ? in : w;
        shapes.put(p + "conv1.weight", new Shape(w, blockIn, 3, 3));
        bnShapes(shapes, p + "bn1.", w);
        shapes.put(p + "conv2.weight", new Shape(w, w, 3, 3));
        bnShapes(shapes, p + "bn2.", w);
        if (b == 0 && l > 0) {
          shapes.put(p + "downsample.0.weight", new Shape(w, blockIn, 1, 1));
          bnShapes(shapes, p + "downsample.1.", w);
        }
      }
      in = w;
    }
    shapes.put("fc.weight", new Shape(numClasses, 512));
    shapes.put("fc.bias", new Shape(numClasses));
    return Collections.unmodifiableMap(shapes);
  }

  private static void bnShapes(Map<String, Shape> shapes, String prefix, int channels) {
    for (String s : List.of("weight", "bias", "running_mean", "running_var")) {
      shapes.put(prefix + s, new Shape(channels));
    }
  }

  /**
   * The lesson's CIFAR changes (§7), as a new network that shares this one's bn1 and layer1..4
   * (with whatever weights they hold, e.g. ImageNet's):
   *
   * <pre>{@code
   * model.fc = nn.Linear(model.fc.in_features, 10)
   * model.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
   * model.maxpool = nn.Identity()
   * }</pre>
   *
   * The new conv1 and fc have no values yet: the trainer's {@code initialize} gives them their
   * first ones and leaves the shared layers as they are.
   *
   * @param numClasses the new fc's outputs (10 for CIFAR-10)
   */
  public TorchvisionResNet cifarVersion(int numClasses) {
    checkClasses(numClasses);
    return new TorchvisionResNet(
        conv(64, 3, 1, 1), bn1, Blocks.identityBlock(), layers, Linear.builder().setUnits(numClasses).build(), true);
  }

  /** Whether this is the CIFAR version (3×3 stride-1 conv1, no max-pool). */
  public boolean isCifarVersion() {
    return cifarStem;
  }

  /**
   * The parameters under torchvision's names, in the order of PyTorch's {@code state_dict()}
   * (without {@code num_batches_tracked}, a counter that is not a weight). BatchNorm's {@code
   * weight}, {@code bias}, {@code running_mean}, {@code running_var} are DJL's gamma, beta,
   * runningMean, runningVar.
   */
  public Map<String, Parameter> namedParameters() {
    return Collections.unmodifiableMap(named);
  }

  /** The first convolution ({@code model.conv1}). */
  public Conv2d conv1() {
    return conv1;
  }

  /** The classifier ({@code model.fc}). */
  public Linear fc() {
    return fc;
  }

  /**
   * Loads weights saved under torchvision's names from a safetensors file, every name and shape
   * checked ({@link SafeTensors#loadInto}). The network must be initialized first.
   *
   * @param file a {@code .safetensors} file, e.g. {@code PretrainedWeights.resnet18ImageNet()}
   * @param skipPrefixes layers to leave alone, e.g. {@code "conv1", "fc"} for the CIFAR version
   * @return what was loaded and skipped
   */
  public SafeTensors.LoadReport loadWeights(Path file, String... skipPrefixes) {
    return SafeTensors.open(file).loadInto(named, skipPrefixes);
  }

  /** Writes the weights under torchvision's names as a safetensors file PyTorch can read. */
  public void saveWeights(Path file) {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    named.forEach(
        (name, p) -> {
          if (!p.isInitialized()) {
            throw CourseException.argument("'" + name + "'에 아직 값이 없습니다: 저장하기 전에 블록을 초기화하세요.");
          }
          arrays.put(name, p.getArray());
        });
    SafeTensors.write(file, arrays);
  }

  /**
   * Feature extraction: freezes every parameter but fc's, as the lesson's {@code for p in
   * model.parameters(): p.requires_grad = False} followed by a new {@code fc}. BatchNorm layers
   * still use and update their batch statistics in training, as in PyTorch.
   *
   * @return this network
   */
  public TorchvisionResNet freezeAllButFc() {
    freezeParameters(true);
    fc.freezeParameters(false);
    return this;
  }

  /**
   * Fine-tuning: every weight trainable again. BatchNorm's running mean and variance stay
   * untrainable (they are statistics, not weights; DJL's plain {@code freezeParameters(false)} would
   * hand them to the optimizer).
   *
   * @return this network
   */
  public TorchvisionResNet unfreezeAll() {
    freezeParameters(
        false,
        p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR);
    return this;
  }

  @Override
  public String toString() {
    return "TorchvisionResNet(resnet18"
        + (cifarStem ? ", CIFAR 버전: conv1 3×3 stride 1, maxpool 없음" : "")
        + ", fc → "
        + fcUnits()
        + ")";
  }

  private long fcUnits() {
    Parameter bias = named.get("fc.bias");
    return bias != null && bias.isInitialized() ? bias.getArray().getShape().get(0) : -1;
  }

  private void name(String prefix, Block block) {
    nameParameters(prefix + ".", block, named);
  }

  static void nameParameters(String prefix, Block block, Map<String, Parameter> out) {
    if (block instanceof BatchNorm) {
      out.put(prefix + "weight", block.getParameters().get("gamma"));
      out.put(prefix + "bias", block.getParameters().get("beta"));
      out.put(prefix + "running_mean", block.getParameters().get("runningMean"));
      out.put(prefix + "running_var", block.getParameters().get("runningVar"));
    } else {
      out.put(prefix + "weight", block.getParameters().get("weight"));
      Parameter bias = block.getParameters().get("bias");
      if (bias != null) {
        out.put(prefix + "bias", bias);
      }
    }
  }

  private static void checkClasses(int numClasses) {
    if (numClasses < 1) {
      throw CourseException.argument("클래스 수는 1 이상이어야 합니다 (받은 값 " + numClasses + ").");
    }
  }

  static Conv2d conv(int filters, int kernel, int stride, int padding) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optBias(false)
        .build();
  }

  static BatchNorm batchNorm() {
    return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
  }

  private static SequentialBlock layer(int filters, int stride, boolean downsample) {
    return new SequentialBlock().add(new BasicBlock(filters, stride, downsample)).add(new BasicBlock(filters, 1, false));
  }

  /**
   * torchvision's {@code BasicBlock}: {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))},
   * the shortcut being the input itself or {@code downsample} (1×1 conv with stride, BN).
   */
  static final class BasicBlock extends ParallelBlock {
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;
    private final Conv2d downConv;
    private final BatchNorm downBn;

    BasicBlock(int filters, int stride, boolean downsample) {
      this(
          conv(filters, 3, stride, 1),
          batchNorm(),
          conv(filters, 3, 1, 1),
          batchNorm(),
          downsample ? conv(filters, 1, stride, 0) : null,
          downsample ? batchNorm() : null);
    }

    private BasicBlock(Conv2d conv1, BatchNorm bn1, Conv2d conv2, BatchNorm bn2, Conv2d downConv, BatchNorm downBn) {
      super(
          list -> new NDList(Activation.relu(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow()))),
          List.of(
              new SequentialBlock().add(conv1).add(bn1).add(Activation::relu).add(conv2).add(bn2),
              downConv == null ? Blocks.identityBlock() : new SequentialBlock().add(downConv).add(downBn)));
      this.conv1 = conv1;
      this.bn1 = bn1;
      this.conv2 = conv2;
      this.bn2 = bn2;
      this.downConv = downConv;
      this.downBn = downBn;
    }

    void names(String prefix, Map<String, Parameter> out) {
      nameParameters(prefix + "conv1.", conv1, out);
      nameParameters(prefix + "bn1.", bn1, out);
      nameParameters(prefix + "conv2.", conv2, out);
      nameParameters(prefix + "bn2.", bn2, out);
      if (downConv != null) {
        nameParameters(prefix + "downsample.0.", downConv, out);
        nameParameters(prefix + "downsample.1.", downBn, out);
      }
    }
  }
}
