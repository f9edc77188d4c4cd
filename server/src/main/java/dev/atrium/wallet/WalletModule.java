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
 * Builds the wallet: the double-entry ledger every money-moving feature posts through, the
 * payment PIN, idempotency and limits that other wallet features reuse, chat transfers, red
 * packets, and the expiry sweeper. Closing it stops the sweeper and drains the ledger's writer.
 */
public final class WalletModule implements Feature {
  private final Ledger ledger;
  private final PaymentAuthorization payments;
  private final Idempotency idempotency;
  private final PaymentLimits limits;
  private final RouteModule routes;
  private final AccountDataProvider accountData;
  private final ExpirySweeper sweeper;

  private WalletModule(Ledger ledger, PaymentAuthorization payments, Idempotency idempotency, PaymentLimits limits,
      RouteModule routes, AccountDataProvider accountData, ExpirySweeper sweeper) {
    this.ledger = ledger;
    this.payments = payments;
    this.idempotency = idempotency;
    this.limits = limits;
    this.routes = routes;
    this.accountData = accountData;
    this.sweeper = sweeper;
  }

  /** {@code conversations} answers who is in a chat, for chat transfers and red packets. */
  public static WalletModule create(FeatureContext context, IdentityService identity,
      ConversationDirectory conversations) {
    Database database = context.database();
    Clock clock = context.clock();
    WalletSettings settings = WalletSettings.read(context.config());
    Ledger ledger = new Ledger(database, clock, settings.ledger(), context.metrics());
    PaymentAuthorization payments = new PaymentAuthorization(database, context.passwords(), identity, clock);
    Idempotency idempotency = new Idempotency(database, ledger);
    PaymentLimits limits = new PaymentLimits(settings.paymentCentsMax(), settings.dailyOutgoingCentsMax());
    WalletService wallet = new WalletService(database, ledger, idempotency, payments, limits, settings, clock);
    ChatEscrow escrow = new ChatEscrow(database, ledger, idempotency, payments, limits, conversations);
    ChatTransferService transfers = new ChatTransferService(escrow, settings.chatPaymentTtlMillis());
    RedPacketService redPackets = new RedPacketService(escrow, settings.chatPaymentTtlMillis(),
        settings.redPacketSharesMax());
    AccountDataProvider accountData = new WalletAccountData(wallet, transfers, redPackets);
    ExpirySweeper sweeper = new ExpirySweeper(transfers, redPackets, idempotency, limits, database, clock, settings);
    return new WalletModule(ledger, payments, idempotency, limits, new WalletRoutes(wallet, transfers, redPackets),
        accountData, sweeper);
  }

  public Ledger ledger() {
    return ledger;
  }

  /** The payment PIN check other wallet features call before an outgoing payment. */
  public PaymentAuthorization payments() {
    return payments;
  }

  /** Exactly-once money-moving requests, for other wallet routes. */
  public Idempotency idempotency() {
    return idempotency;
  }

  public PaymentLimits limits() {
    return limits;
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
