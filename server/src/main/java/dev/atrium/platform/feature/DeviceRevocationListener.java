package dev.atrium.platform.feature;

/**
 * Told after a device's token stopped working (revoked, logged out, password changed, account
 * disabled or deleted), so that open connections of that device can be closed at once.
 */
@FunctionalInterface
public interface DeviceRevocationListener {
  void onDeviceRevoked(String accountId, String deviceId);
}
