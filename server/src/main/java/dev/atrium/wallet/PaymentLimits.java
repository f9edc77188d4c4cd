package dev.atrium.wallet;

import dev.atrium.wallet.ledger.LedgerTransaction;

/**
 * The operator's limits on outgoing payments: per payment and per account and UTC day. The daily
 * sum is kept in its own row, checked and raised inside the payment's ledger work, where the
 * payer's account is locked, so concurrent payments cannot overshoot it. Refunds do not lower it.
 * Thread-safe.
 */
final class PaymentLimits {
  private final long paymentCentsMax;
  private final long dailyOutgoingCentsMax;
  private final DailyOutgoingStore store = new DailyOutgoingStore();

  PaymentLimits(long paymentCentsMax, long dailyOutgoingCentsMax) {
    this.paymentCentsMax = paymentCentsMax;
    this.dailyOutgoingCentsMax = dailyOutgoingCentsMax;
  }

  public long paymentCentsMax() {
    return paymentCentsMax;
  }

  public long dailyOutgoingCentsMax() {
    return dailyOutgoingCentsMax;
  }

  /**
   * Refuses a non-positive amount (amount_invalid) or one above the per-payment limit; cheap, call
   * it early.
   */
  public void checkPayment(long amountCents) {
    if (amountCents < 1) {
      throw new WalletError.AmountInvalid("The amount must be at least 1 cent.");
    }
    if (amountCents > paymentCentsMax) {
      throw new WalletError.LimitExceeded("per-payment", paymentCentsMax, paymentCentsMax);
    }
  }

  /**
   * Inside the payment's ledger work (the payer's account declared): checks both limits and counts
   * the amount towards today's.
   */
  public void checkAndRecord(LedgerTransaction transaction, String accountId, long amountCents) {
    checkPayment(amountCents);
    long day = Math.floorDiv(transaction.nowMillis(), WalletSettings.DAY_MILLIS);
    long spent = store.spent(transaction.handle(), accountId, day);
    if (spent + amountCents > dailyOutgoingCentsMax) {
      throw new WalletError.LimitExceeded(
          "daily", dailyOutgoingCentsMax, Math.max(0, dailyOutgoingCentsMax - spent));
    }
    store.add(transaction.handle(), accountId, day, amountCents);
  }

  /** Today's outgoing cents of an account so far (for showing the remaining allowance). */
  long spentToday(dev.atrium.platform.db.Database database, long nowMillis, String accountId) {
    long day = Math.floorDiv(nowMillis, WalletSettings.DAY_MILLIS);
    return database.read(handle -> store.spent(handle, accountId, day));
  }

  /** Forgets days before yesterday. */
  int sweep(dev.atrium.platform.db.Database database, long nowMillis, int rowsMax) {
    long yesterday = Math.floorDiv(nowMillis, WalletSettings.DAY_MILLIS) - 1;
    return database.inTransaction(handle -> store.deleteBefore(handle, yesterday, rowsMax));
  }
}
