package dev.atrium.keys;

import java.time.Instant;
import java.util.List;

/**
 * The keys section of an account export: each device's identity key and how many key packages it
 * stores.
 */
record KeysExport(List<ExportedDeviceKey> devices) {

  /** Public keys only; the key packages themselves are left out, they are for others to claim. */
  record ExportedDeviceKey(
      String deviceId,
      int ciphersuite,
      String signaturePublicKey,
      Instant createdAt,
      int keyPackageCount,
      boolean lastResortKeyPackage) {
    static ExportedDeviceKey of(DeviceKey device, boolean lastResort) {
      return new ExportedDeviceKey(
          device.deviceId(),
          device.ciphersuite(),
          device.signaturePublicKey(),
          Instant.ofEpochMilli(device.createdAtMillis()),
          device.keyPackageCount(),
          lastResort);
    }
  }
}
