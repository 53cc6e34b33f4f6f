package kr.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.engine.Engine;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import kr.dlcourse.notebook.CourseException;
import kr.dlcourse.setup.Course;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LabelSmoothingLossTest {

  private static final float[][] LOGITS = {{1, 2, 3}, {0, 0, 0}, {2, -1, 0.5f}};
  private static final long[] LABELS = {2, 0, 1};

  private NDManager manager;

  @BeforeEach
  void open() {
    Course.setup();
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private float loss(Loss loss, float[][] logits, long[] labels) {
    return loss.evaluate(new NDList(manager.create(labels)), new NDList(manager.create(logits)))
        .getFloat();
  }

  /** The formula written out: mean over samples of -Σ_k ((1-ε)·onehot + ε/K)_k · log_softmax_k. */
  private static double byHand(float[][] logits, long[] labels, double eps) {
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      int k = logits[i].length;
      double max = Double.NEGATIVE_INFINITY;
      for (float v : logits[i]) {
        max = Math.max(max, v);
      }
      double sumExp = 0;
      for (float v : logits[i]) {
        sumExp += Math.exp(v - max);
      }
      double logSumExp = max + Math.log(sumExp);
      for (int c = 0; c < k; c++) {
        double target = (1 - eps) * (c == labels[i] ? 1 : 0) + eps / k;
        total -= target * (logits[i][c] - logSumExp);
      }
    }
    return total / logits.length;
  }

  @Test
  void equalsTheFormulaAndPyTorch() {
    // nn.CrossEntropyLoss(label_smoothing=ε)(logits, labels) in PyTorch 1.13.1
    double[][] pytorch = {{0.0, 1.582509994506836}, {0.1, 1.5658432245254517}, {0.3, 1.5325099229812622}};
    for (double[] row : pytorch) {
      float eps = (float) row[0];
      float got = loss(new LabelSmoothingLoss(eps), LOGITS, LABELS);
      assertEquals(byHand(LOGITS, LABELS, eps), got, 1e-5, "ε " + eps);
      assertEquals(row[1], got, 1e-5, "PyTorch, ε " + eps);
    }
    // uniform logits: every log-probability is -ln 3, whatever the target
    assertEquals(Math.log(3), loss(new LabelSmoothingLoss(0.4f), new float[][] {{0, 0, 0}}, new long[] {1}), 1e-6);
    // a confident right answer costs more with smoothing than without
    float[][] confident = {{10, 0, 0}};
    assertTrue(
        loss(new LabelSmoothingLoss(0.1f), confident, new long[] {0})
            > loss(new LabelSmoothingLoss(0f), confident, new long[] {0}) + 0.5);
  }

  @Test
  void zeroSmoothingIsDjlsSoftmaxCrossEntropy() {
    NDArray logits = manager.randomNormal(new Shape(16, 10));
    NDArray labels = manager.randomInteger(0, 10, new Shape(16), ai.djl.ndarray.types.DataType.INT64);
    float plain =
        Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits)).getFloat();
    float smoothed = new LabelSmoothingLoss(0f).evaluate(new NDList(labels), new NDList(logits)).getFloat();
    assertEquals(plain, smoothed, 1e-5);
    float withSmoothing = new LabelSmoothingLoss(0.1f).evaluate(new NDList(labels), new NDList(logits)).getFloat();
    assertTrue(Math.abs(withSmoothing - plain) > 1e-3, "ε changes the loss");
  }

  @Test
  void gradientIsSoftmaxMinusTheSmoothedTarget() {
    NDArray logits = manager.create(LOGITS);
    logits.setRequiresGradient(true);
    float eps = 0.1f;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = new LabelSmoothingLoss(eps).evaluate(new NDList(manager.create(LABELS)), new NDList(logits));
      collector.backward(loss);
    }
    float[] grad = logits.getGradient().toFloatArray();
    for (int i = 0; i < 3; i++) {
      double sumExp = 0;
      for (float v : LOGITS[i]) {
        sumExp += Math.exp(v);
      }
      for (int c = 0; c < 3; c++) {
        double p = Math.exp(LOGITS[i][c]) / sumExp;
        double target = (1 - eps) * (c == LABELS[i] ? 1 : 0) + eps / 3;
        assertEquals((p - target) / 3, grad[i * 3 + c], 1e-6, "sample " + i + " class " + c);
      }
    }
  }

  @Test
  void smoothingOutsideZeroToOneIsExplainedInKorean() {
    for (float eps : new float[] {-0.1f, 1f, 1.5f, Float.NaN}) {
      CourseException e = assertThrows(CourseException.class, () -> new LabelSmoothingLoss(eps));
      assertEquals("인자 오류", e.title());
      assertTrue(e.getMessage().contains("0 이상 1 미만"), e.getMessage());
      assertTrue(e.getMessage().contains("new LabelSmoothingLoss(0.1f)"), e.getMessage());
    }
    CourseException shape =
        assertThrows(
            CourseException.class,
            () -> loss(new LabelSmoothingLoss(0.1f), new float[][] {{1, 2}}, new long[] {0, 1}));
    assertEquals("모양 오류", shape.title());
  }

  @Test
  void readableNameAndTheSmoothingFieldTheCheckpointsRecord() throws ReflectiveOperationException {
    LabelSmoothingLoss loss = new LabelSmoothingLoss(0.1f);
    assertEquals("LabelSmoothingLoss(smoothing=0.1)", loss.toString());
    assertEquals("LabelSmoothingLoss", loss.getName());
    assertEquals(0.1f, loss.smoothing());
    Field f = LabelSmoothingLoss.class.getDeclaredField("smoothing");
    assertTrue(Modifier.isPrivate(f.getModifiers()) && Modifier.isFinal(f.getModifiers()));
    String settings = Experiment.settings(loss, 0);
    assertTrue(settings.contains("LabelSmoothingLoss") && settings.contains("smoothing=0.100000"), settings);
    assertTrue(!settings.equals(Experiment.settings(new LabelSmoothingLoss(0.2f), 0)), "ε tells experiments apart");
  }
}
