package dev.atrium.miniapps.webhooks;

import dev.atrium.platform.db.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of the webhook outbox ({@code miniapp_webhook_events}) and its secrets. Stateless. */
final class WebhookStore {
  private static final String COLUMNS =
      """
      id, app_id, event_type, status, created_at, attempts, next_attempt_at, last_attempt_at,
      last_status_code, last_error, delivered_at, body""";

  /** An event a node holds the lease of, with what it needs to send it. */
  record Claimed(
      String id,
      String appId,
      String body,
      int attempts,
      long createdAtMillis,
      long giveUpAtMillis) {}

  /** An app's signing secrets: the current one, and the previous one until it expires. */
  record Secrets(String secret, String previousSecret, Long previousValidUntilMillis) {}

  void insert(Handle tx, String id, String appId, String type, String body, long now, long giveUp) {
    tx.update(
        """
        INSERT INTO miniapp_webhook_events
          (id, app_id, event_type, body, status, created_at, attempts, next_attempt_at, give_up_at)
        VALUES (?, ?, ?, ?, 'PENDING', ?, 0, ?, ?)""",
        id,
        appId,
        type,
        body,
        now,
        now,
        giveUp);
  }

  /** Pending events of the app, counted up to {@code max + 1} so the count costs at most that. */
  long countPending(Handle tx, String appId, int max) {
    return tx.queryLong(
        """
        SELECT COUNT(*) FROM (SELECT 1 FROM miniapp_webhook_events
          WHERE app_id = ? AND status = 'PENDING' LIMIT ?) AS pending""",
        appId,
        max + 1);
  }

  /** Marks the app's oldest pending event failed, with {@code why}. */
  void failOldestPending(Handle tx, String appId, String why) {
    tx.update(
        """
        UPDATE miniapp_webhook_events
        SET status = 'FAILED', last_error = ?, lease_token = NULL, lease_until = NULL
        WHERE id = (SELECT id FROM miniapp_webhook_events
                    WHERE app_id = ? AND status = 'PENDING'
                    ORDER BY created_at, id LIMIT 1)""",
        why,
        appId);
  }

  /** Ids of events due now whose lease is free, oldest due first. */
  List<String> dueIds(Handle tx, long now, int limit) {
    return tx.queryList(
        """
        SELECT id FROM miniapp_webhook_events
        WHERE status = 'PENDING' AND next_attempt_at <= ?
          AND (lease_until IS NULL OR lease_until < ?)
        ORDER BY next_attempt_at LIMIT ?""",
        row -> row.getString(1),
        limit,
        now,
        now,
        limit);
  }

  /**
   * Takes the lease of one event if it is still due and free; the condition is re-checked by the
   * UPDATE itself, so of two nodes racing for the row only one changes it.
   */
  Optional<Claimed> claim(Handle tx, String id, long now, long leaseUntil, String token) {
    int changed =
        tx.update(
            """
            UPDATE miniapp_webhook_events SET lease_token = ?, lease_until = ?
            WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?
              AND (lease_until IS NULL OR lease_until < ?)""",
            token,
            leaseUntil,
            id,
            now,
            now);
    if (changed == 0) {
      return Optional.empty();
    }
    return tx.queryOne(
        """
        SELECT id, app_id, body, attempts, created_at, give_up_at FROM miniapp_webhook_events
        WHERE id = ? AND lease_token = ?""",
        row ->
            new Claimed(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getInt(4),
                row.getLong(5),
                row.getLong(6)),
        id,
        token);
  }

  /** Records a 2xx; ignored when the lease was lost meanwhile. */
  void delivered(Handle tx, String id, String token, long now, int statusCode) {
    tx.update(
        """
        UPDATE miniapp_webhook_events
        SET status = 'DELIVERED', attempts = attempts + 1, last_attempt_at = ?,
            last_status_code = ?, last_error = NULL, delivered_at = ?,
            lease_token = NULL, lease_until = NULL
        WHERE id = ? AND lease_token = ?""",
        now,
        statusCode,
        now,
        id,
        token);
  }

  /**
   * Records a failed attempt: pending again at {@code nextAttemptAt}, or failed when {@code
   * nextAttemptAt} is null. Ignored when the lease was lost meanwhile.
   */
  void attemptFailed(
      Handle tx,
      String id,
      String token,
      long now,
      Integer statusCode,
      String error,
      Long nextAttemptAt) {
    tx.update(
        """
        UPDATE miniapp_webhook_events
        SET status = ?, attempts = attempts + 1, last_attempt_at = ?, last_status_code = ?,
            last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at),
            lease_token = NULL, lease_until = NULL
        WHERE id = ? AND lease_token = ?""",
        nextAttemptAt == null ? WebhookStatus.FAILED : WebhookStatus.PENDING,
        now,
        statusCode,
        error,
        nextAttemptAt,
        id,
        token);
  }

  /** Queues the app's event again from now; false when the app has no such event. */
  boolean requeue(Handle tx, String appId, String id, long now, long giveUp) {
    return tx.update(
            """
            UPDATE miniapp_webhook_events
            SET status = 'PENDING', attempts = 0, next_attempt_at = ?, give_up_at = ?,
                delivered_at = NULL, lease_token = NULL, lease_until = NULL
            WHERE id = ? AND app_id = ?""",
            now,
            giveUp,
            id,
            appId)
        == 1;
  }

  Optional<Long> createdAt(Handle handle, String appId, String id) {
    return handle.queryOne(
        "SELECT created_at FROM miniapp_webhook_events WHERE id = ? AND app_id = ?",
        row -> row.getLong(1),
        id,
        appId);
  }

  /**
   * The app's events older than the cursor (or the newest when {@code beforeCreatedAt} is null),
   * newest first, optionally of one status.
   */
  List<WebhookDelivery> page(
      Handle handle,
      String appId,
      WebhookStatus status,
      Long beforeCreatedAt,
      String beforeId,
      int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM miniapp_webhook_events WHERE app_id = ?");
    List<Object> arguments = new ArrayList<>(List.of(appId));
    if (status != null) {
      sql.append(" AND status = ?");
      arguments.add(status);
    }
    if (beforeCreatedAt != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
      arguments.add(beforeCreatedAt);
      arguments.add(beforeCreatedAt);
      arguments.add(beforeId);
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    arguments.add(limit);
    return handle.queryList(sql.toString(), WebhookStore::delivery, limit, arguments.toArray());
  }

  Optional<WebhookDelivery> find(Handle handle, String id) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM miniapp_webhook_events WHERE id = ?",
        WebhookStore::delivery,
        id);
  }

  /** Removes up to {@code limit} settled events created before {@code before}; returns how many. */
  int deleteSettledBefore(Handle tx, long before, int limit) {
    return tx.update(
        """
        DELETE FROM miniapp_webhook_events WHERE id IN (
          SELECT id FROM miniapp_webhook_events
          WHERE status <> 'PENDING' AND created_at < ? LIMIT ?)""",
        before,
        limit);
  }

  Optional<Secrets> secrets(Handle handle, String appId) {
    return handle.queryOne(
        """
        SELECT secret, previous_secret, previous_valid_until FROM miniapp_webhook_secrets
        WHERE app_id = ?""",
        row ->
            new Secrets(
                row.getString(1), row.getString(2), nullableLong(row, "previous_valid_until")),
        appId);
  }

  void insertSecret(Handle tx, String appId, String secret, long now) {
    tx.update(
        "INSERT INTO miniapp_webhook_secrets (app_id, secret, created_at) VALUES (?, ?, ?)",
        appId,
        secret,
        now);
  }

  void replaceSecret(Handle tx, String appId, String secret, long previousValidUntil, long now) {
    tx.update(
        """
        UPDATE miniapp_webhook_secrets
        SET previous_secret = secret, previous_valid_until = ?, secret = ?, created_at = ?
        WHERE app_id = ?""",
        previousValidUntil,
        secret,
        now,
        appId);
  }

  /** Forgets an app's secret and events, when the registry deletes the app. */
  void deleteApp(Handle tx, String appId) {
    tx.update("DELETE FROM miniapp_webhook_secrets WHERE app_id = ?", appId);
    tx.update("DELETE FROM miniapp_webhook_events WHERE app_id = ?", appId);
  }

  private static WebhookDelivery delivery(ResultSet row) throws SQLException {
    return new WebhookDelivery(
        row.getString("id"),
        row.getString("app_id"),
        row.getString("event_type"),
        WebhookStatus.valueOf(row.getString("status")),
        Instant.ofEpochMilli(row.getLong("created_at")),
        row.getInt("attempts"),
        Instant.ofEpochMilli(row.getLong("next_attempt_at")),
        instant(nullableLong(row, "last_attempt_at")),
        nullableInteger(row, "last_status_code"),
        row.getString("last_error"),
        instant(nullableLong(row, "delivered_at")),
        row.getString("body"));
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  private static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  private static Integer nullableInteger(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }
}
