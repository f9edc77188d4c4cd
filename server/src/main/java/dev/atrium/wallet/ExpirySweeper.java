package dev.atrium.wallet;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds chat transfers and red packets whose 24 hours ran out, and forgets old idempotency keys
 * and daily-limit rows, in bounded rounds on a schedule. Every node may run it: each refund
 * re-checks its row under lock, so two nodes never refund twice.
 */
final class ExpirySweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

  /** Refunds of each kind per round; a backlog is worked off over the next rounds. */
  static final int REFUNDS_PER_ROUND_MAX = 500;

  private static final int DELETES_PER_ROUND_MAX = 5_000;

  private final ChatTransferService transfers;
  private final RedPacketService redPackets;
  private final Idempotency idempotency;
  private final PaymentLimits limits;
  private final dev.atrium.platform.db.Database database;
  private final Clock clock;
  private final long idempotencyKeyTtlMillis;
  private final long intervalMillis;
  private ScheduledExecutorService scheduler;

  ExpirySweeper(
      ChatTransferService transfers,
      RedPacketService redPackets,
      Idempotency idempotency,
      PaymentLimits limits,
      dev.atrium.platform.db.Database database,
      Clock clock,
      WalletSettings settings) {
    this.transfers = transfers;
    this.redPackets = redPackets;
    this.idempotency = idempotency;
    this.limits = limits;
    this.database = database;
    this.clock = clock;
    this.idempotencyKeyTtlMillis = settings.idempotencyKeyTtlMillis();
    this.intervalMillis = settings.sweepIntervalMillis();
  }

  synchronized void start() {
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("wallet-expiry-sweeper").daemon(true).factory());
      var unused =
          scheduler.scheduleWithFixedDelay(
              this::sweepQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** One round; returns how many transfers and red packets it refunded. */
  int sweep() {
    long now = clock.millis();
    int refunded =
        transfers.refundExpired(now, REFUNDS_PER_ROUND_MAX)
            + redPackets.refundExpired(now, REFUNDS_PER_ROUND_MAX);
    idempotency.sweep(now - idempotencyKeyTtlMillis, DELETES_PER_ROUND_MAX);
    limits.sweep(database, now, DELETES_PER_ROUND_MAX);
    return refunded;
  }

  private void sweepQuietly() {
    try {
      int refunded = sweep();
      if (refunded > 0) {
        LOG.info("event=wallet_expiry_sweep refunded={}", refunded);
      }
    } catch (RuntimeException e) {
      LOG.error("Wallet expiry sweep failed", e);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
