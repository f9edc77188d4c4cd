package dev.atrium.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atrium.platform.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The server's JSON frames of the WebSocket protocol (version 1, docs/websocket-protocol.md) that
 * delivery itself writes; features write their own frames (messaging's {@code sent} and device
 * membership notices) through {@link LiveEvents}. Server frames always carry a {@code type}; binary
 * payloads are base64 strings. Client frames are {@link ClientFrame}s.
 */
final class Frames {
  private Frames() {}

  // Server to client.

  /**
   * The {@code envelopes} frames carrying these envelopes in order, as few as fit: each frame is at
   * most {@code frameBytesMax} bytes of UTF-8, except a frame holding one envelope that alone is
   * larger, which is sent anyway so that every stored envelope can be delivered.
   */
  static List<String> envelopeFrames(
      String conversationId, List<Envelope> envelopes, int frameBytesMax) {
    String head =
        "{\"type\":\"envelopes\",\"conversationId\":"
            + Json.write(conversationId)
            + ",\"envelopes\":[";
    String tail = "]}";
    List<String> frames = new ArrayList<>();
    StringBuilder frame = new StringBuilder(head);
    long frameBytes = utf8Bytes(head) + tail.length();
    int count = 0;
    for (Envelope envelope : envelopes) {
      String view = Json.write(EnvelopeView.of(envelope));
      long viewBytes = utf8Bytes(view);
      if (count > 0 && frameBytes + 1 + viewBytes > frameBytesMax) {
        frames.add(frame.append(tail).toString());
        frame = new StringBuilder(head);
        frameBytes = utf8Bytes(head) + tail.length();
        count = 0;
      }
      if (count > 0) {
        frame.append(',');
        frameBytes++;
      }
      frame.append(view);
      frameBytes += viewBytes;
      count++;
    }
    if (count > 0) {
      frames.add(frame.append(tail).toString());
    }
    return frames;
  }

  private static long utf8Bytes(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  record ItemFrame(
      String type, String itemId, String kind, String conversationId, long seq, String payload) {
    static ItemFrame of(DeviceItem item) {
      return new ItemFrame(
          "item",
          item.id(),
          item.kind(),
          item.conversationId(),
          item.seq(),
          Base64.getEncoder().encodeToString(item.payload()));
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ErrorFrame(
      String type,
      int status,
      String code,
      String message,
      String clientMessageId,
      String conversationId,
      Long currentEpoch) {
    ErrorFrame(
        int status,
        String code,
        String message,
        String clientMessageId,
        String conversationId,
        Long currentEpoch) {
      this("error", status, code, message, clientMessageId, conversationId, currentEpoch);
    }
  }

  record TypingFrame(String type, String conversationId, String accountId, String deviceId) {
    TypingFrame(String conversationId, String accountId, String deviceId) {
      this("typing", conversationId, accountId, deviceId);
    }
  }

  record ReadFrame(String type, String conversationId, String accountId, long seq) {
    ReadFrame(String conversationId, String accountId, long seq) {
      this("read", conversationId, accountId, seq);
    }
  }

  /**
   * How far an account has received a conversation: at least one of its devices acknowledged up to
   * seq.
   */
  record DeliveredMark(String accountId, long seq) {}

  record DeliveredFrame(String type, String conversationId, List<DeliveredMark> marks) {
    DeliveredFrame(String conversationId, List<DeliveredMark> marks) {
      this("delivered", conversationId, marks);
    }
  }

  /**
   * Tells a device about membership it must act on: it was removed, or someone left or asked to
   * join.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MembershipFrame(String type, String conversationId, String event, String accountId) {
    MembershipFrame(String conversationId, String event, String accountId) {
      this("membership", conversationId, event, accountId);
    }
  }

  record ReadyFrame(String type, int conversations, int pendingItems) {
    ReadyFrame(int conversations, int pendingItems) {
      this("ready", conversations, pendingItems);
    }
  }

  record PongFrame(String type) {
    static final PongFrame INSTANCE = new PongFrame("pong");
  }
}
