package dev.atrium.sdk;

import dev.atrium.sdk.MiniAppModels.Catalogue;
import dev.atrium.sdk.MiniAppModels.CatalogueEntry;
import dev.atrium.sdk.MiniAppModels.Listing;
import dev.atrium.sdk.MiniAppModels.MerchantLink;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.sdk.MiniAppModels.MiniAppList;
import dev.atrium.sdk.MiniAppModels.WebhookEvent;
import dev.atrium.sdk.MiniAppModels.WebhookEventList;
import dev.atrium.sdk.MiniAppModels.WebhookSecret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Mini-programs as their provider (device token), users browsing the catalogue (device token), the
 * operator (operator token) and the app's own server (the client's token {@code <appId>.<secret>},
 * see {@link MiniApp#credentials()}). Immutable and thread-safe.
 */
public final class MiniAppsClient {
  private static final String BASE = "/api/v1/miniapps";
  private final AtriumClient client;

  MiniAppsClient(AtriumClient client) {
    this.client = client;
  }

  // Provider

  /** Registers an app for review; the answer's {@code secret} is shown only here. */
  public MiniApp register(Listing listing) {
    return client.send("POST", BASE, listing, MiniApp.class);
  }

  public MiniAppList mine() {
    return client.send("GET", BASE + "/mine", null, MiniAppList.class);
  }

  public MiniApp get(String appId) {
    return client.send("GET", BASE + "/" + AtriumClient.encode(appId), null, MiniApp.class);
  }

  /** Edits the listing; null fields stay as they are. */
  public MiniApp edit(String appId, Listing change) {
    return client.send("PATCH", BASE + "/" + AtriumClient.encode(appId), change, MiniApp.class);
  }

  /** A new secret (in the answer); the old one stops working at once. */
  public MiniApp rotateSecret(String appId) {
    return client.send(
        "POST", BASE + "/" + AtriumClient.encode(appId) + "/secret", null, MiniApp.class);
  }

  /** Uploads a bundle (a zip) as a new version, in review. */
  public MiniAppModels.Version upload(String appId, byte[] zip) {
    RawResponse response = client.raw("POST", versions(appId), "application/zip", zip);
    if (response.status() >= 400) {
      throw AtriumClient.toException(response);
    }
    try {
      return AtriumClient.MAPPER.readValue(response.body(), MiniAppModels.Version.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Unreadable answer to an upload", e);
    }
  }

  /** The app's versions, newest first. */
  public MiniAppModels.VersionList listVersions(String appId) {
    return client.send("GET", versions(appId), null, MiniAppModels.VersionList.class);
  }

  /** One version with its files. */
  public MiniAppModels.Version version(String appId, int code) {
    return client.send("GET", versions(appId) + "/" + code, null, MiniAppModels.Version.class);
  }

  /** Makes an approved version live; an earlier one is the rollback. */
  public MiniAppModels.Version release(String appId, int code) {
    return client.send(
        "POST", versions(appId) + "/" + code + "/release", null, MiniAppModels.Version.class);
  }

  /** A new webhook signing secret (in the answer); events signed from now on use it. */
  public WebhookSecret rotateWebhookSecret(String appId) {
    return client.send(
        "POST",
        BASE + "/" + AtriumClient.encode(appId) + "/webhook-secret",
        null,
        WebhookSecret.class);
  }

  /** The owner's view of the app's webhook delivery log; {@code status} may be null. */
  public WebhookEventList webhookEvents(String appId, int limit, String status) {
    return client.send(
        "GET",
        BASE
            + "/"
            + AtriumClient.encode(appId)
            + "/webhooks/events?limit="
            + limit
            + (status == null ? "" : "&status=" + AtriumClient.encode(status)),
        null,
        WebhookEventList.class);
  }

  /** Sends one of the app's events again (the owner's view). */
  public WebhookEvent replayWebhookEvent(String appId, String eventId) {
    return client.send(
        "POST",
        BASE
            + "/"
            + AtriumClient.encode(appId)
            + "/webhooks/events/"
            + AtriumClient.encode(eventId)
            + "/replay",
        null,
        WebhookEvent.class);
  }

  /** Links the app to one of the caller's approved merchants: its payments land there. */
  public MerchantLink linkMerchant(String appId, String merchantId) {
    return client.send(
        "PUT",
        BASE + "/" + AtriumClient.encode(appId) + "/merchant",
        java.util.Map.of("merchantId", merchantId),
        MerchantLink.class);
  }

  /** The merchant the app's payments land in (404 merchant_not_linked before one is set). */
  public MerchantLink merchant(String appId) {
    return client.send(
        "GET", BASE + "/" + AtriumClient.encode(appId) + "/merchant", null, MerchantLink.class);
  }

  // Users

  /** Approved apps; {@code text} and {@code category} may be null. */
  public Catalogue catalogue(String text, String category, int limit) {
    StringBuilder query = new StringBuilder("?limit=").append(limit);
    if (text != null) {
      query.append("&q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8));
    }
    if (category != null) {
      query.append("&category=").append(URLEncoder.encode(category, StandardCharsets.UTF_8));
    }
    return client.send("GET", BASE + query, null, Catalogue.class);
  }

  public CatalogueEntry listing(String appId) {
    return client.send(
        "GET", BASE + "/" + AtriumClient.encode(appId) + "/listing", null, CatalogueEntry.class);
  }

  // Operator

  public MiniAppList withStatus(String status) {
    return client.send(
        "GET",
        "/api/v1/admin/miniapps?status=" + URLEncoder.encode(status, StandardCharsets.UTF_8),
        null,
        MiniAppList.class);
  }

  public MiniApp approve(String appId) {
    return decide(appId, "approve", null);
  }

  public MiniApp reject(String appId, String reason) {
    return decide(appId, "reject", new MiniAppModels.Decision(reason));
  }

  public MiniApp suspend(String appId, String reason) {
    return decide(appId, "suspend", new MiniAppModels.Decision(reason));
  }

  public MiniApp resume(String appId) {
    return decide(appId, "resume", null);
  }

  /** Operator: versions in review across all apps. */
  public MiniAppModels.VersionList versionsInReview() {
    return client.send(
        "GET", "/api/v1/admin/miniapp-versions", null, MiniAppModels.VersionList.class);
  }

  /** Operator: one app's versions. */
  public MiniAppModels.VersionList versionsForOperator(String appId) {
    return client.send(
        "GET",
        "/api/v1/admin/miniapps/" + AtriumClient.encode(appId) + "/versions",
        null,
        MiniAppModels.VersionList.class);
  }

  public MiniAppModels.Version approveVersion(String appId, int code) {
    return decideVersion(appId, code, "approve", null);
  }

  public MiniAppModels.Version rejectVersion(String appId, int code, String reason) {
    return decideVersion(appId, code, "reject", new MiniAppModels.Decision(reason));
  }

  private MiniAppModels.Version decideVersion(String appId, int code, String verb, Object body) {
    return client.send(
        "POST",
        "/api/v1/admin/miniapps/" + AtriumClient.encode(appId) + "/versions/" + code + "/" + verb,
        body,
        MiniAppModels.Version.class);
  }

  private static String versions(String appId) {
    return BASE + "/" + AtriumClient.encode(appId) + "/versions";
  }

  // The app's own server

  /** The app's own record, as its server sees it with its credentials. */
  public MiniApp providerApp() {
    return client.send("GET", "/api/v1/provider/app", null, MiniApp.class);
  }

  private MiniApp decide(String appId, String verb, Object body) {
    return client.send(
        "POST",
        "/api/v1/admin/miniapps/" + AtriumClient.encode(appId) + "/" + verb,
        body,
        MiniApp.class);
  }
}
