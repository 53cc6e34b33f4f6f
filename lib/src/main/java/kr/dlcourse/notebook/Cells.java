package kr.dlcourse.notebook;

import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import java.util.HashMap;
import java.util.Map;
import kr.dlcourse.nn.NativeHeap;
import kr.dlcourse.nn.OptimizerState;

/**
 * Native resources held across notebook cells. A cell that creates a model or a manager and is run
 * again would otherwise leave the previous one's native memory behind; {@link #keep} closes the
 * previous resource kept under the same name first.
 *
 * <pre>{@code
 * Model cnnModel = Cells.keep("cnn", Model.newInstance("CNN_V1"));   // rerun: the old model is closed
 * }</pre>
 */
public final class Cells {

  private static final Map<String, AutoCloseable> KEPT = new HashMap<>();

  private Cells() {}

  /**
   * Keeps {@code resource} under {@code name}, closing what was kept under that name before.
   *
   * @return {@code resource}
   */
  public static synchronized <T extends AutoCloseable> T keep(String name, T resource) {
    AutoCloseable previous = KEPT.put(name, resource);
    if (previous != null && previous != resource) {
      try {
        if (previous instanceof Trainer trainer) {
          OptimizerState.ownBy(trainer); // DJL leaves the optimizer's state to the garbage collector
        }
        previous.close();
      } catch (Exception e) {
        System.err.println("Closing the previous '" + name + "' failed: " + e.getMessage());
      }
      NativeHeap.trim(); // the closed tensors' memory goes back to the system now
    }
    return resource;
  }

  /**
   * A new manager kept under {@code name}: rerunning the cell frees the arrays the previous run made
   * with it, and no other cell's rerun touches it. Give each cell its own name.
   *
   * <pre>{@code
   * NDManager countManager = Cells.manager("count");   // 이 셀의 배열만 담습니다
   * }</pre>
   */
  public static NDManager manager(String name) {
    return keep(name, NDManager.newBaseManager());
  }

  /** Closes everything kept (e.g. at the end of a notebook). */
  public static synchronized void closeAll() {
    for (Map.Entry<String, AutoCloseable> e : KEPT.entrySet()) {
      try {
        e.getValue().close();
      } catch (Exception ex) {
        System.err.println("Closing '" + e.getKey() + "' failed: " + ex.getMessage());
      }
    }
    KEPT.clear();
  }
}
