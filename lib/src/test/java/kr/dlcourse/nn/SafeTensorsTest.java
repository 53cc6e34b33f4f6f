package kr.dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

  @TempDir Path dir;

  static byte[] file(String header, byte[] data) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
    out.writeBytes(json);
    out.writeBytes(data);
    return out.toByteArray();
  }

  Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return b.array();
  }

  static String message(Path file) {
    return assertThrows(CourseException.class, () -> SafeTensors.open(file)).getMessage();
  }

  @Test
  void writesAndReadsBackInPyTorchsLayout() throws IOException {
    Course.setup();
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = new LinkedHashMap<>();
      tensors.put("b.weight", manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)));
      tensors.put("a.bias", manager.create(new float[] {-1.5f}, new Shape(1)));
      Path file = dir.resolve("out/w.safetensors");
      SafeTensors.write(file, tensors);
      SafeTensors read = SafeTensors.open(file);
      assertEquals(java.util.List.of("a.bias", "b.weight"), read.names());
      assertEquals(new Shape(2, 3), read.entry("b.weight").shape());
      assertEquals(0, read.entry("a.bias").begin(), "names sorted, first at offset 0");
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, read.floats("b.weight"));
      assertEquals("pt", read.metadata().get("format"));
      assertEquals(0, (Files.readAllBytes(file).length - 8 - 6 * 4 - 4) % 8, "header padded to 8 bytes");
    }
  }

  @Test
  void convertsHalfAndBfloat16AndDouble() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(4 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
    data.putShort((short) 0x3c00).putShort((short) 0xc100); // F16 1.0, -2.5
    data.putShort((short) 0x3f80).putShort((short) 0x4049); // BF16 1.0, 3.140625
    data.putDouble(0.25);
    Path file =
        write(
            "mixed.safetensors",
            file(
                "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                    + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]},"
                    + "\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}}",
                data.array()));
    SafeTensors read = SafeTensors.open(file);
    assertArrayEquals(new float[] {1.0f, -2.5f}, read.floats("h"));
    assertArrayEquals(new float[] {1.0f, 3.140625f}, read.floats("b"));
    assertArrayEquals(new float[] {0.25f}, read.floats("d"));
    assertEquals(new Shape(), read.entry("d").shape());
    assertEquals(Float.POSITIVE_INFINITY, SafeTensors.halfToFloat((short) 0x7c00));
    assertEquals(0x1p-24f, SafeTensors.halfToFloat((short) 0x0001));
  }

  @Test
  void rejectsMalformedFilesInKorean() throws IOException {
    String ok = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    assertNull(SafeTensors.problem(write("ok.safetensors", file(ok, floats(1, 2)))));

    assertTrue(message(write("empty", new byte[3])).contains("잘렸습니다"));
    byte[] whole = file(ok, floats(1, 2));
    assertTrue(message(write("cut-header", Arrays.copyOf(whole, 20))).contains("잘렸습니다"));
    String cut = message(write("cut-data", Arrays.copyOf(whole, whole.length - 3)));
    assertTrue(cut.contains("잘렸습니다") && cut.contains("다시 내려받"), cut);
    byte[] longer = Arrays.copyOf(whole, whole.length + 4);
    assertTrue(message(write("longer", longer)).contains("손상되었거나 다른 파일"));
    assertTrue(message(write("not-json", file("{\"w\": [1, 2", floats(1, 2)))).contains("헤더가 손상"));
    assertTrue(message(write("array", file("[1, 2]", new byte[0]))).contains("헤더가 손상"));
    byte[] pickle = "PK\u0003\u0004 this is a zip or pickle, not safetensors".getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(message(write("pickle.pth", pickle)).contains("safetensors 형식이 아니거나"));
    assertTrue(
        message(write("dtype", file(ok.replace("F32", "Q7"), floats(1, 2)))).contains("모르는 dtype Q7"));
    assertTrue(
        message(write("size", file(ok.replace("[2]", "[3]"), floats(1, 2)))).contains("바이트"));
    String overlap =
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
    assertTrue(message(write("overlap", file(overlap, floats(1, 2)))).contains("겹칩니다"));
    assertTrue(
        message(write("missing", file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", floats(1, 2))))
            .contains("빠진 것"));
    CourseException none = assertThrows(CourseException.class, () -> SafeTensors.open(dir.resolve("nope")));
    assertTrue(none.getMessage().contains("없습니다"));
  }

  @Test
  void skipMatchesWholeNamesOrDottedPrefixes() {
    assertTrue(SafeTensors.skipped("fc.weight", "fc"));
    assertTrue(SafeTensors.skipped("conv1.weight", "conv1."));
    assertTrue(!SafeTensors.skipped("layer1.0.conv1.weight", "conv1"));
    assertTrue(!SafeTensors.skipped("fcx.weight", "fc"));
  }
}
