package dev.atrium.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of Atrium's MLS key directory, as the SDK reads and writes them. Keys and key
 * packages are bytes here; on the wire they are standard base64.
 */
public final class KeyModels {
  private KeyModels() {}

  /** A device's MLS signature public key. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DeviceKey(
      String deviceId, int ciphersuite, byte[] signaturePublicKey, Instant createdAt) {}

  /** A serialised MLS KeyPackage for one ciphersuite, as uploaded. */
  public record KeyPackage(int ciphersuite, byte[] data) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record KeyPackageCount(int count, boolean lastResort) {}

  /**
   * A key package handed out for one device; {@code lastResort} ones may be handed out to others
   * too.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ClaimedKeyPackage(
      String deviceId, int ciphersuite, byte[] data, boolean lastResort) {}

  record IdentityKeyRegistration(int ciphersuite, byte[] signaturePublicKey) {}

  record KeyPackageUpload(List<KeyPackage> keyPackages, KeyPackage lastResort) {}

  record ClaimRequest(int ciphersuite) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ClaimedKeyPackages(List<ClaimedKeyPackage> keyPackages) {}
}
