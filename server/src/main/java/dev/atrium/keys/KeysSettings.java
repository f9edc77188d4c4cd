package dev.atrium.keys;

/**
 * Operator settings of the key directory.
 *
 * @param keyPackageBytesMax largest key package (decoded), so one device cannot fill storage
 * @param keyPackagesPerDeviceMax one-time key packages stored per device at once
 * @param keyPackagesPerUploadMax key packages in one upload request
 */
public record KeysSettings(int keyPackageBytesMax, int keyPackagesPerDeviceMax, int keyPackagesPerUploadMax) {
  public KeysSettings {
    if (keyPackageBytesMax < 256 || keyPackageBytesMax > 1_048_576) {
      throw new IllegalArgumentException("keyPackageBytesMax must be between 256 and 1048576");
    }
    if (keyPackagesPerDeviceMax < 1 || keyPackagesPerDeviceMax > 10_000) {
      throw new IllegalArgumentException("keyPackagesPerDeviceMax must be between 1 and 10000");
    }
    if (keyPackagesPerUploadMax < 1 || keyPackagesPerUploadMax > keyPackagesPerDeviceMax) {
      throw new IllegalArgumentException("keyPackagesPerUploadMax must be between 1 and keyPackagesPerDeviceMax");
    }
  }
}
