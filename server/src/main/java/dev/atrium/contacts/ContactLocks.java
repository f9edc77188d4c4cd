package dev.atrium.contacts;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;

/**
 * Serialises the transactions that change the relationship of one pair of accounts, and the sends
 * of one account, until the transaction ends.
 *
 * <p>The checks and writes of a change span several tables (a block must not slip in between a
 * send's block check and its insert; two sends must not both pass the pending-request cap), and no
 * single conditional update covers them. SQLite runs one write transaction at a time, so there is
 * nothing to do there. On PostgreSQL a transaction-scoped advisory lock does it without lock rows
 * to clean up; the key is a hash, and a collision only makes two unrelated changes wait for each
 * other. Transactions take at most one account lock, then at most one pair lock, always in that
 * order, so they cannot deadlock on these locks.
 */
final class ContactLocks {
  /** Advisory lock classes; arbitrary but distinct from any other feature's. */
  private static final int PAIR_LOCK_CLASS = 0x436f6e50;

  private static final int ACCOUNT_LOCK_CLASS = 0x436f6e41;

  void lockPair(Handle handle, String accountId, String otherAccountId) {
    lock(handle, PAIR_LOCK_CLASS, ContactRequestStore.pairKey(accountId, otherAccountId));
  }

  void lockAccount(Handle handle, String accountId) {
    lock(handle, ACCOUNT_LOCK_CLASS, accountId);
  }

  private static void lock(Handle handle, int lockClass, String key) {
    if (handle.dialect() == Database.Dialect.POSTGRESQL) {
      // String.hashCode is specified by the language, so every node computes the same key.
      handle.queryOne(
          "SELECT pg_advisory_xact_lock(?, ?)", row -> Boolean.TRUE, lockClass, key.hashCode());
    }
  }
}
