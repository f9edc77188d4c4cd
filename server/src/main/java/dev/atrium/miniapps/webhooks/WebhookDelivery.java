package dev.atrium.miniapps.webhooks;

import java.time.Instant;

/**
 * One event as the provider's delivery log shows it: what was sent and how its delivery went.
 *
 * @param attempts requests made since the event was created or last replayed
 * @param nextAttemptAt when the next request is due; meaningful while pending
 * @param lastStatusCode the provider's last HTTP status, or null when no answer came
 * @param lastError why the last attempt failed (timeout, refused URL, no endpoint...), or null
 * @param body the JSON body exactly as signed and sent
 */
public record WebhookDelivery(
    String id,
    String appId,
    String type,
    WebhookStatus status,
    Instant createdAt,
    int attempts,
    Instant nextAttemptAt,
    Instant lastAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Instant deliveredAt,
    String body) {}
