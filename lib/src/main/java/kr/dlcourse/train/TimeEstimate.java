package kr.dlcourse.train;

import kr.dlcourse.data.Batches;
import kr.dlcourse.notebook.Numbers;
import kr.dlcourse.setup.Course;
import kr.dlcourse.setup.CourseMode;

/**
 * Before a long training, tells the student how long it will take on this machine: the first
 * batches of the first epoch are the warm-up (the very first one, slow while the engine warms up,
 * is left out), and one line gives the time per epoch and in all, with how to shorten it. A
 * training estimated under two minutes prints nothing. {@link Training#fit} does this itself; a
 * training loop written out in a notebook calls {@link #onBatch} after each batch of its first
 * epoch.
 *
 * <pre>{@code
 * TimeEstimate estimate = new TimeEstimate(trainLoader, testLoader, epochs);
 * int done = 0;
 * for (Batch b : trainLoader) {
 *   ...   // forward, backward, step
 *   if (epoch == 0) estimate.onBatch(++done);
 * }
 * }</pre>
 */
public final class TimeEstimate {

  /** Batches timed after the first one. */
  static final int TIMED = 5;
  /** Trainings estimated below this many seconds need no warning. */
  static final double LONG = 120;
  /** An image costs about a third as much to evaluate as to train (forward only). */
  private static final double EVAL_COST = 1 / 3.0;

  private final Batches train;
  private final Batches validation;
  private final int epochs;
  private long firstDone;

  /**
   * @param train the training batches of one epoch
   * @param validation the batches evaluated after each epoch, or null
   * @param epochs how many epochs the training runs
   */
  public TimeEstimate(Batches train, Batches validation, int epochs) {
    this.train = train;
    this.validation = validation;
    this.epochs = epochs;
  }

  /** Call after each batch of the first epoch with the number of batches done (1, 2, ...). */
  public void onBatch(int done) {
    if (done == 1) {
      firstDone = System.nanoTime();
    } else if (done == 1 + TIMED && firstDone != 0) {
      double perBatch = (System.nanoTime() - firstDone) / 1e9 / TIMED;
      String line = line(perBatch, train.count(), train.dataset().size(),
          validation == null ? 0 : validation.dataset().size(), epochs, Course.mode());
      if (line != null) {
        System.out.println(line);
      }
    }
  }

  /**
   * The estimate line, or null for a short training.
   *
   * @param perBatch seconds per training batch, measured
   * @param batches training batches per epoch
   * @param trainImages images per training epoch
   * @param validationImages images evaluated after each epoch
   */
  static String line(double perBatch, int batches, int trainImages, int validationImages, int epochs, CourseMode mode) {
    double perImage = perBatch * batches / Math.max(1, trainImages);
    double perEpoch = perBatch * batches + perImage * EVAL_COST * validationImages;
    double all = perEpoch * epochs;
    if (all < LONG) {
      return null;
    }
    String shorter =
        switch (mode) {
          case FULL -> "줄이려면 셀의 에폭 수를 줄이거나, 커널을 COURSE_MODE=class(수업용: 에폭을 줄인 설정)나"
              + " COURSE_MODE=quick(몇 초짜리 연습)으로 다시 시작하세요.";
          case CLASS -> "줄이려면 셀의 에폭 수를 줄이거나, 커널을 COURSE_MODE=quick(몇 초짜리 연습)으로 다시 시작하세요.";
          case QUICK -> "줄이려면 셀의 에폭 수나 데이터 크기를 줄이세요.";
        };
    return "예상 학습 시간 (이 컴퓨터에서 처음 배치 " + TIMED + "개로 잰 값): 에폭당 약 " + Numbers.duration(perEpoch)
        + ", " + epochs + " 에폭 모두 약 " + Numbers.duration(all) + ". " + shorter
        + " ■(중지)로 언제든 멈출 수 있고, 모델은 마지막으로 끝난 배치까지 학습한 가중치를 갖습니다.";
  }
}
