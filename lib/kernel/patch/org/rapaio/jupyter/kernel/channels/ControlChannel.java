package org.rapaio.jupyter.kernel.channels;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.jupyter.kernel.message.messages.ShellKernelInfoReply;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * rapaio-jupyter-kernel 3.0.1's control channel, with interrupt requests answered here (see
 * lib/kernel/patch/README.md). In 3.0.1 an interrupt went through the state the shell channel uses
 * for the running cell (its message id and its stack of "after" actions), so the interrupt ran the
 * cell's closing actions itself: output went to the server's terminal, the error lost its parent,
 * and later cells showed nothing. Now the reply goes out on this channel and the kernel is asked to
 * stop the cell; everything else about the cell stays with the shell channel. A kernel_info request
 * (Jupyter's server sends one here whenever a browser connects) is answered here too, on this channel.
 */
public final class ControlChannel extends AbstractChannel {

  private static final Logger LOGGER = Logger.getLogger(ControlChannel.class.getSimpleName());
  private static final long LOOP_SLEEP = 50;
  private static final AtomicInteger ID = new AtomicInteger();

  private volatile LoopThread loopThread;

  public ControlChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator) {
    super(channels, "ControlChannel", context, SocketType.ROUTER, hmacGenerator);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void bind(ConnectionProperties connProps) {
    if (loopThread != null) {
      throw new IllegalStateException("Channel already bound.");
    }
    String channelThreadName = "Control-" + ID.getAndIncrement();
    socket.bind(connProps.formatAddress(connProps.controlPort()));
    ZMQ.Poller poller = ctx.poller(1);
    poller.register(socket, ZMQ.Poller.POLLIN);

    this.loopThread =
        new LoopThread(
            channelThreadName,
            LOOP_SLEEP,
            () -> {
              if (poller.poll(0) <= 0) {
                return;
              }
              Message<?> message = readMessage();
              var type = message.header().type();
              if (type == MessageType.CONTROL_INTERRUPT_REQUEST) {
                sendMessage(new Message<>(message.getId(), MessageType.CONTROL_INTERRUPT_REPLY, new ControlInterruptReply()));
                MainApp.kernel.interrupt();
                return;
              }
              if (type == MessageType.SHELL_KERNEL_INFO_REQUEST) {
                sendMessage(new Message<>(message.getId(), MessageType.SHELL_KERNEL_INFO_REPLY, kernelInfo()));
                return;
              }
              MessageHandler handler = channels.getHandler(type);
              if (handler == null) {
                LOGGER.severe(logPrefix + "Unhandled message: " + type.name());
                return;
              }
              channels.setMsgId(message.getId());
              try {
                handler.handle(message);
              } catch (Exception e) {
                LOGGER.severe(logPrefix + "Exception handling " + type.name() + ". "
                    + e.getClass().getSimpleName() + ": " + e.getLocalizedMessage());
              } finally {
                channels.runAfterActions();
              }
              if (channels.isMarkedForShutdown()) {
                channels.close();
              }
            });
    loopThread.start();
  }

  /**
   * The kernel's own kernel_info reply (RapaioKernel.kernelInfo(), private in 3.0.1). Jupyter's
   * server asks for it on this channel and on the shell channel every time a browser connects (its
   * "nudge", repeated every 0.5 s until answered), also while a cell runs. Through the shell's
   * handler it changed the running cell's message id and ran that cell's closing actions: the cell
   * never finished in JupyterLab, and its later output went out without a parent.
   */
  private static ShellKernelInfoReply kernelInfo() {
    try {
      Method info = RapaioKernel.class.getDeclaredMethod("kernelInfo");
      info.setAccessible(true);
      return (ShellKernelInfoReply) info.invoke(MainApp.kernel);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("kernel_info: " + e, e);
    }
  }

  @Override
  public void close() {
    if (loopThread != null) {
      loopThread.shutdown();
    }
    super.close();
  }

  @Override
  public void joinUntilClose() {
    if (this.loopThread != null) {
      try {
        this.loopThread.join();
      } catch (InterruptedException ignored) {
        // closing
      }
    }
  }
}
