package dev.atrium.delivery;

import java.util.List;

/**
 * A frame from a client: every field a client frame of the protocol may have; which ones matter
 * depends on {@code type} ({@code send}, {@code ack}, {@code ack_items}, {@code typing}, {@code
 * read}, {@code ping}). A {@code send} frame is handed whole to the {@link ConversationLog}.
 */
public record ClientFrame(
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
    List<String> removeDeviceIds) {

  /** A commit's change to the group's accounts. */
  public record Membership(List<String> addAccountIds, List<String> removeAccountIds) {}

  /** A Welcome and the devices it is for. */
  public record Welcome(String ciphertext, List<String> deviceIds) {}
}
