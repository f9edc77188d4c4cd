package dev.atrium.wallet;

/** A transfer inside a 1:1 chat, held in escrow until accepted, declined or refunded. */
record ChatTransfer(
    String id,
    String conversationId,
    String senderAccountId,
    String recipientAccountId,
    long amountCents,
    String memo,
    Status status,
    long createdAtMillis,
    long expiresAtMillis,
    Long resolvedAtMillis,
    String holdPostingId,
    String resolvePostingId) {

  enum Status {
    PENDING,
    ACCEPTED,
    DECLINED,
    REFUNDED
  }

  boolean involves(String accountId) {
    return senderAccountId.equals(accountId) || recipientAccountId.equals(accountId);
  }
}
