package dev.atrium.miniapps.webhooks;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.json.Json;
import dev.atrium.platform.security.SecretTokens;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where features record webhook events: in the caller's own transaction (the outbox pattern), so an
 * event is stored exactly when the change that caused it commits, and survives any crash after.
 * Once the transaction commits, the dispatcher on this node is woken, so a live provider hears of
 * the event within milliseconds; other nodes find it on their next poll. Thread-safe.
 */
public final class WebhookOutbox {
  /** The largest JSON body of one event; a bigger one is a programming error of the caller. */
  static final int BODY_BYTES_MAX = 65_536;

  private static final int APP_ID_CHARS_MAX = 128;

  private final Clock clock;
  private final WebhookSettings settings;
  private final WebhookStore store;
  private final Runnable wakeDispatcher;
  private final Counter dropped;

  WebhookOutbox(
      Clock clock,
      WebhookSettings settings,
      WebhookStore store,
      Runnable wakeDispatcher,
      Counter dropped) {
    this.clock = clock;
    this.settings = settings;
    this.store = store;
    this.wakeDispatcher = wakeDispatcher;
    this.dropped = dropped;
  }

  /**
   * Records an event for the app inside {@code tx} and returns its id ({@code evt_...}). The body
   * sent is {@code {id, type, created, appId, data}}; {@code data} is any value the JSON mapper
   * writes (a record, a map, a JsonNode).
   *
   * <p>Never refuses because the provider is behind: when the app already has {@code
   * miniapps.webhooks.pendingPerAppMax} pending events, its oldest pending one is marked failed
   * (still listed, and replayable) to make room, so a payment is never rolled back for a webhook.
   */
  public String enqueue(Handle tx, String appId, String eventType, Object data) {
    if (appId == null || appId.isBlank() || appId.length() > APP_ID_CHARS_MAX) {
      throw new IllegalArgumentException("A webhook event needs an app id");
    }
    if (!WebhookEventTypes.isWellFormed(eventType)) {
      throw new IllegalArgumentException("Not a webhook event type: " + eventType);
    }
    long now = clock.millis();
    String id = "evt_" + SecretTokens.newId();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("type", eventType);
    body.put("created", Instant.ofEpochMilli(now).toString());
    body.put("appId", appId);
    body.put("data", data == null ? Map.of() : data);
    String json = Json.write(body);
    if (json.getBytes(StandardCharsets.UTF_8).length > BODY_BYTES_MAX) {
      throw new IllegalArgumentException(
          "A webhook body holds at most " + BODY_BYTES_MAX + " bytes: " + eventType);
    }
    if (store.countPending(tx, appId, settings.pendingPerAppMax()) >= settings.pendingPerAppMax()) {
      store.failOldestPending(
          tx, appId, "dropped: the app had too many pending events (pendingPerAppMax)");
      dropped.increment();
    }
    store.insert(tx, id, appId, eventType, json, now, now + settings.retryWindowSeconds() * 1_000);
    tx.afterCommit(wakeDispatcher);
    return id;
  }
}
