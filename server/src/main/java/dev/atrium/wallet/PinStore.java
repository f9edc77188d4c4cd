package dev.atrium.wallet;

import dev.atrium.platform.db.Handle;
import java.util.Optional;

/** SQL for payment PINs and their wrong-try counters. */
final class PinStore {
  /** A stored PIN: its hash, wrong tries since the last right one, and the lock's end (null: not locked). */
  record Pin(String hash, int failedTries, Long lockedUntilMillis) {}

  Optional<Pin> find(Handle handle, String accountId) {
    return handle.queryOne("SELECT pin_hash, failed_tries, locked_until FROM wallet_pins WHERE account_id = ?",
        row -> new Pin(row.getString(1), row.getInt(2), row.getObject(3) == null ? null : row.getLong(3)),
        accountId);
  }

  void insert(Handle handle, String accountId, String hash, long nowMillis) {
    handle.update("INSERT INTO wallet_pins (account_id, pin_hash, failed_tries, locked_until, updated_at)"
        + " VALUES (?, ?, 0, NULL, ?)", accountId, hash, nowMillis);
  }

  void replace(Handle handle, String accountId, String hash, long nowMillis) {
    handle.update("UPDATE wallet_pins SET pin_hash = ?, failed_tries = 0, locked_until = NULL, updated_at = ?"
        + " WHERE account_id = ?", hash, nowMillis, accountId);
  }

  /**
   * Takes one try before the PIN is checked, so that parallel guesses cannot exceed the limit:
   * counts it as wrong until proven right. A lock that ran out starts a fresh count. Returns
   * false when no try is left (locked, or every try is in flight).
   */
  boolean reserveTry(Handle handle, String accountId, int triesMax, long nowMillis) {
    return handle.update("""
        UPDATE wallet_pins
           SET failed_tries = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN 1 ELSE failed_tries + 1 END,
               locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN NULL ELSE locked_until END
         WHERE account_id = ?
           AND ((locked_until IS NULL AND failed_tries < ?) OR locked_until <= ?)
        """, nowMillis, nowMillis, accountId, triesMax, nowMillis) == 1;
  }

  void resetTries(Handle handle, String accountId) {
    handle.update("UPDATE wallet_pins SET failed_tries = 0, locked_until = NULL WHERE account_id = ?", accountId);
  }

  /** After a wrong try: locks when the tries are used up; returns the tries used. */
  int lockIfExhausted(Handle handle, String accountId, int triesMax, long lockedUntilMillis) {
    handle.update("UPDATE wallet_pins SET locked_until = CASE WHEN failed_tries >= ? THEN ? ELSE locked_until END"
        + " WHERE account_id = ?", triesMax, lockedUntilMillis, accountId);
    return (int) handle.queryLong("SELECT failed_tries FROM wallet_pins WHERE account_id = ?", accountId);
  }
}
