package dev.atrium.sdk;

import dev.atrium.sdk.MiniAppUserModels.AccessLog;
import dev.atrium.sdk.MiniAppUserModels.Consents;
import dev.atrium.sdk.MiniAppUserModels.LoginCode;
import dev.atrium.sdk.MiniAppUserModels.Profile;
import dev.atrium.sdk.MiniAppUserModels.StorageItem;
import dev.atrium.sdk.MiniAppUserModels.StorageKeys;
import dev.atrium.sdk.MiniAppUserModels.UsedApps;

/**
 * What a signed-in user's host client does for mini-programs: login codes, consents, the profile
 * read, the access log and the app's per-user storage. Immutable and thread-safe.
 */
public final class MiniAppUsersClient {
  private final AtriumClient client;

  MiniAppUsersClient(AtriumClient client) {
    this.client = client;
  }

  public LoginCode login(String appId) {
    return client.send("POST", app(appId) + "/login", null, LoginCode.class);
  }

  public Consents grant(String appId, String scope) {
    return client.send(
        "POST",
        app(appId) + "/consents",
        new MiniAppUserModels.ConsentRequest(scope),
        Consents.class);
  }

  public void revoke(String appId, String scope) {
    client.send("DELETE", me(appId) + "/consents/" + AtriumClient.encode(scope), null, Void.class);
  }

  public void revokeAll(String appId) {
    client.send("DELETE", me(appId), null, Void.class);
  }

  public UsedApps used() {
    return client.send("GET", "/api/v1/me/miniapps", null, UsedApps.class);
  }

  /** Newest first; {@code beforeMillis} may be null for the first page. */
  public AccessLog accessLog(String appId, int limit, Long beforeMillis) {
    String query = "?limit=" + limit + (beforeMillis == null ? "" : "&before=" + beforeMillis);
    return client.send("GET", me(appId) + "/access-log" + query, null, AccessLog.class);
  }

  public Profile profile(String appId) {
    return client.send("GET", app(appId) + "/profile", null, Profile.class);
  }

  public void logLocation(String appId) {
    client.send(
        "POST",
        app(appId) + "/access-log",
        new MiniAppUserModels.AccessRequest("location"),
        Void.class);
  }

  public StorageKeys storageKeys(String appId) {
    return client.send("GET", app(appId) + "/storage", null, StorageKeys.class);
  }

  public StorageItem storageGet(String appId, String key) {
    return client.send("GET", item(appId, key), null, StorageItem.class);
  }

  public void storagePut(String appId, String key, String value) {
    client.send("PUT", item(appId, key), new MiniAppUserModels.StorageValue(value), Void.class);
  }

  public void storageDelete(String appId, String key) {
    client.send("DELETE", item(appId, key), null, Void.class);
  }

  private static String app(String appId) {
    return "/api/v1/miniapps/" + AtriumClient.encode(appId);
  }

  private static String me(String appId) {
    return "/api/v1/me/miniapps/" + AtriumClient.encode(appId);
  }

  private static String item(String appId, String key) {
    return app(appId) + "/storage/" + AtriumClient.encode(key);
  }
}
