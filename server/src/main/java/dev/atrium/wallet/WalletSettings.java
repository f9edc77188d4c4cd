package dev.atrium.wallet;

import dev.atrium.platform.config.ConfigTree;
import dev.atrium.wallet.ledger.LedgerSettings;
import java.util.Objects;

/**
 * Operator settings of the wallet.
 *
 * @param ledger bounds of the ledger's group-commit writer
 * @param sandboxTopUpEnabled whether people may create money from the sandbox funding account (demo
 *     and test servers only; off by default)
 * @param sandboxTopUpCentsMax largest single sandbox top-up
 * @param paymentCentsMax largest single outgoing payment (transfer, red packet, withdrawal ...)
 * @param dailyOutgoingCentsMax outgoing payments of one account per UTC day
 * @param chatPaymentTtlMillis how long chat transfers and red packets wait before the rest is
 *     refunded
 * @param redPacketSharesMax most shares one red packet may have
 * @param sweepIntervalMillis how often expired chat payments are refunded
 * @param idempotencyKeyTtlMillis how long an Idempotency-Key is remembered (at least 24 hours)
 */
public record WalletSettings(
    LedgerSettings ledger,
    boolean sandboxTopUpEnabled,
    long sandboxTopUpCentsMax,
    long paymentCentsMax,
    long dailyOutgoingCentsMax,
    long chatPaymentTtlMillis,
    int redPacketSharesMax,
    long sweepIntervalMillis,
    long idempotencyKeyTtlMillis) {

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

  /**
   * Reads the {@code wallet.*} settings (not those of SEPA and merchants, which read their own).
   */
  public static WalletSettings read(ConfigTree config) {
    return new WalletSettings(
        new LedgerSettings(
            config.integer("wallet.writerQueueMax", null, 100_000, 100, 10_000_000),
            config.integer("wallet.writerBatchMax", null, 2000, 1, 100_000),
            config.integer("wallet.writeWaitMillisMax", null, 30_000, 100, 600_000)),
        config.bool("wallet.sandboxTopUpEnabled", "ATRIUM_WALLET_SANDBOX_TOP_UP_ENABLED", false),
        config.longInteger("wallet.sandboxTopUpCentsMax", null, 100_000, 1, 1_000_000_000L),
        config.longInteger(
            "wallet.paymentCentsMax",
            "ATRIUM_WALLET_PAYMENT_CENTS_MAX",
            100_000,
            1,
            1_000_000_000_000L),
        config.longInteger(
            "wallet.dailyOutgoingCentsMax",
            "ATRIUM_WALLET_DAILY_OUTGOING_CENTS_MAX",
            500_000,
            1,
            1_000_000_000_000L),
        config.integer("wallet.chatPaymentTtlHours", null, 24, 1, 720) * 3_600_000L,
        config.integer("wallet.redPacketSharesMax", null, 100, 1, 10_000),
        config.integer("wallet.sweepIntervalSeconds", null, 60, 1, 86_400) * 1000L,
        config.integer("wallet.idempotencyKeyTtlHours", null, 48, 24, 8760) * 3_600_000L);
  }
}
