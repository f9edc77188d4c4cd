package dev.atrium.notifications;

/**
 * A device's Web Push subscription as the browser's PushManager made it.
 *
 * @param p256dh the browser's P-256 public key, uncompressed (65 bytes), base64url without padding
 * @param auth the browser's 16-byte authentication secret, base64url without padding
 * @param lastPushedAtMillis when the device was last woken; null before the first wake-up
 */
record PushSubscription(
    String deviceId,
    String accountId,
    String endpoint,
    String p256dh,
    String auth,
    long createdAtMillis,
    Long lastPushedAtMillis) {}
