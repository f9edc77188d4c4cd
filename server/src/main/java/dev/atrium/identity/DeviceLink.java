package dev.atrium.identity;

/**
 * A new browser's request to become a device of whichever account approves it. The approving
 * account is unknown until a logged-in device of it approves.
 */
record DeviceLink(
    String codeHash,
    String deviceName,
    Status status,
    String accountId,
    long createdAtMillis,
    long expiresAtMillis) {

  enum Status {
    PENDING,
    APPROVED,
    DECLINED
  }

  boolean isExpired(long nowMillis) {
    return nowMillis >= expiresAtMillis;
  }
}
