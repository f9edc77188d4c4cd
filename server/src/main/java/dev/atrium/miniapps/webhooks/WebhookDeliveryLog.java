package dev.atrium.miniapps.webhooks;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.RequestError;
import java.time.Clock;
import java.util.List;

/**
 * What a provider sees of its app's webhooks: the events, newest first, with their delivery state,
 * and replay. Every call is scoped to one app, and an event of another app is "not found", so the
 * provider routes (built with the registry's provider authentication) only pass the caller's app.
 * Thread-safe.
 */
public final class WebhookDeliveryLog {
  public static final int PAGE_ROWS_MAX = 100;

  private final Database database;
  private final Clock clock;
  private final WebhookSettings settings;
  private final WebhookStore store;
  private final Runnable wakeDispatcher;

  WebhookDeliveryLog(
      Database database,
      Clock clock,
      WebhookSettings settings,
      WebhookStore store,
      Runnable wakeDispatcher) {
    this.database = database;
    this.clock = clock;
    this.settings = settings;
    this.store = store;
    this.wakeDispatcher = wakeDispatcher;
  }

  /**
   * One page of the app's events. {@code cursor} is the {@code nextCursor} of the previous page
   * (null for the first); {@code status} keeps only events in that state (null for all).
   */
  public WebhookPage list(String appId, int limit, String cursor, WebhookStatus status) {
    if (limit < 1 || limit > PAGE_ROWS_MAX) {
      throw RequestError.invalidParameter("limit", "Must be between 1 and " + PAGE_ROWS_MAX + ".");
    }
    return database.read(
        handle -> {
          Long before = null;
          if (cursor != null) {
            before =
                store
                    .createdAt(handle, appId, cursor)
                    .orElseThrow(
                        () -> RequestError.invalidParameter("cursor", "Not a cursor of this log."));
          }
          List<WebhookDelivery> events = store.page(handle, appId, status, before, cursor, limit);
          String next = events.size() == limit ? events.getLast().id() : null;
          return new WebhookPage(events, next);
        });
  }

  /**
   * Sends the app's event again, whatever its state: attempts start from zero and the retry window
   * from now. The body, id and creation time stay as they were, so a provider that already handled
   * the event recognises it.
   */
  public WebhookDelivery replay(String appId, String eventId) {
    long now = clock.millis();
    return database.inTransaction(
        tx -> {
          if (!store.requeue(
              tx, appId, eventId, now, now + settings.retryWindowSeconds() * 1_000)) {
            throw new WebhookError.EventNotFound();
          }
          tx.afterCommit(wakeDispatcher);
          return store.find(tx, eventId).orElseThrow();
        });
  }

  /** One event of the app, or not found. */
  public WebhookDelivery get(String appId, String eventId) {
    return database
        .read(handle -> store.find(handle, eventId))
        .filter(event -> event.appId().equals(appId))
        .orElseThrow(WebhookError.EventNotFound::new);
  }
}
