package kr.dlcourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.Test;

/** Dropout2d drops whole (sample, channel) planes in training, p of them, and nothing in evaluation. */
class Dropout2dTest {

  private static NDArray forward(Dropout2d block, NDManager m, NDArray x, boolean training) {
    return block.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
  }

  @Test
  void trainingZeroesWholePlanesAndScalesTheRest() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      float p = 0.25f;
      Dropout2d block = new Dropout2d(p);
      int n = 50;
      int c = 40;
      Shape shape = new Shape(n, c, 3, 5);
      block.initialize(m, DataType.FLOAT32, shape);
      NDArray x = m.randomUniform(1f, 2f, shape); // no zeros in the input
      float[] in = x.toFloatArray();
      float[] out = forward(block, m, x, true).toFloatArray();
      int plane = 15;
      int dropped = 0;
      for (int k = 0; k < n * c; k++) {
        boolean zero = out[k * plane] == 0f;
        for (int i = k * plane; i < (k + 1) * plane; i++) {
          if (zero) {
            assertEquals(0f, out[i], "plane " + k + " is partly dropped");
          } else {
            assertEquals(in[i] / (1 - p), out[i], 1e-5f, "plane " + k + " kept but not scaled by 1/(1-p)");
          }
        }
        dropped += zero ? 1 : 0;
      }
      double fraction = dropped / (double) (n * c);
      // 2,000 planes: standard deviation of the fraction √(p(1-p)/2000) ≈ 0.0097
      assertTrue(Math.abs(fraction - p) < 0.04, "dropped fraction " + fraction);
    }
  }

  @Test
  void fractionFollowsP() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(100, 50, 2, 2));
      for (float p : new float[] {0.1f, 0.5f, 0.8f}) {
        float[] out = Dropout2d.dropChannels(x, p, true).toFloatArray();
        int dropped = 0;
        for (int k = 0; k < 5000; k++) {
          dropped += out[4 * k] == 0f ? 1 : 0;
        }
        assertEquals(p, dropped / 5000.0, 0.03, "p=" + p);
      }
    }
  }

  @Test
  void evaluationLeavesTheInputUnchanged() {
    Course.setup();
    try (NDManager m = NDManager.newBaseManager()) {
      Dropout2d block = new Dropout2d(0.5f);
      NDArray x = m.randomNormal(new Shape(4, 8, 6, 6));
      block.initialize(m, DataType.FLOAT32, x.getShape());
      NDArray y = forward(block, m, x, false);
      assertTrue(x.contentEquals(y));
      assertEquals(x.getShape(), block.getOutputShapes(new Shape[] {x.getShape()})[0]);
      assertTrue(Parameters.count(block) == 0);
    }
  }

  @Test
  void rateOutsideZeroToOneIsAKoreanError() {
    for (float bad : new float[] {-0.1f, 1f, 1.5f, Float.NaN}) {
      CourseException e = assertThrows(CourseException.class, () -> new Dropout2d(bad));
      assertTrue(e.getMessage().contains("0 이상 1 미만"), e.getMessage());
    }
    new Dropout2d(0f);
  }

  @Test
  void toStringShowsP() {
    assertEquals("Dropout2d(p=0.25)", new Dropout2d(0.25f).toString());
    assertEquals("Dropout2d(p=0.5)", new Dropout2d(0.5f).toString());
  }
}
