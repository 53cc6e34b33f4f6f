package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * rapaio-jupyter-kernel 3.0.1's iopub channel, with sends that a stop request cannot cut in half. A
 * cell's output (stream text, a progress bar's display updates) is sent from the cell's own
 * thread; the stop button interrupts that thread, and an interrupt that lands while ZeroMQ writes
 * to its NIO pipes closes them half-way through a multipart message: the next message's frames then
 * follow the cut one, and Jupyter rejects it ("Invalid Signature"). Sending and stopping now share
 * {@link #SEND}: a cell is interrupted (or stopped by force) only between two messages, and a
 * pending interrupt is held back during a send and restored after it.
 */
public final class IOPubChannel extends AbstractChannel {

  private static final Logger LOGGER = Logger.getLogger(IOPubChannel.class.getSimpleName());

  /** Held while a message is sent; whoever interrupts a cell's thread holds it too. */
  public static final Object SEND = new Object();

  public IOPubChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator) {
    super(channels, "IOPubChannel", context, SocketType.PUB, hmacGenerator);
  }

  @Override
  public void bind(ConnectionProperties connProps) {
    String addr = connProps.formatAddress(connProps.iopubPort());
    LOGGER.info(logPrefix + "Binding iopub to " + addr);
    socket.bind(addr);
  }

  @Override
  public void sendMessage(Message<?> message) {
    synchronized (SEND) {
      boolean interrupted = Thread.interrupted(); // ZeroMQ's NIO writes would fail on a pending interrupt
      try {
        super.sendMessage(message);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
