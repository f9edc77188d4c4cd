package dev.atrium.keys;

/**
 * A device's MLS signature public key (standard base64), registered once and never replaced, with
 * how many one-time key packages the device has stored.
 */
record DeviceKey(
    String deviceId,
    String accountId,
    int ciphersuite,
    String signaturePublicKey,
    int keyPackageCount,
    long createdAtMillis) {}
