package dev.atrium.wallet;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.BackgroundJob;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.wallet.ledger.Ledger;
import java.time.Clock;
import java.util.List;

/**
 * Builds the wallet: the double-entry ledger every money-moving feature posts through, {@link
 * Payments} (the payment PIN, idempotency keys and limits every charge goes through), chat
 * transfers, red packets, and the expiry sweeper. Closing it stops the sweeper and drains the
 * ledger's writer.
 */
public final class WalletModule implements Feature {
  private final Ledger ledger;
  private final Payments payments;
  private final RouteModule routes;
  private final AccountDataProvider accountData;
  private final ExpirySweeper sweeper;

  private WalletModule(
      Ledger ledger,
      Payments payments,
      RouteModule routes,
      AccountDataProvider accountData,
      ExpirySweeper sweeper) {
    this.ledger = ledger;
    this.payments = payments;
    this.routes = routes;
    this.accountData = accountData;
    this.sweeper = sweeper;
  }

  /** {@code conversations} answers who is in a chat, for chat transfers and red packets. */
  public static WalletModule create(
      FeatureContext context, IdentityService identity, ConversationDirectory conversations) {
    Database database = context.database();
    Clock clock = context.clock();
    WalletSettings settings = WalletSettings.read(context.config());
    Ledger ledger = new Ledger(database, clock, settings.ledger(), context.metrics());
    PaymentAuthorization authorization =
        new PaymentAuthorization(database, context.passwords(), identity, clock);
    Idempotency idempotency = new Idempotency(database, ledger);
    PaymentLimits limits =
        new PaymentLimits(settings.paymentCentsMax(), settings.dailyOutgoingCentsMax());
    Payments payments = new Payments(ledger, authorization, idempotency, limits);
    WalletService wallet =
        new WalletService(database, ledger, payments, authorization, limits, settings, clock);
    ChatEscrow escrow = new ChatEscrow(database, ledger, payments, conversations);
    ChatTransferService transfers =
        new ChatTransferService(escrow, settings.chatPaymentTtlMillis());
    RedPacketService redPackets =
        new RedPacketService(
            escrow, settings.chatPaymentTtlMillis(), settings.redPacketSharesMax());
    AccountDataProvider accountData = new WalletAccountData(wallet, transfers, redPackets);
    ExpirySweeper sweeper =
        new ExpirySweeper(transfers, redPackets, idempotency, limits, database, clock, settings);
    return new WalletModule(
        ledger, payments, new WalletRoutes(wallet, transfers, redPackets), accountData, sweeper);
  }

  public Ledger ledger() {
    return ledger;
  }

  /**
   * What every money-moving request goes through: PIN, idempotency key, limits and ledger
   * transaction.
   */
  public Payments payments() {
    return payments;
  }

  @Override
  public RouteModule routes() {
    return routes;
  }

  @Override
  public List<AccountDataProvider> accountData() {
    return List.of(accountData);
  }

  /** The expiry sweeper: refunds expired chat transfers and red packets. */
  @Override
  public List<BackgroundJob> backgroundJobs() {
    return List.of(sweeper::start);
  }

  /** One sweep now (refunds expired chat transfers and red packets); for tests and operators. */
  public int sweepNow() {
    return sweeper.sweep();
  }

  @Override
  public void close() {
    try {
      sweeper.close();
    } finally {
      ledger.close();
    }
  }
}
