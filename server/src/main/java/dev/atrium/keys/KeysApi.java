package dev.atrium.keys;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the key-directory endpoints. Keys and key packages are standard base64. */
final class KeysApi {
  private KeysApi() {}

  record RegisterIdentityKeyRequest(
      @Required @Description("The MLS ciphersuite id (RFC 9420), e.g. 1.") Integer ciphersuite,
      @Required @Description("The device's MLS signature public key, standard base64.")
          String signaturePublicKey) {}

  record DeviceKeyResponse(
      @Required String deviceId,
      @Required int ciphersuite,
      @Required @Description("Standard base64.") String signaturePublicKey,
      @Required Instant createdAt) {
    static DeviceKeyResponse of(DeviceKey key) {
      return new DeviceKeyResponse(
          key.deviceId(),
          key.ciphersuite(),
          key.signaturePublicKey(),
          Instant.ofEpochMilli(key.createdAtMillis()));
    }
  }

  record KeyPackageUpload(
      @Required @Description("The MLS ciphersuite id the key package is for.") Integer ciphersuite,
      @Required @Description("The serialised KeyPackage, standard base64.") String data) {}

  record UploadKeyPackagesRequest(
      @Description("One-time key packages; each is handed out at most once.")
          List<KeyPackageUpload> keyPackages,
      @Description(
              "Replaces the device's last-resort key package, handed out when no one-time one is left.")
          KeyPackageUpload lastResort) {}

  record KeyPackageCountResponse(
      @Required @Description("One-time key packages this device has stored.") int count,
      @Required @Description("Whether this device has a last-resort key package.")
          boolean lastResort) {
    static KeyPackageCountResponse of(KeyPackageCount count) {
      return new KeyPackageCountResponse(count.count(), count.lastResort());
    }
  }

  record ClaimKeyPackagesRequest(
      @Required @Description("Only key packages for this MLS ciphersuite id are handed out.")
          Integer ciphersuite) {}

  record ClaimedKeyPackageResponse(
      @Required String deviceId,
      @Required int ciphersuite,
      @Required @Description("The serialised KeyPackage, standard base64.") String data,
      @Required
          @Description("True for the device's last-resort key package, which others may get too.")
          boolean lastResort) {
    static ClaimedKeyPackageResponse of(ClaimedKeyPackage claimed) {
      return new ClaimedKeyPackageResponse(
          claimed.deviceId(),
          claimed.keyPackage().ciphersuite(),
          claimed.keyPackage().data(),
          claimed.lastResort());
    }
  }

  record ClaimedKeyPackagesResponse(
      @Required
          @Description("At most one per device of the account; devices with none are left out.")
          List<ClaimedKeyPackageResponse> keyPackages) {}
}
