package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A corrected copy of rapaio-jupyter-kernel 3.0.1's channel loop, put before the kernel jar on the
 * kernel's class path by install-kernel.sh (same name, same public API).
 *
 * <p>Two fixes. (1) 3.0.1 sets {@code running = true} after {@code Thread.start()}, so a loop
 * thread scheduled at once sees {@code false} and ends: about one kernel start in six on a 2-core
 * machine never answered a request. (2) An exception in the loop body (a request that arrives
 * before the kernel registered its handlers) ended the channel's thread for good; now it is logged
 * and the loop goes on, and the client's retried request is served.
 */
public final class LoopThread extends Thread {

  private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());

  private volatile boolean running = false;
  private final long sleep;
  private final Runnable loopBody;

  public LoopThread(String name, long sleep, Runnable loopBody) {
    super(name);
    this.sleep = sleep;
    this.loopBody = loopBody;
  }

  @Override
  public void run() {
    while (running) {
      try {
        loopBody.run();
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, getName() + ": request failed, channel continues", e);
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        running = false;
        return;
      }
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    super.start();
  }

  public void shutdown() {
    running = false;
  }
}
