package kr.dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.notebook.Numbers;

/**
 * A weights file in the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format: an 8-byte little-endian header length, a JSON header naming every tensor (dtype, shape,
 * byte offsets) and the raw little-endian tensors. Reading one runs no code, unlike a pickled
 * PyTorch {@code .pth} file, which is why the course only loads this format.
 *
 * <pre>{@code
 * SafeTensors file = SafeTensors.open(Path.of("model.safetensors"));   // checks the header
 * file.names()                                                           // conv1.weight, ...
 * file.loadInto(net.namedParameters(), "fc");                            // by name, shapes checked
 * }</pre>
 *
 * <p>Floats are read as F32 (F16, BF16 and F64 are converted to it). Every structural problem (a
 * file cut short, a damaged header, overlapping or missing bytes) is a {@link CourseException} in
 * Korean saying what to do.
 */
public final class SafeTensors {

  /** The most header bytes accepted (the format's reference reader uses the same bound). */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  private static final Map<String, Integer> DTYPE_BYTES =
      Map.ofEntries(
          Map.entry("F64", 8), Map.entry("F32", 4), Map.entry("F16", 2), Map.entry("BF16", 2),
          Map.entry("I64", 8), Map.entry("I32", 4), Map.entry("I16", 2), Map.entry("I8", 1),
          Map.entry("U64", 8), Map.entry("U32", 4), Map.entry("U16", 2), Map.entry("U8", 1),
          Map.entry("BOOL", 1), Map.entry("F8_E4M3", 1), Map.entry("F8_E5M2", 1));

  /**
   * One tensor of the file.
   *
   * @param name its name, e.g. {@code layer1.0.conv1.weight}
   * @param dtype the format's type name ({@code F32}, {@code F16}, {@code BF16}, {@code I64}, ...)
   * @param shape its shape ({@code ()} for a scalar)
   * @param begin first byte in the data area
   * @param end one past its last byte in the data area
   */
  public record Entry(String name, String dtype, Shape shape, long begin, long end) {
    /** Whether it holds floating-point values the course can read as F32. */
    public boolean isFloat() {
      return dtype.equals("F32") || dtype.equals("F16") || dtype.equals("BF16") || dtype.equals("F64");
    }
  }

  /**
   * What {@link #loadInto} did.
   *
   * @param loaded the parameters it set, by name
   * @param skipped the names left alone because a skip prefix matched (model and file)
   * @param ignored the file's bookkeeping entries that are not parameters ({@code
   *     *.num_batches_tracked})
   */
  public record LoadReport(List<String> loaded, List<String> skipped, List<String> ignored) {
    @Override
    public String toString() {
      return "가중치 " + loaded.size() + "개를 불러왔습니다"
          + (skipped.isEmpty() ? "" : " (건너뜀 " + skipped.size() + "개: " + first(skipped, 6) + ")");
    }
  }

  private final Path file;
  private final long dataStart;
  private final Map<String, Entry> entries;
  private final Map<String, String> metadata;

  private SafeTensors(Path file, long dataStart, Map<String, Entry> entries, Map<String, String> metadata) {
    this.file = file;
    this.dataStart = dataStart;
    this.entries = entries;
    this.metadata = metadata;
  }

  /**
   * Opens a safetensors file and checks its structure: the header parses, every tensor's byte
   * range matches its dtype and shape, the ranges tile the data area with no gap or overlap, and
   * the file is exactly as long as the header says. No tensor is read yet.
   *
   * @throws CourseException if the file is missing, cut short or damaged, in Korean, with what to do
   */
  public static SafeTensors open(Path file) {
    try {
      return parse(file);
    } catch (Problem p) {
      throw damaged(file, p.getMessage(), null);
    } catch (java.nio.file.NoSuchFileException e) {
      throw CourseException.data("가중치 파일이 없습니다: " + file + ". 경로를 확인하세요.", e);
    } catch (IOException e) {
      throw CourseException.data("가중치 파일 " + file + "을(를) 읽을 수 없습니다 (" + e.getMessage() + ").", e);
    }
  }

  /**
   * What is structurally wrong with a file, as a Korean phrase ending a sentence about it
   * ("잘렸습니다 (...)"), or null if {@link #open} accepts it. For {@code Download.Check}.
   */
  public static String problem(Path file) throws IOException {
    try {
      parse(file);
      return null;
    } catch (Problem p) {
      return p.getMessage();
    }
  }

  private static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message);
    }
  }

  private static SafeTensors parse(Path file) throws IOException, Problem {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 8) {
        throw new Problem("잘렸습니다 (파일 크기 " + size + "바이트: 헤더 길이 8바이트도 없습니다)");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.getLong(0);
      if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES) {
        throw new Problem("safetensors 형식이 아니거나 헤더가 손상되었습니다 (헤더 길이 " + headerLength + ")");
      }
      if (8 + headerLength > size) {
        throw new Problem(
            "잘렸습니다 (헤더가 " + Numbers.bytes(headerLength) + "라는데 파일 전체가 " + Numbers.bytes(size) + "입니다)");
      }
      ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
      readFully(channel, headerBytes, 8);
      String json = new String(headerBytes.array(), StandardCharsets.UTF_8);
      JsonObject header;
      try {
        JsonElement element = JsonParser.parseString(json);
        if (!element.isJsonObject()) {
          throw new Problem("헤더가 손상되었습니다 (JSON 객체가 아닙니다)");
        }
        header = element.getAsJsonObject();
      } catch (JsonParseException | IllegalStateException e) {
        throw new Problem("헤더가 손상되었습니다 (JSON을 읽을 수 없습니다: " + e.getMessage() + ")");
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      List<Entry> list = new ArrayList<>();
      for (Map.Entry<String, JsonElement> e : header.entrySet()) {
        if (e.getKey().equals("__metadata__")) {
          if (e.getValue().isJsonObject()) {
            e.getValue().getAsJsonObject().entrySet().forEach(m -> metadata.put(m.getKey(), m.getValue().getAsString()));
          }
          continue;
        }
        list.add(entry(e.getKey(), e.getValue()));
      }
      list.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
      long expected = 0;
      for (Entry entry : list) {
        if (entry.begin() != expected) {
          throw new Problem(
              "헤더가 손상되었습니다 ("
                  + entry.name()
                  + "의 바이트 범위 ["
                  + entry.begin()
                  + ", "
                  + entry.end()
                  + ")가 "
                  + (entry.begin() < expected ? "앞의 텐서와 겹칩니다" : "앞의 텐서와 떨어져 있습니다")
                  + ")");
        }
        expected = entry.end();
      }
      long data = size - 8 - headerLength;
      if (data < expected) {
        throw new Problem(
            "잘렸습니다 (헤더에 따르면 "
                + Numbers.bytes(8 + headerLength + expected)
                + "여야 하는데 "
                + Numbers.bytes(size)
                + "뿐입니다)");
      }
      if (data > expected) {
        throw new Problem(
            "손상되었거나 다른 파일입니다 (헤더에 따르면 "
                + Numbers.bytes(8 + headerLength + expected)
                + "여야 하는데 "
                + Numbers.bytes(size)
                + "입니다)");
      }
      Map<String, Entry> byName = new TreeMap<>();
      list.forEach(entry -> byName.put(entry.name(), entry));
      return new SafeTensors(file, 8 + headerLength, Collections.unmodifiableMap(byName), metadata);
    }
  }

  private static Entry entry(String name, JsonElement value) throws Problem {
    String where = "헤더가 손상되었습니다 (" + name + ": ";
    try {
      if (!value.isJsonObject()) {
        throw new Problem(where + "항목이 객체가 아닙니다)");
      }
      JsonObject o = value.getAsJsonObject();
      if (!o.has("dtype") || !o.has("shape") || !o.has("data_offsets")) {
        throw new Problem(where + "dtype, shape, data_offsets 중 빠진 것이 있습니다)");
      }
      String dtype = o.get("dtype").getAsString();
      Integer bytes = DTYPE_BYTES.get(dtype);
      if (bytes == null) {
        throw new Problem(where + "모르는 dtype " + dtype + ")");
      }
      JsonArray shapeJson = o.getAsJsonArray("shape");
      long[] dims = new long[shapeJson.size()];
      long count = 1;
      for (int i = 0; i < dims.length; i++) {
        dims[i] = shapeJson.get(i).getAsLong();
        if (dims[i] < 0) {
          throw new Problem(where + "음수 크기 " + dims[i] + ")");
        }
        count = Math.multiplyExact(count, dims[i]);
      }
      JsonArray offsets = o.getAsJsonArray("data_offsets");
      if (offsets.size() != 2) {
        throw new Problem(where + "data_offsets는 [시작, 끝] 두 수여야 합니다)");
      }
      long begin = offsets.get(0).getAsLong();
      long end = offsets.get(1).getAsLong();
      if (begin < 0 || end < begin) {
        throw new Problem(where + "잘못된 범위 [" + begin + ", " + end + "])");
      }
      if (end - begin != Math.multiplyExact(count, (long) bytes)) {
        throw new Problem(
            where + "모양 " + Arrays.toString(dims) + "의 " + dtype + "는 " + count * bytes + "바이트인데 범위는 " + (end - begin) + "바이트)");
      }
      return new Entry(name, dtype, new Shape(dims), begin, end);
    } catch (ClassCastException | IllegalStateException | UnsupportedOperationException | NumberFormatException
        | ArithmeticException e) {
      throw new Problem(where + e.getMessage() + ")");
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new EOFException("end of file at byte " + at);
      }
      at += n;
    }
    buffer.flip();
  }

  private static CourseException damaged(Path file, String why, Throwable cause) {
    return CourseException.data(
        "가중치 파일이 "
            + why
            + ": "
            + file
            + ". 이 파일을 지우고 다시 내려받거나, 원본 .safetensors 파일로 바꾸세요.",
        cause);
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** The tensors' names, sorted. */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /** One tensor's entry, or null if the file has none of that name. */
  public Entry entry(String name) {
    return entries.get(name);
  }

  /** The header's {@code __metadata__} (e.g. {@code format=pt}), possibly empty. */
  public Map<String, String> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  /**
   * A floating-point tensor's values as F32, in row-major order.
   *
   * @throws CourseException if there is no such tensor or it does not hold floats
   */
  public float[] floats(String name) {
    Entry entry = entries.get(name);
    if (entry == null) {
      throw CourseException.argument("가중치 파일에 '" + name + "'이(가) 없습니다. 있는 이름: " + first(names(), 8));
    }
    if (!entry.isFloat()) {
      throw CourseException.argument("'" + name + "'은(는) 실수가 아니라 " + entry.dtype() + "입니다.");
    }
    ByteBuffer raw;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      raw = ByteBuffer.allocate(Math.toIntExact(entry.end() - entry.begin()));
      readFully(channel, raw, dataStart + entry.begin());
    } catch (IOException e) {
      throw CourseException.data("가중치 파일 " + file + "을(를) 읽다가 실패했습니다 (" + e.getMessage() + "). 파일을 다시 받으세요.", e);
    }
    raw.order(ByteOrder.LITTLE_ENDIAN);
    int n = Math.toIntExact(entry.shape().size());
    float[] out = new float[n];
    switch (entry.dtype()) {
      case "F32" -> raw.asFloatBuffer().get(out);
      case "F64" -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) raw.getDouble(i * 8);
        }
      }
      case "F16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = halfToFloat(raw.getShort(i * 2));
        }
      }
      case "BF16" -> {
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat((raw.getShort(i * 2) & 0xffff) << 16);
        }
      }
      default -> throw new IllegalStateException(entry.dtype());
    }
    return out;
  }

  /**
   * Puts the file's tensors into a model's parameters by name. Every name and shape is checked
   * first; if anything does not match, nothing is changed and one message lists the mismatches:
   * parameters the file lacks, tensors the model lacks, and shapes that differ ("fc.weight: 파일은
   * (1000, 512), 모델은 (10, 512)"). Entries named {@code *.num_batches_tracked} (PyTorch's
   * BatchNorm counter, not a weight) are ignored.
   *
   * @param parameters the model's parameters by PyTorch name, initialized (e.g. {@code
   *     TorchvisionResNet.namedParameters()})
   * @param skipPrefixes names or name prefixes to leave alone on both sides, e.g. {@code "fc"}
   *     skips {@code fc.weight} and {@code fc.bias} (the layers the lesson replaces)
   * @return what was loaded and skipped
   * @throws CourseException if names or shapes do not match, or a parameter is not initialized
   */
  public LoadReport loadInto(Map<String, Parameter> parameters, String... skipPrefixes) {
    List<String> loaded = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    List<String> shapes = new ArrayList<>();
    List<String> notInFile = new ArrayList<>();
    List<String> notInModel = new ArrayList<>();
    for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
      String name = p.getKey();
      if (skipped(name, skipPrefixes)) {
        skipped.add(name);
        continue;
      }
      if (!p.getValue().isInitialized()) {
        throw CourseException.argument(
            "모델의 파라미터 '"
                + name
                + "'에 아직 값이 없습니다: 가중치를 불러오기 전에 블록을 초기화하세요. 예: trainer.initialize(new Shape(1, 3, 32, 32))"
                + " 또는 block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224))");
      }
      Entry entry = entries.get(name);
      if (entry == null) {
        notInFile.add(name);
        continue;
      }
      Shape model = p.getValue().getArray().getShape();
      if (!entry.isFloat()) {
        shapes.add(name + ": 파일은 " + entry.dtype() + ", 모델은 실수(F32)");
      } else if (!entry.shape().equals(model)) {
        shapes.add(name + ": 파일은 " + entry.shape() + ", 모델은 " + model);
      }
    }
    for (Entry entry : entries.values()) {
      String name = entry.name();
      if (parameters.containsKey(name)) {
        continue;
      }
      if (name.endsWith(".num_batches_tracked") || name.equals("num_batches_tracked")) {
        ignored.add(name);
      } else if (skipped(name, skipPrefixes)) {
        skipped.add(name + " (파일)");
      } else {
        notInModel.add(name);
      }
    }
    if (!shapes.isEmpty() || !notInFile.isEmpty() || !notInModel.isEmpty()) {
      StringBuilder m = new StringBuilder("가중치 파일과 모델이 맞지 않아 아무것도 불러오지 않았습니다 (" + file.getFileName() + ").");
      if (!shapes.isEmpty()) {
        m.append("\n  모양이 다른 것 ").append(shapes.size()).append("개: ").append(first(shapes, 5));
      }
      if (!notInFile.isEmpty()) {
        m.append("\n  모델에는 있는데 파일에 없는 것 ").append(notInFile.size()).append("개: ").append(first(notInFile, 5));
      }
      if (!notInModel.isEmpty()) {
        m.append("\n  파일에는 있는데 모델에 없는 것 ").append(notInModel.size()).append("개: ").append(first(notInModel, 5));
      }
      m.append(
          "\n같은 구조의 모델인지 확인하세요. 바꾼 층이라 불러오지 않을 것은 이름으로 건너뛰세요. 예: loadWeights(file, \"conv1\", \"fc\")");
      throw CourseException.shape(m.toString());
    }
    for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
      String name = p.getKey();
      if (skipped(name, skipPrefixes)) {
        continue;
      }
      NDArray array = p.getValue().getArray();
      float[] values = floats(name);
      if (array.getDataType() != DataType.FLOAT32) {
        throw CourseException.argument("'" + name + "'은(는) FLOAT32가 아니라 " + array.getDataType() + "입니다.");
      }
      array.set(FloatBuffer.wrap(values));
      loaded.add(name);
    }
    return new LoadReport(List.copyOf(loaded), List.copyOf(skipped), List.copyOf(ignored));
  }

  /** IEEE 754 half precision to float (Java 17 has no {@code Float.float16ToFloat}). */
  static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // infinity or NaN
    }
    if (exponent == 0) {
      float value = mantissa * 0x1p-24f; // zero or subnormal
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  static boolean skipped(String name, String... prefixes) {
    for (String prefix : prefixes) {
      String p = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
      if (name.equals(p) || name.startsWith(p + ".")) {
        return true;
      }
    }
    return false;
  }

  static String first(List<String> items, int n) {
    String shown = String.join(", ", items.subList(0, Math.min(n, items.size())));
    return items.size() > n ? shown + ", … (" + (items.size() - n) + "개 더)" : shown;
  }

  /**
   * Writes float tensors as a safetensors file (F32, little-endian, names sorted), through a
   * temporary file moved into place when complete: e.g. a trained model's weights under PyTorch's
   * names, which PyTorch's {@code safetensors.torch.load_file} reads.
   *
   * @param file where to write
   * @param tensors name → tensor (any float type; written as F32)
   */
  public static void write(Path file, Map<String, NDArray> tensors) {
    Map<String, NDArray> sorted = new TreeMap<>(tensors);
    JsonObject header = new JsonObject();
    long offset = 0;
    for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
      JsonObject entry = new JsonObject();
      entry.addProperty("dtype", "F32");
      JsonArray shape = new JsonArray();
      for (long d : e.getValue().getShape().getShape()) {
        shape.add(d);
      }
      entry.add("shape", shape);
      long bytes = e.getValue().getShape().size() * 4;
      JsonArray offsets = new JsonArray();
      offsets.add(offset);
      offsets.add(offset + bytes);
      entry.add("data_offsets", offsets);
      header.add(e.getKey(), entry);
      offset += bytes;
    }
    JsonObject meta = new JsonObject();
    meta.addProperty("format", "pt");
    header.add("__metadata__", meta);
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] headerBytes = Arrays.copyOf(json, padded);
    Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
    Path tmp = null;
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.write(headerBytes);
        for (NDArray array : sorted.values()) {
          float[] values = array.toType(DataType.FLOAT32, false).toFloatArray();
          ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
          buffer.asFloatBuffer().put(values);
          out.write(buffer.array());
        }
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw CourseException.data("가중치 파일 " + file + "을(를) 쓰지 못했습니다 (" + e.getMessage() + "). 쓸 수 있는 폴더인지 확인하세요.", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }
}
