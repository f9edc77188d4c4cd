package dev.atrium.notifications;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Optional;

/** SQL for the push_subscriptions and push_server_keys tables. */
final class PushSubscriptionStore {
  private static final String COLUMNS =
      "device_id, account_id, endpoint, p256dh, auth, created_at, last_pushed_at";
  private static final RowMapper<PushSubscription> SUBSCRIPTION =
      row -> {
        long lastPushed = row.getLong("last_pushed_at");
        return new PushSubscription(
            row.getString("device_id"),
            row.getString("account_id"),
            row.getString("endpoint"),
            row.getString("p256dh"),
            row.getString("auth"),
            row.getLong("created_at"),
            row.wasNull() ? null : lastPushed);
      };

  /**
   * Stores or replaces the device's subscription; a browser makes a new one when the old expires.
   */
  void upsert(Handle handle, PushSubscription subscription) {
    handle.update(
        """
        INSERT INTO push_subscriptions (device_id, account_id, endpoint, p256dh, auth, created_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (device_id) DO UPDATE
           SET endpoint = excluded.endpoint, p256dh = excluded.p256dh, auth = excluded.auth,
               created_at = excluded.created_at, last_pushed_at = NULL
        """,
        subscription.deviceId(),
        subscription.accountId(),
        subscription.endpoint(),
        subscription.p256dh(),
        subscription.auth(),
        subscription.createdAtMillis());
  }

  boolean any(Handle handle) {
    return handle
        .queryOne("SELECT device_id FROM push_subscriptions LIMIT 1", row -> row.getString(1))
        .isPresent();
  }

  Optional<PushSubscription> find(Handle handle, String deviceId) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM push_subscriptions WHERE device_id = ?",
        SUBSCRIPTION,
        deviceId);
  }

  List<PushSubscription> listByAccount(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + """
         FROM push_subscriptions
        WHERE account_id = ?
        ORDER BY created_at, device_id
        LIMIT ?
        """,
        SUBSCRIPTION,
        rowsMax,
        accountId,
        rowsMax);
  }

  /**
   * Takes the device's wake-up slot: true when it was not woken within the interval, and marks it
   * woken now. One conditional UPDATE, so two nodes never wake the same device twice at once.
   */
  boolean claimWake(Handle handle, String deviceId, long nowMillis, long intervalMillis) {
    return handle.update(
            """
        UPDATE push_subscriptions SET last_pushed_at = ?
         WHERE device_id = ? AND (last_pushed_at IS NULL OR last_pushed_at <= ?)
        """,
            nowMillis,
            deviceId,
            nowMillis - intervalMillis)
        == 1;
  }

  /** Removes a subscription, unless the device replaced it with another endpoint meanwhile. */
  void deleteIfEndpoint(Handle handle, String deviceId, String endpoint) {
    handle.update(
        "DELETE FROM push_subscriptions WHERE device_id = ? AND endpoint = ?", deviceId, endpoint);
  }

  boolean delete(Handle handle, String deviceId) {
    return handle.update("DELETE FROM push_subscriptions WHERE device_id = ?", deviceId) == 1;
  }

  void deleteAllOf(Handle handle, String accountId) {
    handle.update("DELETE FROM push_subscriptions WHERE account_id = ?", accountId);
  }

  /** The stored VAPID key pair as {public X.509, private PKCS#8}, both standard base64. */
  Optional<String[]> serverKeys(Handle handle) {
    return handle.queryOne(
        "SELECT public_key, private_key FROM push_server_keys WHERE id = 1",
        row -> new String[] {row.getString("public_key"), row.getString("private_key")});
  }

  /**
   * Stores a key pair unless another node stored one first; the caller reads back what is stored.
   */
  void insertServerKeysIfAbsent(
      Handle handle, String publicKey, String privateKey, long nowMillis) {
    handle.update(
        """
        INSERT INTO push_server_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)
        ON CONFLICT (id) DO NOTHING
        """,
        publicKey,
        privateKey,
        nowMillis);
  }
}
