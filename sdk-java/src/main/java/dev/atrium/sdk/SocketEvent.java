package dev.atrium.sdk;

import dev.atrium.sdk.MessagingModels.Envelope;
import dev.atrium.sdk.MessagingModels.Item;
import java.util.List;

/** Something the server pushed over a device's WebSocket. */
public sealed interface SocketEvent {
  /** Envelopes of one conversation, oldest first; sequence numbers may repeat after a reconnect. */
  record Envelopes(String conversationId, List<Envelope> envelopes) implements SocketEvent {}

  /**
   * An item for this device, such as a Welcome; acknowledge it with {@link DeviceSocket#ackItems}.
   */
  record ItemReceived(Item item) implements SocketEvent {}

  record Typing(String conversationId, String accountId, String deviceId) implements SocketEvent {}

  record Read(String conversationId, String accountId, long seq) implements SocketEvent {}

  /**
   * How far member accounts have received the conversation: each mark says at least one device of
   * {@code accountId} acknowledged envelopes up to {@code seq}.
   */
  record Delivered(String conversationId, List<DeliveredMark> marks) implements SocketEvent {}

  record DeliveredMark(String accountId, long seq) {}

  /** "removed" (this device left the group), "left" or "join_requested" (accountId says who). */
  record Membership(String conversationId, String event, String accountId) implements SocketEvent {}

  /**
   * A member's new device uploaded its first key packages: a member device should add it to the
   * group.
   */
  record DeviceAdded(String conversationId, String accountId, String deviceId)
      implements SocketEvent {}

  /**
   * A member's device lost its group state and asks to be added again (removed and welcomed by one
   * commit).
   */
  record RejoinRequested(String conversationId, String accountId, String deviceId)
      implements SocketEvent {}

  /** The catch-up that follows connecting is complete. */
  record Ready(int conversations, int pendingItems) implements SocketEvent {}

  /** The server refused a frame that was not a send (sends fail their future instead). */
  // Part of the SDK's API and always written SocketEvent.Error, so it never stands for
  // java.lang.Error.
  @SuppressWarnings("AvoidCommonTypeNames")
  record Error(int status, String code, String message, String conversationId)
      implements SocketEvent {}

  record Pong() implements SocketEvent {}

  /** A mini-program's notice arrived in the account's "Mini-program notifications" chat. */
  record MiniAppNotice(
      String noticeId,
      String appId,
      String appName,
      String title,
      String body,
      String path,
      long createdAt)
      implements SocketEvent {}

  /** The socket closed; no more events follow. */
  record Closed(int code, String reason) implements SocketEvent {}
}
