package dev.atrium.contacts;

/** A pending friend request; it is deleted once accepted, declined or cancelled. */
record ContactRequest(
    String id,
    String senderAccountId,
    String recipientAccountId,
    String note,
    long createdAtMillis) {

  /** The other party, seen from {@code accountId}. */
  String counterpartOf(String accountId) {
    return senderAccountId.equals(accountId) ? recipientAccountId : senderAccountId;
  }
}
