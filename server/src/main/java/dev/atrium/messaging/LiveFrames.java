package dev.atrium.messaging;

/**
 * The frames the envelope log sends to devices, part of the WebSocket protocol
 * (docs/websocket-protocol.md); delivery writes them as they are. Group administration's frames are
 * {@code groups/GroupFrames}.
 */
final class LiveFrames {
  private LiveFrames() {}

  /** The answer to a {@code send} frame once its envelope is stored (or was already). */
  record SentFrame(
      String type,
      String conversationId,
      String clientMessageId,
      long seq,
      long epoch,
      boolean duplicate) {
    static SentFrame of(SendResult result) {
      return new SentFrame(
          "sent",
          result.conversationId(),
          result.clientMessageId(),
          result.seq(),
          result.epoch(),
          result.duplicate());
    }
  }
}
