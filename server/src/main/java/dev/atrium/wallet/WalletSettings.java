package dev.atrium.wallet;

import dev.atrium.wallet.ledger.LedgerSettings;
import java.util.Objects;

/**
 * Operator settings of the wallet.
 *
 * @param ledger bounds of the ledger's group-commit writer
 * @param sandboxTopUpEnabled whether people may create money from the sandbox funding account
 *     (demo and test servers only; off by default)
 * @param sandboxTopUpCentsMax largest single sandbox top-up
 * @param paymentCentsMax largest single outgoing payment (transfer, red packet, withdrawal ...)
 * @param dailyOutgoingCentsMax outgoing payments of one account per UTC day
 * @param chatPaymentTtlMillis how long chat transfers and red packets wait before the rest is refunded
 * @param redPacketSharesMax most shares one red packet may have
 * @param sweepIntervalMillis how often expired chat payments are refunded
 * @param idempotencyKeyTtlMillis how long an Idempotency-Key is remembered (at least 24 hours)
 */
public record WalletSettings(LedgerSettings ledger, boolean sandboxTopUpEnabled, long sandboxTopUpCentsMax,
    long paymentCentsMax, long dailyOutgoingCentsMax, long chatPaymentTtlMillis, int redPacketSharesMax,
    long sweepIntervalMillis, long idempotencyKeyTtlMillis) {

  public static final long DAY_MILLIS = 86_400_000L;

  public WalletSettings {
    Objects.requireNonNull(ledger, "ledger");
    if (sandboxTopUpCentsMax < 1 || paymentCentsMax < 1 || dailyOutgoingCentsMax < 1) {
      throw new IllegalArgumentException("Wallet amounts must be positive");
    }
    if (redPacketSharesMax < 1 || chatPaymentTtlMillis < 1 || sweepIntervalMillis < 1) {
      throw new IllegalArgumentException("Wallet bounds must be positive");
    }
    if (idempotencyKeyTtlMillis < DAY_MILLIS) {
      throw new IllegalArgumentException("Idempotency keys are kept at least 24 hours");
    }
  }
}
