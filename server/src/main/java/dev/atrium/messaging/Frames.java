package dev.atrium.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON frames of the messaging WebSocket protocol (version 1). Client frames name a
 * {@code type}; server frames always carry one. Binary payloads are base64 strings.
 */
final class Frames {
  private Frames() {}

  /** Every field a client frame may have; which ones matter depends on {@code type}. */
  record ClientFrame(
      String type,
      String conversationId,
      String clientMessageId,
      String kind,
      Long epoch,
      String ciphertext,
      Long seq,
      List<String> itemIds,
      Membership membership,
      Welcome welcome,
      List<String> removeDeviceIds) {}

  /** A commit's change to the group's accounts. */
  record Membership(List<String> addAccountIds, List<String> removeAccountIds) {}

  /** A Welcome and the devices it is for. */
  record Welcome(String ciphertext, List<String> deviceIds) {}

  // Server to client.

  record EnvelopeView(long seq, String senderAccountId, String senderDeviceId, String kind, long epoch,
      String ciphertext, long createdAt) {
    static EnvelopeView of(Envelope envelope) {
      return new EnvelopeView(envelope.seq(), envelope.senderAccountId(), envelope.senderDeviceId(),
          envelope.kind().wireName(), envelope.epoch(), Base64s.encode(envelope.ciphertext()),
          envelope.createdAtMillis());
    }
  }

  record EnvelopesFrame(String type, String conversationId, List<EnvelopeView> envelopes) {
    EnvelopesFrame(String conversationId, List<EnvelopeView> envelopes) {
      this("envelopes", conversationId, envelopes);
    }
  }

  record ItemFrame(String type, String itemId, String kind, String conversationId, long seq, String payload) {
    static ItemFrame of(DeviceItem item) {
      return new ItemFrame("item", item.id(), item.kind(), item.conversationId(), item.seq(),
          Base64s.encode(item.payload()));
    }
  }

  record SentFrame(String type, String conversationId, String clientMessageId, long seq, long epoch,
      boolean duplicate) {
    static SentFrame of(SendResult result) {
      return new SentFrame("sent", result.conversationId(), result.clientMessageId(), result.seq(), result.epoch(),
          result.duplicate());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ErrorFrame(String type, int status, String code, String message, String clientMessageId,
      String conversationId, Long currentEpoch) {
    ErrorFrame(int status, String code, String message, String clientMessageId, String conversationId,
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

  /** How far an account has received a conversation: at least one of its devices acknowledged up to seq. */
  record DeliveredMark(String accountId, long seq) {}

  record DeliveredFrame(String type, String conversationId, List<DeliveredMark> marks) {
    DeliveredFrame(String conversationId, List<DeliveredMark> marks) {
      this("delivered", conversationId, marks);
    }
  }

  /** Tells a device about membership it must act on: it was removed, or someone left or asked to join. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MembershipFrame(String type, String conversationId, String event, String accountId) {
    MembershipFrame(String conversationId, String event, String accountId) {
      this("membership", conversationId, event, accountId);
    }
  }

  /**
   * About one device of a member: {@code device_added} (a new device became claimable) or
   * {@code rejoin} (a leaf lost its group state and asks to be added again). Either way some
   * member's device should commit its add.
   */
  record DeviceMembershipFrame(String type, String conversationId, String event, String accountId, String deviceId) {
    static DeviceMembershipFrame deviceAdded(String conversationId, String accountId, String deviceId) {
      return new DeviceMembershipFrame("membership", conversationId, "device_added", accountId, deviceId);
    }

    static DeviceMembershipFrame rejoin(String conversationId, String accountId, String deviceId) {
      return new DeviceMembershipFrame("membership", conversationId, "rejoin", accountId, deviceId);
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
