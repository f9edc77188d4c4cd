package dev.atrium.sdk;

import java.time.Instant;
import java.util.List;

/** Shapes of the mini-program registry's endpoints. */
public final class MiniAppModels {
  private MiniAppModels() {}

  public record ScopeRequest(String scope, String reason) {}

  /** A registration or an edit; null fields are left out of an edit. */
  public record Listing(
      String name,
      String icon,
      String category,
      String description,
      List<String> languages,
      List<String> domains,
      List<ScopeRequest> scopes,
      String webhookUrl) {}

  /** The whole app; {@code secret} only in the answers to registering and rotating. */
  public record MiniApp(
      String appId,
      String ownerAccountId,
      String name,
      String icon,
      String category,
      String description,
      List<String> languages,
      List<String> domains,
      List<ScopeRequest> scopes,
      String webhookUrl,
      String status,
      String statusReason,
      Instant createdAt,
      Instant updatedAt,
      String secret,
      String webhookSecret) {

    /** The bearer credentials of the app's server: {@code <appId>.<secret>}. */
    public String credentials() {
      return appId + "." + secret;
    }
  }

  public record MiniAppList(List<MiniApp> items) {}

  /** What users see of an approved app. */
  public record CatalogueEntry(
      String appId,
      String name,
      String icon,
      String category,
      String description,
      List<String> languages,
      List<ScopeRequest> scopes,
      String origin,
      Integer liveVersionCode,
      String liveVersionName) {}

  /** A permission a bundle's manifest asks for: a registered scope and the reason. */
  public record Permission(String name, String reason) {}

  /** One file of a version. */
  public record VersionFile(String path, long sizeBytes, String sha256, String contentType) {}

  /** One uploaded bundle; {@code files} only in the answers to an upload and to {@code version}. */
  public record Version(
      String appId,
      int code,
      String name,
      String status,
      String statusReason,
      String colorScheme,
      List<Permission> permissions,
      long bundleBytes,
      Instant createdAt,
      Instant decidedAt,
      Instant releasedAt,
      List<VersionFile> files) {}

  public record VersionList(List<Version> items) {}

  public record Catalogue(List<CatalogueEntry> items) {}

  record Decision(String reason) {}

  /** A new webhook signing secret ({@code whsec_...}), shown only once. */
  public record WebhookSecret(String webhookSecret) {}

  /** One event of an app's webhook delivery log. */
  public record WebhookEvent(
      String id,
      String type,
      String status,
      Instant createdAt,
      int attempts,
      Instant nextAttemptAt,
      Instant lastAttemptAt,
      Integer lastStatusCode,
      String lastError,
      Instant deliveredAt,
      String body) {}

  /** One page of the delivery log, newest first; {@code nextCursor} is null at the end. */
  public record WebhookEventList(List<WebhookEvent> items, String nextCursor) {}

  /** The merchant account a mini-program's payments land in. */
  public record MerchantLink(String appId, String merchantId, String merchantName) {}
}
