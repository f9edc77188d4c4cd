package dev.atrium.wallet.ledger;

import dev.atrium.platform.db.Handle;

/**
 * What a {@link LedgerWork} can do inside the ledger writer's batch transaction: post against the
 * accounts it declared (already locked), read and write its own tables, and read the time. Valid
 * only during {@link LedgerWork#apply}; not thread-safe.
 */
public interface LedgerTransaction {
  /**
   * Validates and records a posting; its rows are written with the rest of the batch. Throws {@link
   * LedgerError} (insufficient funds, unknown account, key conflict) without any effect.
   */
  StoredPosting post(LedgerPosting posting);

  /** The balance of a declared account as of this point in the batch. */
  long balanceCents(AccountId account);

  /** The batch's connection, for the work's own tables; runs inside a savepoint for this work. */
  Handle handle();

  /** The time of this batch, in epoch milliseconds. */
  long nowMillis();
}
