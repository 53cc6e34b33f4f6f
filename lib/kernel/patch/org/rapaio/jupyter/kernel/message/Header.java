package org.rapaio.jupyter.kernel.message;

import com.google.gson.annotations.SerializedName;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * rapaio-jupyter-kernel 3.0.1's message header, with a session on every message. A message the kernel
 * sends without a parent request (its "starting" status, output after a cell has ended) had {@code
 * session: null}, which Gson leaves out; JupyterLab 4 rejects a header without a session ("Kernel
 * message validation error: Missing property 'session'") by throwing in its websocket handler. Such
 * a message now carries the kernel's own session id, and is logged (it is rare and worth seeing).
 */
public record Header<T>(
    @SerializedName("id") String id,
    @SerializedName("username") String username,
    @SerializedName("session") String sessionId,
    @SerializedName("date") String timestamp,
    @SerializedName("msg_type") MessageType<T> type,
    @SerializedName("version") String version) {

  public static final String KERNEL_USERNAME = "kernel";
  public static final String PROTOCOL_VERSION = "5.4";

  /** The session id of this kernel process, for the messages it sends on its own. */
  public static final String KERNEL_SESSION = UUID.randomUUID().toString();

  private static final Logger LOGGER = Logger.getLogger(Header.class.getSimpleName());

  private static final ThreadLocal<DateTimeFormatter> DATE_FORMAT =
      ThreadLocal.withInitial(
          () -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmZ").withZone(TimeZone.getTimeZone("UTC").toZoneId()));

  public Header(MessageId<?> msgId, MessageType<T> type) {
    this(
        UUID.randomUUID().toString(),
        msgId != null ? msgId.header().username() : KERNEL_USERNAME,
        sessionOf(msgId, type),
        DATE_FORMAT.get().format(Instant.now()),
        type,
        PROTOCOL_VERSION);
  }

  private static String sessionOf(MessageId<?> parent, MessageType<?> type) {
    if (parent != null && parent.header().sessionId() != null) {
      return parent.header().sessionId();
    }
    if (parent == null && !MessageType.IOPUB_STATUS.equals(type)) {
      LOGGER.warning(
          "A " + type.name() + " message without a parent request, from thread " + Thread.currentThread().getName());
    }
    return KERNEL_SESSION;
  }
}
