package dev.atrium.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.sdk.KeyModels.ClaimedKeyPackage;
import dev.atrium.sdk.KeyModels.DeviceKey;
import dev.atrium.sdk.KeyModels.KeyPackage;
import dev.atrium.sdk.KeyModels.KeyPackageCount;
import java.util.List;

/**
 * The MLS key directory, as the device of the {@link AtriumClient} it came from: register this
 * device's signature key, keep key packages stocked, and claim other people's key packages to add
 * them to a group. Immutable and thread-safe.
 */
public final class KeysClient {
  private final AtriumClient client;

  KeysClient(AtriumClient client) {
    this.client = client;
  }

  /** Registers this device's signature key; the same key again is accepted, another is refused. */
  public DeviceKey registerIdentityKey(int ciphersuite, byte[] signaturePublicKey) {
    return client.send(
        "PUT",
        "/api/v1/devices/current/identity-key",
        new KeyModels.IdentityKeyRegistration(ciphersuite, signaturePublicKey),
        DeviceKey.class);
  }

  /** The account's devices with their keys (own account or a contact's). */
  public List<DeviceKey> devices(String accountId) {
    return client.send(
        "GET",
        "/api/v1/accounts/" + AtriumClient.encode(accountId) + "/devices",
        null,
        new TypeReference<List<DeviceKey>>() {});
  }

  /** Stores one-time key packages and, if not null, replaces the last-resort one. */
  public KeyPackageCount upload(List<KeyPackage> keyPackages, KeyPackage lastResort) {
    return client.send(
        "POST",
        "/api/v1/devices/current/key-packages",
        new KeyModels.KeyPackageUpload(keyPackages, lastResort),
        KeyPackageCount.class);
  }

  public KeyPackageCount count() {
    return client.send(
        "GET", "/api/v1/devices/current/key-packages/count", null, KeyPackageCount.class);
  }

  /** Takes one key package per device of the account for the ciphersuite. */
  public List<ClaimedKeyPackage> claim(String accountId, int ciphersuite) {
    return client
        .send(
            "POST",
            "/api/v1/accounts/" + AtriumClient.encode(accountId) + "/key-packages/claim",
            new KeyModels.ClaimRequest(ciphersuite),
            KeyModels.ClaimedKeyPackages.class)
        .keyPackages();
  }
}
