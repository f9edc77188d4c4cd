package dev.atrium.miniapps;

import dev.atrium.miniapps.webhooks.WebhookDelivery;
import dev.atrium.miniapps.webhooks.WebhookPage;
import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of the webhook routes of the registry (secret, delivery log, replay). */
final class MiniAppWebhookApi {
  private MiniAppWebhookApi() {}

  record WebhookSecretResponse(
      @Required @Description("The new signing secret (whsec_...), shown only in this answer.")
          String webhookSecret) {}

  /** One event of the delivery log. */
  record WebhookEventResponse(
      @Required String id,
      @Required String type,
      @Required @Description("pending, delivered or failed.") String status,
      @Required Instant createdAt,
      @Required @Description("Requests made since creation or the last replay.") int attempts,
      Instant nextAttemptAt,
      Instant lastAttemptAt,
      Integer lastStatusCode,
      String lastError,
      Instant deliveredAt,
      @Required @Description("The JSON body exactly as signed and sent.") String body) {

    static WebhookEventResponse of(WebhookDelivery event) {
      return new WebhookEventResponse(
          event.id(),
          event.type(),
          event.status().name().toLowerCase(Locale.ROOT),
          event.createdAt(),
          event.attempts(),
          event.nextAttemptAt(),
          event.lastAttemptAt(),
          event.lastStatusCode(),
          event.lastError(),
          event.deliveredAt(),
          event.body());
    }
  }

  record WebhookEventList(
      @Required List<WebhookEventResponse> items,
      @Description("Pass as cursor for the next page; absent at the end.") String nextCursor) {

    static WebhookEventList of(WebhookPage page) {
      return new WebhookEventList(
          page.events().stream().map(WebhookEventResponse::of).toList(), page.nextCursor());
    }
  }
}
