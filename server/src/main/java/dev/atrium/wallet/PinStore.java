package dev.atrium.wallet;

import dev.atrium.platform.db.Handle;
import java.util.Optional;

/** SQL for payment PINs and their wrong-try counters. */
final class PinStore {
  /** A stored PIN: its hash and its try counter. */
  record Pin(String hash, PinState state) {
    Long lockedUntilMillis() {
      return state.lockedUntilMillis();
    }
  }

  Optional<Pin> find(Handle handle, String accountId) {
    return handle.queryOne(
        """
        SELECT pin_hash, failed_tries, checks_in_flight, checks_started_at, locked_until
          FROM wallet_pins WHERE account_id = ?
        """,
        row ->
            new Pin(
                row.getString(1),
                new PinState(
                    row.getInt(2),
                    row.getInt(3),
                    row.getObject(4) == null ? null : row.getLong(4),
                    row.getObject(5) == null ? null : row.getLong(5))),
        accountId);
  }

  void insert(Handle handle, String accountId, String hash, long nowMillis) {
    handle.update(
        "INSERT INTO wallet_pins (account_id, pin_hash, failed_tries, locked_until, updated_at)"
            + " VALUES (?, ?, 0, NULL, ?)",
        accountId,
        hash,
        nowMillis);
  }

  /** A new PIN starts a fresh count. */
  void replace(Handle handle, String accountId, String hash, long nowMillis) {
    handle.update(
        "UPDATE wallet_pins SET pin_hash = ?, failed_tries = 0, checks_in_flight = 0, locked_until = NULL,"
            + " updated_at = ? WHERE account_id = ?",
        hash,
        nowMillis,
        accountId);
  }

  /**
   * Stores {@code next} if the counter is still {@code expected} (compare-and-set, so that the
   * decision made from {@code expected} holds on every engine and node); false when another check
   * changed it first.
   */
  boolean compareAndSet(Handle handle, String accountId, PinState expected, PinState next) {
    return handle.update(
            """
        UPDATE wallet_pins
           SET failed_tries = ?, checks_in_flight = ?, checks_started_at = ?, locked_until = ?
         WHERE account_id = ? AND failed_tries = ? AND checks_in_flight = ?
           AND COALESCE(checks_started_at, -1) = ? AND COALESCE(locked_until, -1) = ?
        """,
            next.failedTries(),
            next.checksInFlight(),
            next.checksStartedAtMillis(),
            next.lockedUntilMillis(),
            accountId,
            expected.failedTries(),
            expected.checksInFlight(),
            orMinusOne(expected.checksStartedAtMillis()),
            orMinusOne(expected.lockedUntilMillis()))
        == 1;
  }

  private static long orMinusOne(Long millis) {
    return millis == null ? -1 : millis;
  }
}
