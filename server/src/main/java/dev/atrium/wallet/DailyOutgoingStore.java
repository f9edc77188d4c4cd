package dev.atrium.wallet;

import dev.atrium.platform.db.Handle;

/** SQL for each account's outgoing cents per UTC day. */
final class DailyOutgoingStore {
  long spent(Handle handle, String accountId, long day) {
    return handle
        .queryOne(
            "SELECT cents FROM wallet_daily_outgoing WHERE account_id = ? AND day = ?",
            row -> row.getLong(1),
            accountId,
            day)
        .orElse(0L);
  }

  void add(Handle handle, String accountId, long day, long cents) {
    handle.update(
        """
        INSERT INTO wallet_daily_outgoing (account_id, day, cents) VALUES (?, ?, ?)
        ON CONFLICT (account_id, day) DO UPDATE SET cents = wallet_daily_outgoing.cents + excluded.cents
        """,
        accountId,
        day,
        cents);
  }

  /** Forgets days before {@code day}, at most {@code rowsMax} rows at a time. */
  int deleteBefore(Handle handle, long day, int rowsMax) {
    return handle.update(
        """
        DELETE FROM wallet_daily_outgoing WHERE (account_id, day) IN (
            SELECT account_id, day FROM wallet_daily_outgoing WHERE day < ? LIMIT ?)
        """,
        day,
        rowsMax);
  }
}
