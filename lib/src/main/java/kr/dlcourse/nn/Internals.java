package kr.dlcourse.nn;

import ai.djl.training.Trainer;
import java.lang.reflect.Field;

/**
 * Reads and writes private fields of DJL objects where no public method gives what the course
 * needs (a trainer's optimizer, a parameter's array). If a DJL version lays them out differently,
 * reads give null and callers fall back.
 */
public final class Internals {

  private Internals() {}

  /** The value of field {@code name} of {@code owner} or one of its superclasses, or null if there is none. */
  public static Object field(Object owner, String name) {
    Field f = find(owner.getClass(), name);
    try {
      return f == null ? null : f.get(owner);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Sets field {@code name} of {@code owner}; false if there is no such field or it cannot be set. */
  public static boolean setField(Object owner, String name, Object value) {
    Field f = find(owner.getClass(), name);
    try {
      if (f != null) {
        f.set(owner, value);
        return true;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // fall through
    }
    return false;
  }

  /** The DJL optimizer a trainer updates with (trainer → parameter store → parameter server → optimizer), or null. */
  public static Object optimizer(Trainer trainer) {
    Object store = field(trainer, "parameterStore");
    Object server = store == null ? null : field(store, "parameterServer");
    return server == null ? null : field(server, "optimizer");
  }

  private static Field find(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
