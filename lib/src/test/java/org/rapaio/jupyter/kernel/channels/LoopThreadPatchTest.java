package org.rapaio.jupyter.kernel.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The patched channel loop (lib/kernel/patch) that install-kernel.sh puts before the kernel jar. */
class LoopThreadPatchTest {

  @Test
  void everyStartedLoopRuns() throws Exception {
    // rapaio 3.0.1 set running=true after start(): a loop scheduled at once ended before its first
    // turn. Busy threads on every core make the starting thread lose its core more often.
    int loops = 500;
    CountDownLatch ran = new CountDownLatch(loops);
    LoopThread[] threads = new LoopThread[loops];
    AtomicBoolean busy = new AtomicBoolean(true);
    Thread[] spinners = new Thread[Runtime.getRuntime().availableProcessors()];
    for (int i = 0; i < spinners.length; i++) {
      spinners[i] = new Thread(() -> {
        while (busy.get()) {
          Thread.onSpinWait();
        }
      });
      spinners[i].start();
    }
    try {
      for (int i = 0; i < loops; i++) {
        threads[i] = new LoopThread("loop-" + i, 60_000, ran::countDown);
        threads[i].start();
      }
    } finally {
      busy.set(false);
    }
    boolean all = ran.await(30, TimeUnit.SECONDS);
    for (LoopThread t : threads) {
      t.shutdown();
      t.interrupt();
    }
    assertTrue(all, ran.getCount() + " of " + loops + " loops never ran");
  }

  @Test
  void aFailingTurnDoesNotEndTheLoop() throws Exception {
    AtomicInteger turns = new AtomicInteger();
    CountDownLatch third = new CountDownLatch(3);
    LoopThread loop =
        new LoopThread(
            "failing",
            1,
            () -> {
              turns.incrementAndGet();
              third.countDown();
              throw new NullPointerException("handlers not registered yet");
            });
    loop.start();
    assertTrue(third.await(10, TimeUnit.SECONDS), "the loop stopped after " + turns.get());
    loop.shutdown();
    loop.join(5_000);
    assertEquals(Thread.State.TERMINATED, loop.getState());
  }
}
