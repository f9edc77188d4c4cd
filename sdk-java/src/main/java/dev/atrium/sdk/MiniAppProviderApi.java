package dev.atrium.sdk;

import dev.atrium.sdk.MiniAppUserModels.Exchanged;
import dev.atrium.sdk.MiniAppUserModels.StorageItem;
import dev.atrium.sdk.MiniAppUserModels.StorageKeys;

/**
 * A mini-program's own server calling Atrium with the app's credentials ({@code <appId>.<secret>}):
 * code exchange and per-user storage by openId. Immutable and thread-safe.
 */
public final class MiniAppProviderApi {
  private final AtriumClient client;

  /** A client for the app whose credentials are {@code appId + "." + secret}. */
  public MiniAppProviderApi(AtriumClient base, String credentials) {
    this.client = base.withToken(credentials);
  }

  /** The user's openId and granted scopes for a login code; 400 invalid_login_code otherwise. */
  public Exchanged exchange(String code) {
    return client.send(
        "POST",
        "/api/v1/provider/login-codes/exchange",
        new MiniAppUserModels.ExchangeRequest(code),
        Exchanged.class);
  }

  public StorageKeys storageKeys(String openId) {
    return client.send("GET", base(openId), null, StorageKeys.class);
  }

  public StorageItem storageGet(String openId, String key) {
    return client.send(
        "GET", base(openId) + "/" + AtriumClient.encode(key), null, StorageItem.class);
  }

  public void storagePut(String openId, String key, String value) {
    client.send(
        "PUT",
        base(openId) + "/" + AtriumClient.encode(key),
        new MiniAppUserModels.StorageValue(value),
        Void.class);
  }

  public void storageDelete(String openId, String key) {
    client.send("DELETE", base(openId) + "/" + AtriumClient.encode(key), null, Void.class);
  }

  private static String base(String openId) {
    return "/api/v1/provider/users/" + AtriumClient.encode(openId) + "/storage";
  }
}
