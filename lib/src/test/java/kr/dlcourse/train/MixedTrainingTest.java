package kr.dlcourse.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import kr.dlcourse.augment.Mixing;
import kr.dlcourse.data.Batch;
import kr.dlcourse.data.Batches;
import kr.dlcourse.data.Normalization;
import kr.dlcourse.notebook.Numbers;
import kr.dlcourse.setup.CourseMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mixed batches (Mixup, CutMix) through Batches and Training; lesson 39's log line; the time estimate. */
class MixedTrainingTest {

  /** Swaps each pair of images' labels with weight 0.7: partners are the batch reversed. */
  static final Mixing REVERSED =
      (x, y, random) -> {
        long n = x.getShape().get(0);
        NDArray back = x.getManager().arange((int) n - 1, -1, -1);
        return new Mixing.Mixed(x.mul(0.7f).add(x.get(back).mul(0.3f)), y.get(back), 0.7);
      };

  @BeforeAll
  static void data() throws Exception {
    TrainingTest.data();
  }

  private static Trainer trainer(Model model) {
    model.setBlock(TrainingTest.smallCnn());
    Trainer trainer =
        model.newTrainer(
            new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build()));
    trainer.initialize(new Shape(1, 3, 32, 32));
    return trainer;
  }

  @Test
  void aMixedBatchCarriesPartnerLabelsAndItsLossIsTheLessonsMixupCriterion() {
    try (Model model = Model.newInstance("mixed"); Trainer trainer = trainer(model)) {
      Batches plain = TrainingTest.train.batches(8).normalize(Normalization.CIFAR10);
      Batches mixed = TrainingTest.train.batches(8).normalize(Normalization.CIFAR10).mix(REVERSED, 1);
      try (Batch p = plain.first(); Batch m = mixed.first()) {
        assertFalse(p.isMixed());
        assertNull(p.partnerLabels());
        assertEquals(1, p.lambda());
        assertTrue(m.isMixed());
        assertEquals(0.7, m.lambda());
        long[] y = p.y().toLongArray();
        long[] partners = m.partnerLabels().toLongArray();
        for (int i = 0; i < 8; i++) {
          assertEquals(y[7 - i], partners[i], "partner of image " + i);
        }
        assertEquals(Arrays.toString(y), Arrays.toString(m.y().toLongArray()), "y_a is the batch's own labels");
        float[] px = p.x().toFloatArray();
        float[] mx = m.x().toFloatArray();
        int per = px.length / 8;
        for (int k : new int[] {0, 5, per + 3, 7 * per + 11}) {
          int image = k / per;
          assertEquals(0.7f * px[k] + 0.3f * px[(7 - image) * per + k % per], mx[k], 1e-5f, "pixel " + k);
        }
        NDArray out = trainer.evaluate(m.data()).singletonOrThrow();
        Loss ce = Loss.softmaxCrossEntropyLoss();
        float a = ce.evaluate(new NDList(m.y()), new NDList(out)).getFloat();
        float b = ce.evaluate(new NDList(m.partnerLabels()), new NDList(out)).getFloat();
        assertEquals(0.7f * a + 0.3f * b, Training.loss(trainer, m, out).getFloat(), 1e-5f);
        long rightA = Training.correct(trainer, m, out);
        long rightB = out.argMax(1).eq(m.partnerLabels()).sum().getLong();
        assertEquals(0.7 * rightA + 0.3 * rightB, Training.mixedCorrect(trainer, m, out), 1e-9);
      }
    }
  }

  @Test
  void fitTrainsOnMixedBatchesAndLogsAsLesson39() {
    PrintStream old = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (Model model = Model.newInstance("mixed-fit");
        Trainer trainer = trainer(model);
        NDManager manager = NDManager.newBaseManager()) {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      Batches train = TrainingTest.train.batches(20).shuffle(3).normalize(Normalization.CIFAR10).mix(REVERSED, 3);
      Batches test = TrainingTest.val.batches(manager, 20).normalize(Normalization.CIFAR10);
      History h = Training.fit(trainer, train, test, 2, FitOptions.named("mix").keepBest().logTestAccuracy());
      assertEquals(2, h.epochs().size());
      double trainAccuracy = h.epochs().get(0).trainAccuracy();
      assertTrue(trainAccuracy >= 0 && trainAccuracy <= 1, "" + trainAccuracy);
      assertTrue(Double.isFinite(h.epochs().get(0).trainLoss()));
    } finally {
      System.setOut(old);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(out.matches("(?s).*Epoch 1: Train Acc=\\d+\\.\\d\\d%, Test Acc=\\d+\\.\\d\\d%.*"), out);
    assertTrue(out.matches("(?s).*Epoch 2: Train Acc=.*"), out);
    assertTrue(out.matches("(?s).*최고 테스트 정확도: \\d+\\.\\d\\d% \\(에폭 [12]: .*"), out);
    assertFalse(out.contains("[Ep "), out);
    assertFalse(out.contains("예상 학습 시간"), "a training of seconds gets no estimate: " + out);
  }

  @Test
  void aLongTrainingIsAnnouncedWithItsTimeAndHowToShortenIt() {
    // 391 batches of 128 at 0.5 s, 10,000 test images: 195.5 s + 10,000 * (0.5 / 128) / 3 = 208.5 s per epoch, 5.79 h in all
    String line = TimeEstimate.line(0.5, 391, 50_000, 10_000, 100, CourseMode.FULL);
    assertTrue(line.startsWith("예상 학습 시간 (이 컴퓨터에서 처음 배치 5개로 잰 값): 에폭당 약 3분 29초, 100 에폭 모두 약 5시간 48분."), line);
    assertTrue(line.contains("COURSE_MODE=class") && line.contains("COURSE_MODE=quick"), line);
    assertTrue(line.contains("■(중지)"), line);
    assertFalse(TimeEstimate.line(0.5, 391, 50_000, 10_000, 10, CourseMode.CLASS).contains("COURSE_MODE=class"));
    assertNull(TimeEstimate.line(0.01, 10, 1280, 256, 3, CourseMode.QUICK), "two minutes or less: no line");
  }

  @Test
  void durationsReadAsAPersonWouldSayThem() {
    assertEquals("45초", Numbers.duration(44.6));
    assertEquals("3분 20초", Numbers.duration(200));
    assertEquals("2분", Numbers.duration(120));
    assertEquals("2시간 5분", Numbers.duration(7500));
    assertEquals("1시간", Numbers.duration(3601));
  }
}
