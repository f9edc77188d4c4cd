package dev.atrium.wallet;

import dev.atrium.platform.db.Handle;
import java.util.Optional;

/** SQL for remembered Idempotency-Keys and their first responses. */
final class IdempotencyStore {
  /** The first response given under a key. */
  record Stored(String operation, String requestHash, int status, String responseBody) {}

  Optional<Stored> find(Handle handle, String accountId, String key) {
    return handle.queryOne(
        """
        SELECT operation, request_hash, status, response_body FROM wallet_idempotency_keys
         WHERE account_id = ? AND idempotency_key = ?
        """,
        row -> new Stored(row.getString(1), row.getString(2), row.getInt(3), row.getString(4)),
        accountId,
        key);
  }

  void insert(Handle handle, String accountId, String key, Stored stored, long nowMillis) {
    handle.update(
        """
        INSERT INTO wallet_idempotency_keys
            (account_id, idempotency_key, operation, request_hash, status, response_body, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        accountId,
        key,
        stored.operation(),
        stored.requestHash(),
        stored.status(),
        stored.responseBody(),
        nowMillis);
  }

  /** Forgets keys older than {@code beforeMillis}, at most {@code rowsMax} at a time. */
  int deleteOlderThan(Handle handle, long beforeMillis, int rowsMax) {
    return handle.update(
        """
        DELETE FROM wallet_idempotency_keys WHERE (account_id, idempotency_key) IN (
            SELECT account_id, idempotency_key FROM wallet_idempotency_keys WHERE created_at < ? LIMIT ?)
        """,
        beforeMillis,
        rowsMax);
  }
}
