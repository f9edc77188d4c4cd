package dev.atrium.wallet.ledger;

/**
 * A unit of money-moving work that must be atomic with rows of its own, such as "hold the amount in
 * escrow and create the chat transfer": run by {@link Ledger#run} on the ledger's writer thread,
 * inside the batch transaction, within a savepoint of its own. Throwing (an {@link
 * dev.atrium.platform.errors.OperatingError} for refusals) undoes the work's postings and its SQL,
 * and nothing else in the batch.
 *
 * <p>Lock order: the ledger locks every declared account (sorted by id) before any work of the
 * batch runs; a work may then lock rows of its own tables. Works should therefore lock at most one
 * row of their own (or several in a fixed order).
 */
@FunctionalInterface
public interface LedgerWork<R> {
  R apply(LedgerTransaction transaction);
}
