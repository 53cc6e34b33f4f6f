package org.rapaio.jupyter.kernel.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;
import org.rapaio.jupyter.kernel.message.messages.IOPubStream;

/** The patched header (lib/kernel/patch): JupyterLab 4 drops a message whose header has no session. */
class HeaderPatchTest {

  private static JsonObject sentHeader(Message<?> message) {
    return JsonParser.parseString(new String(Transform.toJsonBytes(message.header()), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }

  @Test
  void aMessageWithoutParentCarriesTheKernelSession() {
    JsonObject header = sentHeader(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
    assertEquals(Header.KERNEL_SESSION, header.get("session").getAsString());
    JsonObject late =
        sentHeader(new Message<>(null, MessageType.IOPUB_STREAM, new IOPubStream(IOPubStream.StreamName.OUT, "x")));
    assertEquals(Header.KERNEL_SESSION, late.get("session").getAsString());
    assertEquals("kernel", late.get("username").getAsString());
  }

  @Test
  void aReplyCarriesItsRequestsSession() {
    Header<Object> request =
        new Header<>("m1", "student", "browser-session", "2026-11-25T00:00Z", MessageType.UNKNOWN, "5.4");
    MessageId<Object> parent = new MessageId<>(List.of(), request);
    JsonObject header = sentHeader(new Message<>(parent, MessageType.IOPUB_STATUS, IOPubStatus.BUSY));
    assertEquals("browser-session", header.get("session").getAsString());
    assertNotEquals(Header.KERNEL_SESSION, header.get("session").getAsString());
  }
}
