package dev.atrium.wallet;

import java.util.List;

/**
 * A red packet: a total split into shares at creation, claimed once each by members of its chat.
 */
record RedPacket(
    String id,
    String conversationId,
    String senderAccountId,
    long totalCents,
    int shareCount,
    Split split,
    String memo,
    Status status,
    int claimedCount,
    long claimedCents,
    long refundedCents,
    long createdAtMillis,
    long expiresAtMillis,
    String holdPostingId,
    String refundPostingId) {

  enum Split {
    EQUAL,
    LUCKY
  }

  enum Status {
    OPEN,
    EMPTY,
    REFUNDED
  }

  /** One share; {@code claimedBy} is null until claimed. */
  record Share(
      int index, long amountCents, String claimedBy, Long claimedAtMillis, String claimPostingId) {}

  /** A red packet with its claimed shares, in claim order. */
  record WithClaims(RedPacket packet, List<Share> claims) {}
}
