package kr.dlcourse.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.Trainer;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives an optimizer's state (Adam's means and variances, SGD's momentum) to its trainer. DJL
 * creates these arrays detached from every manager, to be freed "by the GC when the optimizer is
 * out of scope" (DJL's {@code Optimizer.withDefaultState}): closing the trainer and the model left
 * them behind, about 6 MB per rerun of a cell that trained lesson 1강's MLP with Adam. Attached to
 * the trainer's manager, they are freed when the trainer is closed.
 *
 * <pre>{@code
 * OptimizerState.ownBy(trainer);   // after at least one trainer.step()
 * }</pre>
 *
 * <p>The course calls it after every training epoch ({@code Training.trainEpoch}) and when {@code
 * Cells.keep} replaces a trainer. It reads DJL's private fields (Trainer → ParameterStore →
 * parameter server → optimizer); if a DJL version lays them out differently, it does nothing.
 */
public final class OptimizerState {

  private OptimizerState() {}

  /**
   * Attaches the state arrays of {@code trainer}'s optimizer to {@code trainer.getManager()}, or
   * frees them at once if that manager is closed already (the trainer's model was closed first).
   *
   * @return how many arrays it attached or freed (0 if the optimizer keeps none or none exist yet)
   */
  public static int ownBy(Trainer trainer) {
    List<NDArray> arrays = new ArrayList<>();
    try {
      Object optimizer = Internals.optimizer(trainer);
      for (Class<?> c = optimizer == null ? null : optimizer.getClass(); c != null; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (Map.class.isAssignableFrom(f.getType())) {
            f.setAccessible(true);
            collect(f.get(optimizer), arrays);
          }
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return 0;
    }
    boolean open = trainer.getManager().isOpen();
    for (NDArray a : arrays) {
      if (!open) {
        a.close();
      } else if (a.getManager() != trainer.getManager()) {
        a.attach(trainer.getManager());
      }
    }
    return arrays.size();
  }

  private static void collect(Object value, List<NDArray> into) {
    if (value instanceof NDArray a) {
      if (!a.isReleased()) {
        into.add(a);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Object v : map.values()) {
        collect(v, into);
      }
    }
  }
}
