package kr.dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Arrays made from Java values whose memory belongs to the engine alone. DJL's {@code
 * manager.create(float[])} keeps the values in a Java direct buffer that only a garbage collection
 * frees, even after the array is closed; in a notebook kernel that collects rarely, every batch
 * left such a buffer behind and memory climbed run after run. These methods copy the values into
 * engine memory and free the direct buffer at once.
 *
 * <pre>{@code
 * NDArray labels = NativeArrays.int64(batchManager, new long[] {3, 8, 8, 0});
 * }</pre>
 */
public final class NativeArrays {

  private static final sun.misc.Unsafe UNSAFE = unsafe();

  private NativeArrays() {}

  /** A float32 array of {@code shape} holding {@code values}. */
  public static NDArray float32(NDManager manager, float[] values, Shape shape) {
    ByteBuffer buffer = direct(values.length * 4);
    buffer.asFloatBuffer().put(values);
    return copyAndFree(manager, buffer, shape, DataType.FLOAT32);
  }

  /** An int64 array of shape (n) holding {@code values}. */
  public static NDArray int64(NDManager manager, long[] values) {
    ByteBuffer buffer = direct(values.length * 8);
    buffer.asLongBuffer().put(values);
    return copyAndFree(manager, buffer, new Shape(values.length), DataType.INT64);
  }

  /**
   * A uint8 array of {@code shape} from a direct buffer filled by the caller, converted to {@code
   * type}; the buffer is freed before this returns and must not be used again.
   */
  public static NDArray fromBytes(NDManager manager, ByteBuffer direct, Shape shape, DataType type) {
    NDArray raw = manager.create(direct, shape, DataType.UINT8);
    try {
      return type == DataType.UINT8 ? raw.duplicate() : raw.toType(type, true);
    } finally {
      raw.close();
      free(direct);
    }
  }

  /** A new direct buffer in the machine's byte order. */
  public static ByteBuffer direct(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  /** Frees a buffer made by {@link ByteBuffer#allocateDirect} now, not at the next garbage collection. */
  public static void free(ByteBuffer direct) {
    if (direct.isDirect() && UNSAFE != null) {
      UNSAFE.invokeCleaner(direct);
    }
  }

  private static NDArray copyAndFree(NDManager manager, ByteBuffer buffer, Shape shape, DataType type) {
    NDArray view = manager.create(buffer, shape, type);
    try {
      return view.duplicate();
    } finally {
      view.close();
      free(buffer);
    }
  }

  private static sun.misc.Unsafe unsafe() {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      return (sun.misc.Unsafe) f.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // buffers are then freed by the garbage collector, as before
    }
  }
}
