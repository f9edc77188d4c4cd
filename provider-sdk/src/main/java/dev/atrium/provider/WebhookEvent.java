package dev.atrium.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One webhook event as Atrium sends it, after its signature was verified.
 *
 * @param id the event's id ({@code evt_...}); the same on every retry and replay, so a provider
 *     that stores the ids it handled can ignore a second delivery
 * @param type what happened, such as {@code payment.succeeded} or {@code consent.revoked}
 * @param created when the event happened, not when this delivery was made
 * @param appId the mini-program the event is for
 * @param data the event's fields, which depend on its type
 */
public record WebhookEvent(String id, String type, Instant created, String appId, JsonNode data) {}
