package dev.atrium.miniapps;

import dev.atrium.miniapps.MiniAppWebhookApi.WebhookEventList;
import dev.atrium.miniapps.MiniAppWebhookApi.WebhookEventResponse;
import dev.atrium.miniapps.MiniAppWebhookApi.WebhookSecretResponse;
import dev.atrium.miniapps.webhooks.WebhookDeliveryLog;
import dev.atrium.miniapps.webhooks.WebhookStatus;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * HTTP for an app's webhooks: the owner rotates the signing secret and reads the delivery log
 * (device token, for the provider page), the app's server reads the log and replays events (app
 * credentials). Every call is scoped to the one app the caller owns or authenticates as.
 */
final class MiniAppWebhookRoutes implements RouteModule {
  private static final String TAG = "miniapps";
  private static final String PROVIDER_TAG = "miniapp-provider";
  private static final int PAGE_ROWS_DEFAULT = 50;
  private static final int CURSOR_CHARS_MAX = 100;
  private final MiniAppService service;
  private final MiniAppProviderAuth providerAuth;
  private final MiniAppWebhooks webhooks;

  MiniAppWebhookRoutes(
      MiniAppService service, MiniAppProviderAuth providerAuth, MiniAppWebhooks webhooks) {
    this.service = service;
    this.providerAuth = providerAuth;
    this.webhooks = webhooks;
  }

  @Override
  public void register(Api api) {
    api.authenticated(
        Operation.post("/api/v1/miniapps/{appId}/webhook-secret", "rotateMiniAppWebhookSecret")
            .tag(TAG)
            .summary(
                "A new webhook signing secret, shown only in this answer; events signed from now"
                    + " on use it.")
            .response(200, WebhookSecretResponse.class)
            .errors(404),
        (ctx, caller) -> {
          MiniApp app = service.owned(caller.accountId(), ctx.pathParam("appId"));
          ctx.json(new WebhookSecretResponse(webhooks.rotateSecret(app.appId())));
        });
    api.authenticated(
        list(Operation.get("/api/v1/miniapps/{appId}/webhooks/events", "listMiniAppWebhookEvents"))
            .tag(TAG)
            .summary("The owner's view of the app's webhook delivery log, newest first.")
            .errors(400, 404),
        (ctx, caller) ->
            listEvents(ctx, service.owned(caller.accountId(), ctx.pathParam("appId"))));
    api.authenticated(
        Operation.post(
                "/api/v1/miniapps/{appId}/webhooks/events/{eventId}/replay",
                "replayMiniAppWebhookEvent")
            .tag(TAG)
            .summary("Send an event again, whatever its state (the owner's view).")
            .response(200, WebhookEventResponse.class)
            .errors(404),
        (ctx, caller) -> replay(ctx, service.owned(caller.accountId(), ctx.pathParam("appId"))));
    api.open(
        list(Operation.get("/api/v1/provider/webhooks/events", "listProviderWebhookEvents"))
            .tag(PROVIDER_TAG)
            .summary(
                "App credentials. The app's webhook delivery log, newest first, with each"
                    + " event's body and delivery state.")
            .errors(400, 401, 403),
        ctx -> listEvents(ctx, providerAuth.require(ctx)));
    api.open(
        Operation.post(
                "/api/v1/provider/webhooks/events/{eventId}/replay", "replayProviderWebhookEvent")
            .tag(PROVIDER_TAG)
            .summary(
                "App credentials. Send an event again: attempts restart and the retry window runs"
                    + " from now; id and body stay.")
            .response(200, WebhookEventResponse.class)
            .errors(401, 403, 404),
        ctx -> replay(ctx, providerAuth.require(ctx)));
  }

  private static Operation.Builder list(Operation.Builder operation) {
    return operation
        .queryInteger(
            "limit",
            1,
            WebhookDeliveryLog.PAGE_ROWS_MAX,
            "At most this many; default " + PAGE_ROWS_DEFAULT + ".")
        .queryString("cursor", "The nextCursor of the previous page.")
        .queryString("status", "Only events in this state: pending, delivered or failed.")
        .response(200, WebhookEventList.class);
  }

  private void listEvents(Context ctx, MiniApp app) {
    int limit =
        Requests.queryInt(ctx, "limit", PAGE_ROWS_DEFAULT, 1, WebhookDeliveryLog.PAGE_ROWS_MAX);
    String cursor = ctx.queryParam("cursor");
    if (cursor != null && !looksLikeEventId(cursor)) {
      throw RequestError.invalidParameter("cursor", "Not a cursor of this log.");
    }
    ctx.json(WebhookEventList.of(webhooks.events(app.appId(), limit, cursor, status(ctx))));
  }

  private void replay(Context ctx, MiniApp app) {
    String eventId = ctx.pathParam("eventId");
    if (!looksLikeEventId(eventId)) {
      // Never reaches the database: PostgreSQL refuses NUL in text, and no id has such characters.
      throw new MiniAppError.NotFound();
    }
    ctx.json(WebhookEventResponse.of(webhooks.replay(app.appId(), eventId)));
  }

  /** Event ids (and so cursors) are short URL-safe tokens; anything else is none. */
  private static boolean looksLikeEventId(String text) {
    return text.length() <= CURSOR_CHARS_MAX && text.matches("[A-Za-z0-9_-]+");
  }

  private static WebhookStatus status(Context ctx) {
    String text = ctx.queryParam("status");
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "pending", "delivered", "failed" -> WebhookStatus.valueOf(text.toUpperCase(Locale.ROOT));
      default ->
          throw RequestError.invalidParameter("status", "One of pending, delivered, failed.");
    };
  }
}
