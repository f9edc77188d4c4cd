package dev.atrium.sdk;

import java.time.Instant;
import java.util.List;

/** Shapes of mini-program login, consent, the access log and per-user storage. */
public final class MiniAppUserModels {
  private MiniAppUserModels() {}

  public record LoginCode(String code, Instant expiresAt) {}

  public record Exchanged(String openId, List<String> grantedScopes) {}

  public record Grant(String scope, Instant grantedAt) {}

  public record Consents(List<Grant> grants) {}

  public record UsedApp(
      String appId,
      String name,
      String icon,
      boolean live,
      List<Grant> grants,
      Instant firstUsedAt,
      Instant lastUsedAt) {}

  public record UsedApps(List<UsedApp> items) {}

  public record Access(String id, String kind, Instant at) {}

  public record AccessLog(List<Access> items) {}

  public record Profile(String openId, String displayName) {}

  public record StorageKeys(List<String> keys) {}

  public record StorageItem(String key, String value) {}

  record ExchangeRequest(String code) {}

  record ConsentRequest(String scope) {}

  record AccessRequest(String kind) {}

  record StorageValue(String value) {}
}
