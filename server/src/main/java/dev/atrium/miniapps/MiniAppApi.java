package dev.atrium.miniapps;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the mini-program registry's endpoints. */
final class MiniAppApi {
  private MiniAppApi() {}

  record ScopeRequestBody(
      @Required @Description("profile, location, payment, notifications or storage.") String scope,
      @Required @Description("Why the app needs it, shown to users; at most 200 characters.")
          String reason) {}

  /** Registration (all of it) and edits (any field; absent fields stay as they are). */
  record ListingRequest(
      @Description("Shown in the catalogue; 1 to 40 characters. Required to register.") String name,
      @Description("A data:image/(png|jpeg|webp|gif);base64,... URL of at most 16384 characters.")
          String icon,
      @Description(
              "food, health, transport, travel, shopping, games, tools, services or other. Required to register.")
          String category,
      @Description("At most 1000 characters.") String description,
      @Description("BCP-47 tags of the languages the app speaks, at most 20.")
          List<String> languages,
      @Description(
              "Origins the app may call, https://host[:port] each, at most 20; http on localhost only "
                  + "in development mode. Changing them sends an approved app back to review.")
          List<String> domains,
      @Description(
              "The scopes the app asks users for, each once, with a reason. Changing them sends an "
                  + "approved app back to review.")
          List<ScopeRequestBody> scopes,
      @Description("Where webhooks go: an https URL (http on localhost in development mode).")
          String webhookUrl) {

    MiniAppListing listing() {
      return new MiniAppListing(
          name,
          icon,
          category,
          description,
          languages,
          domains,
          scopes == null
              ? null
              : scopes.stream()
                  .map(
                      scope ->
                          scope == null
                              ? null
                              : new MiniAppListing.ScopeReason(scope.scope(), scope.reason()))
                  .toList(),
          webhookUrl);
    }
  }

  /** The whole app, as its owner, the operator and the app's own server see it. */
  record MiniAppResponse(
      @Required @Description("ma + 16 lower-case base32 characters; also a DNS label.")
          String appId,
      @Required String ownerAccountId,
      @Required String name,
      String icon,
      @Required String category,
      @Required String description,
      @Required List<String> languages,
      @Required List<String> domains,
      @Required List<ScopeRequestBody> scopes,
      String webhookUrl,
      @Required @Description("pending_review, approved, rejected or suspended.") String status,
      @Description("The operator's reason for a rejection or suspension.") String statusReason,
      @Required Instant createdAt,
      @Required Instant updatedAt,
      @Description("Only in the answers to registering and rotating: the secret, shown once.")
          String secret,
      @Description(
              "Only in the answer to registering: the webhook signing secret (whsec_...), shown"
                  + " once; POST /api/v1/miniapps/{appId}/webhook-secret rotates it.")
          String webhookSecret) {

    static MiniAppResponse of(MiniApp app) {
      return of(app, null);
    }

    static MiniAppResponse of(MiniApp app, String secret) {
      return of(app, secret, null);
    }

    static MiniAppResponse of(MiniApp app, String secret, String webhookSecret) {
      return new MiniAppResponse(
          app.appId(),
          app.ownerAccountId(),
          app.name(),
          app.icon(),
          app.category().wire(),
          app.description(),
          app.languages(),
          app.domains(),
          scopeBodies(app),
          app.webhookUrl(),
          app.status().wire(),
          app.statusReason(),
          Instant.ofEpochMilli(app.createdAtMillis()),
          Instant.ofEpochMilli(app.updatedAtMillis()),
          secret,
          webhookSecret);
    }
  }

  record MiniAppList(@Required List<MiniAppResponse> items) {}

  /** What users see of an approved app: never its owner, webhook or secret. */
  record ListingResponse(
      @Required String appId,
      @Required String name,
      String icon,
      @Required String category,
      @Required String description,
      @Required List<String> languages,
      @Required List<ScopeRequestBody> scopes,
      @Required
          @Description(
              "Where the app is served, its own origin (http://<appId>.apps.localhost:8080):"
                  + " point the iframe at <origin>/ or <origin>/<path>.")
          String origin,
      @Description("The live version's code; absent while no version is live.")
          Integer liveVersionCode,
      @Description("The live version's name; absent while no version is live.")
          String liveVersionName) {

    static ListingResponse of(MiniApp app, String origin, MiniAppVersion live) {
      return new ListingResponse(
          app.appId(),
          app.name(),
          app.icon(),
          app.category().wire(),
          app.description(),
          app.languages(),
          scopeBodies(app),
          origin,
          live == null ? null : live.code(),
          live == null ? null : live.name());
    }
  }

  record ListingList(@Required List<ListingResponse> items) {}

  record DecisionRequest(
      @Description(
              "Required to reject or suspend: why, shown to the provider; at most 200 characters.")
          String reason) {}

  private static List<ScopeRequestBody> scopeBodies(MiniApp app) {
    return app.scopes().stream()
        .map(scope -> new ScopeRequestBody(scope.scope().wire(), scope.reason()))
        .toList();
  }
}
