package dev.atrium.keys;

/**
 * Hears that a device uploaded its first key packages, so it can now be added to MLS groups. The
 * composition root hands in messaging's announcement to the device's conversations. Called after
 * the upload committed, on the request's thread; it must not block for long.
 */
@FunctionalInterface
public interface DeviceKeysReady {
  DeviceKeysReady NONE = (accountId, deviceId) -> {};

  void keysReady(String accountId, String deviceId);
}
