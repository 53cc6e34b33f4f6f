package kr.dlcourse.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void aLoopThatDidAllItsWorkEndsFinishedNotStopped() {
    ProgressBar done = ProgressBar.start("학습", 3, "epochs", 1);
    done.update(3, "val_acc 0.9");
    done.close();   // a notebook's own loop closes the bar without finish()
    assertFalse(done.summary().contains("중지됨"), done.summary());
    assertTrue(done.summary().contains("100%"), done.summary());

    ProgressBar cut = ProgressBar.start("학습", 3, "epochs", 1);
    cut.update(1, "");
    cut.close();    // ■ or an error after the first epoch
    assertTrue(cut.summary().startsWith("■ 중지됨"), cut.summary());
  }

  @Test
  void timeLeftIsSaidInKorean() throws InterruptedException {
    ProgressBar bar = ProgressBar.start("학습", 100, "batches", 1);
    Thread.sleep(600);
    bar.update(10, "");
    assertTrue(bar.summary().contains("남은 시간 약 "), bar.summary());
    bar.close();
  }
}
