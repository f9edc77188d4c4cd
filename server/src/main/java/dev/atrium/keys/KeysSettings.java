package dev.atrium.keys;

import dev.atrium.platform.config.ConfigException;
import dev.atrium.platform.config.ConfigTree;

/**
 * Operator settings of the key directory.
 *
 * @param keyPackageBytesMax largest key package (decoded), so one device cannot fill storage
 * @param keyPackagesPerDeviceMax one-time key packages stored per device at once
 * @param keyPackagesPerUploadMax key packages in one upload request
 */
public record KeysSettings(
    int keyPackageBytesMax, int keyPackagesPerDeviceMax, int keyPackagesPerUploadMax) {
  public KeysSettings {
    if (keyPackageBytesMax < 256 || keyPackageBytesMax > 1_048_576) {
      throw new IllegalArgumentException("keyPackageBytesMax must be between 256 and 1048576");
    }
    if (keyPackagesPerDeviceMax < 1 || keyPackagesPerDeviceMax > 10_000) {
      throw new IllegalArgumentException("keyPackagesPerDeviceMax must be between 1 and 10000");
    }
    if (keyPackagesPerUploadMax < 1 || keyPackagesPerUploadMax > keyPackagesPerDeviceMax) {
      throw new IllegalArgumentException(
          "keyPackagesPerUploadMax must be between 1 and keyPackagesPerDeviceMax");
    }
  }

  /** Reads the {@code keys.*} settings. */
  public static KeysSettings read(ConfigTree config) {
    int storedMax = config.integer("keys.keyPackagesPerDeviceMax", null, 200, 1, 10_000);
    int uploadMax =
        config.integer("keys.keyPackagesPerUploadMax", null, Math.min(100, storedMax), 1, 10_000);
    if (uploadMax > storedMax) {
      throw new ConfigException(
          "keys.keyPackagesPerUploadMax must not exceed keys.keyPackagesPerDeviceMax");
    }
    return new KeysSettings(
        config.integer("keys.keyPackageBytesMax", null, 16_384, 256, 1_048_576),
        storedMax,
        uploadMax);
  }
}
