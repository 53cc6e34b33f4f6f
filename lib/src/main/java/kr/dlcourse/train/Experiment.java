package kr.dlcourse.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBaseBlock;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.ParameterTracker;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import kr.dlcourse.augment.Augmentation;
import kr.dlcourse.augment.Mixing;
import kr.dlcourse.notebook.Numbers;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.ImageDataset;
import kr.dlcourse.nn.Internals;
import kr.dlcourse.setup.Course;

/**
 * What a training cell trains, entry by entry: the model's parameters (names and shapes) and
 * layers (their settings, and what each parameter-free layer such as an activation computes), the
 * loss, the optimizer, its learning rate at every epoch, the epochs, the data, the augmentation (what
 * it does to a fixed probe batch) and the mode. Saved weights are reused only for an equal
 * experiment ({@link Checkpoints}). Settings are read from the objects themselves, so a changed
 * dropout rate, activation or schedule is a different experiment however it was written.
 */
final class Experiment {

  /** Optimizer and loss fields that count progress rather than configure. */
  private static final List<String> STATE_FIELDS = List.of("numUpdate", "updateCounts", "totalInstances", "totalLoss", "epoch");

  private final Map<String, String> entries;

  private Experiment(Map<String, String> entries) {
    this.entries = entries;
  }

  static Experiment of(Trainer trainer, Batches train, Batches validation, int epochs, FitOptions options) {
    Map<String, String> e = new LinkedHashMap<>();
    Block block = trainer.getModel().getBlock();
    e.put("모드", Course.mode().name().toLowerCase(Locale.ROOT));
    e.put("모델의 파라미터", parameters(block));
    e.put("초기화", initializers(block));
    try (NDManager probe = NDManager.newBaseManager(Device.cpu())) {
      e.put("모델의 층", layers(block, probe));
      e.put("손실 함수", settings(trainer.getLoss(), 0));
      Object optimizer = Internals.optimizer(trainer);
      e.put("옵티마이저", settings(optimizer, 0));
      e.put("학습률 스케줄", schedule(optimizer, epochs, train.count()));
      e.put("에폭 수", Integer.toString(epochs));
      e.put("학습 데이터", data(train));
      e.put("증강", augmentation(train, probe));
      if (train.mixing() != null) {
        e.put("믹싱", mixing(train, probe));
      }
      e.put("검증 데이터", validation == null ? "없음" : data(validation));
    }
    if (options != null && options.keepsBest()) {
      e.put("최고 에폭의 가중치", "keepBest");
    }
    if (options != null && options.stopsEarly()) {
      e.put("조기 종료", "patience " + options.patience());
    }
    return new Experiment(e);
  }

  /**
   * The first entry that differs from {@code saved}, as Korean words for a message ("에폭 수가
   * 다릅니다 (저장된 것: 2, 지금: 3)"), or null if the two are the same experiment.
   */
  String differenceFrom(Experiment saved) {
    for (Map.Entry<String, String> now : entries.entrySet()) {
      String before = saved.entries.get(now.getKey());
      if (!now.getValue().equals(before)) {
        String differs = now.getKey() + subject(now.getKey()) + " 다릅니다";
        return before != null && before.length() <= 60 && now.getValue().length() <= 60
            ? differs + " (저장된 것: " + before + ", 지금: " + now.getValue() + ")"
            : differs;
      }
    }
    for (String key : saved.entries.keySet()) {
      if (!entries.containsKey(key)) {
        return key + subject(key) + " 다릅니다";
      }
    }
    return null;
  }

  /** The subject particle after a Korean word: 이 after a final consonant, else 가. */
  private static String subject(String word) {
    char last = word.charAt(word.length() - 1);
    return last >= '가' && last <= '힣' && (last - '가') % 28 != 0 ? "이" : "가";
  }

  void write(Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    entries.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Reads a file written by {@link #write}; a malformed one is an {@link IOException}. */
  static Experiment read(Path file) throws IOException {
    Map<String, String> e = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IOException("not a key=value line: " + line);
      }
      e.put(line.substring(0, eq), line.substring(eq + 1));
    }
    if (!e.containsKey("모델의 파라미터")) {
      throw new IOException("no parameters entry");
    }
    return new Experiment(e);
  }

  private static String parameters(Block block) {
    List<String> out = new ArrayList<>();
    for (var p : block.getParameters()) {
      Parameter parameter = p.getValue();
      Shape shape = parameter.isInitialized() ? parameter.getArray().getShape() : parameter.getShape();
      out.add(p.getKey() + shape);
    }
    return String.join(" ", out);
  }

  /** How each kind of parameter was initialized (DJL's default, or e.g. PyTorch's). */
  private static String initializers(Block block) {
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    for (var p : block.getParameters()) {
      Object initializer = Internals.field(p.getValue(), "initializer");
      kinds.add(p.getValue().getType() + ":" + settings(initializer, 0));
    }
    return String.join(" ", kinds);
  }

  /** Each block's class and settings, children in order; parameter-free lambdas by what they compute. */
  private static String layers(Block block, NDManager probe) {
    StringBuilder out = new StringBuilder(name(block.getClass()));
    if (block instanceof LambdaBlock lambda) {
      out.append(probeLambda(lambda, probe)); // its name ("lambda", "ReLU") is only a label
    } else {
      out.append(settings(block, 0));
    }
    if (!block.getChildren().isEmpty()) {
      List<String> children = new ArrayList<>();
      for (var child : block.getChildren()) {
        children.add(layers(child.getValue(), probe));
      }
      out.append('[').append(String.join(", ", children)).append(']');
    }
    return out.toString();
  }

  /** What a lambda layer (ReLU, sigmoid, flatten, pooling...) makes of a fixed input of its shape. */
  private static String probeLambda(LambdaBlock lambda, NDManager probe) {
    try (NDManager m = probe.newSubManager()) {
      Shape shape = lambda.getInputShapes()[0];
      NDArray x = m.arange(0f, (float) shape.size(), 1f, DataType.FLOAT32).mul(0.37f).sin().mul(2f).reshape(shape);
      NDArray y = lambda.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      return "→" + summary(y);
    } catch (RuntimeException e) {
      return "→?";
    }
  }

  private static String summary(NDArray y) {
    NDArray f = y.toType(DataType.FLOAT32, false);
    float[] v = f.toFloatArray();
    double sum = 0;
    double weighted = 0;
    for (int i = 0; i < v.length; i++) {
      sum += v[i];
      weighted += v[i] * ((i % 7) + 1);
    }
    return y.getShape() + String.format(Locale.ROOT, "(%.4g,%.4g)", sum, weighted);
  }

  /**
   * The configuring fields of an object (numbers, strings, shapes, nested settings objects), as
   * {@code {rate=0.3, ...}}; arrays, managers, collections, child blocks and state are left out.
   */
  static String settings(Object o, int depth) {
    if (o == null) {
      return "null";
    }
    Class<?> type = o.getClass();
    if (o instanceof Number || o instanceof Boolean || o instanceof Character || o instanceof String || o instanceof Enum<?>) {
      return o instanceof Float || o instanceof Double ? String.format(Locale.ROOT, "%.6g", ((Number) o).doubleValue()) : o.toString();
    }
    if (o instanceof Shape || o instanceof DataType) {
      return o.toString();
    }
    if (type.isArray()) {
      return arrayText(o);
    }
    if (type.isHidden() || type.isSynthetic()) {
      return "λ";
    }
    if (depth > 3) {
      return name(type);
    }
    List<String> fields = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class && c != AbstractBaseBlock.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || STATE_FIELDS.contains(f.getName()) || skipped(f.getType())) {
          continue;
        }
        try {
          f.setAccessible(true);
          Object value = f.get(o);
          if (value instanceof ParameterTracker) {
            continue; // the schedule is its own entry, by its values
          }
          fields.add(f.getName() + "=" + (value != null && skipped(value.getClass()) ? "…" : settings(value, depth + 1)));
        } catch (ReflectiveOperationException | RuntimeException e) {
          fields.add(f.getName() + "=?");
        }
      }
    }
    fields.sort(null);
    return name(type) + "{" + String.join(", ", fields) + "}";
  }

  private static boolean skipped(Class<?> t) {
    return NDArray.class.isAssignableFrom(t) || NDManager.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t)
        || Collection.class.isAssignableFrom(t) || Iterable.class.isAssignableFrom(t) || Block.class.isAssignableFrom(t)
        || Parameter.class.isAssignableFrom(t) || Device.class.isAssignableFrom(t) || Function.class.isAssignableFrom(t)
        || Thread.class.isAssignableFrom(t) || Random.class.isAssignableFrom(t) || ImageDataset.class.isAssignableFrom(t)
        || Augmentation.class.isAssignableFrom(t);
  }

  private static String arrayText(Object array) {
    if (array instanceof float[] a) {
      return Arrays.toString(a);
    } else if (array instanceof double[] a) {
      return Arrays.toString(a);
    } else if (array instanceof int[] a) {
      return Arrays.toString(a);
    } else if (array instanceof long[] a) {
      return Arrays.toString(a);
    } else if (array instanceof boolean[] a) {
      return Arrays.toString(a);
    } else if (array instanceof Object[] a && a.length <= 16) {
      List<String> parts = new ArrayList<>();
      for (Object x : a) {
        parts.add(x == null ? "null" : skipped(x.getClass()) ? "…" : settings(x, 4));
      }
      return parts.toString();
    }
    return "[…]";
  }

  /** A class's name without the JShell wrapper that changes on every rerun ($JShell$12$MyBlock → MyBlock). */
  private static String name(Class<?> type) {
    String n = type.getName();
    return n.startsWith("REPL.") ? type.getSimpleName() : n.replaceFirst("^ai\\.djl\\.", "");
  }

  /** The optimizer's learning rate at the first and last update of every epoch. */
  private static String schedule(Object optimizer, int epochs, int perEpoch) {
    ParameterTracker tracker = null;
    for (Class<?> c = optimizer == null ? null : optimizer.getClass(); c != null && tracker == null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (ParameterTracker.class.isAssignableFrom(f.getType())) {
          try {
            f.setAccessible(true);
            tracker = (ParameterTracker) f.get(optimizer);
          } catch (ReflectiveOperationException | RuntimeException e) {
            return "?";
          }
        }
      }
    }
    if (tracker == null) {
      return "없음";
    }
    List<String> rates = new ArrayList<>();
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int update : new int[] {epoch * perEpoch + 1, (epoch + 1) * perEpoch}) {
        try {
          rates.add(String.format(Locale.ROOT, "%.4g", tracker.getNewValue("", update)));
        } catch (RuntimeException e) {
          rates.add("?");
        }
      }
    }
    return String.join(" ", rates);
  }

  private static String data(Batches batches) {
    ImageDataset d = batches.dataset();
    long pixels = 17;
    int step = Math.max(1, d.size() / 16);
    for (int i = 0; i < d.size(); i += step) {
      pixels = pixels * 31 + Arrays.hashCode(d.pixels(i));
    }
    return d.name() + " " + d.size() + "장 " + d.imageShape() + " labels#" + Integer.toHexString(Arrays.hashCode(d.labels()))
        + " pixels#" + Long.toHexString(pixels) + " " + settings(batches, 0);
  }

  /** What the mixing (Mixup, CutMix) does to a fixed probe batch: its images and lam. */
  private static String mixing(Batches batches, NDManager probe) {
    try (NDManager m = probe.newSubManager()) {
      Shape image = batches.dataset().imageShape();
      Shape shape = new Shape(4, image.get(0), image.get(1), image.get(2));
      NDArray x = m.arange(0f, (float) shape.size(), 1f, DataType.FLOAT32).mul(0.37f).sin().reshape(shape);
      NDArray y = m.create(new long[] {0, 1, 2, 3});
      Mixing.Mixed mixed = batches.mixing().apply(x, y, new Random(7));
      return summary(mixed.x()) + " lam=" + Numbers.human(mixed.lambda()) + " " + Arrays.toString(mixed.partnerLabels().toLongArray());
    } catch (RuntimeException e) {
      return batches.mixing().getClass().getName();
    }
  }

  private static String augmentation(Batches batches, NDManager probe) {
    Object steps = Internals.field(batches, "augmentation");
    if (!(steps instanceof Augmentation augmentation)) {
      return "없음";
    }
    try (NDManager m = probe.newSubManager()) {
      Shape image = batches.dataset().imageShape();
      Shape shape = new Shape(4, image.get(0), image.get(1), image.get(2));
      NDArray x = m.arange(0f, (float) shape.size(), 1f, DataType.FLOAT32).mul(0.37f).sin().mul(0.4f).add(0.5f).reshape(shape);
      return summary(augmentation.apply(x, new Random(7)));
    } catch (RuntimeException e) {
      return "?";
    }
  }
}
