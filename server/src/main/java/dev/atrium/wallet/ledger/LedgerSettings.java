package dev.atrium.wallet.ledger;

/**
 * Bounds of the ledger writer.
 *
 * @param writerQueueMax postings and works waiting for the writer; beyond it callers get 503
 * @param writerBatchMax postings and works committed in one transaction
 * @param waitMillisMax how long a caller waits for its batch to be durable before getting 503 (the
 *     work may still commit; idempotency keys make retrying safe)
 */
public record LedgerSettings(int writerQueueMax, int writerBatchMax, long waitMillisMax) {
  public static final LedgerSettings DEFAULTS = new LedgerSettings(100_000, 2_000, 30_000);

  public LedgerSettings {
    if (writerQueueMax < 1 || writerBatchMax < 1 || waitMillisMax < 1) {
      throw new IllegalArgumentException("Ledger writer bounds must be positive");
    }
  }
}
