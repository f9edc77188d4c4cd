package dev.atrium.wallet;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.security.PasswordHasher;
import dev.atrium.wallet.ledger.Ledger;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the wallet: the double-entry ledger every money-moving feature posts through, the
 * payment PIN, idempotency and limits that other wallet features reuse, chat transfers, red
 * packets, and the expiry sweeper. Closing it stops the sweeper and drains the ledger's writer.
 */
public final class WalletModule implements AutoCloseable {
  private static final int EXPORT_ROWS_MAX = 10_000;

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

  /** {@code metrics} may be null (admin commands); the sweeper starts with {@link #startSweeping}. */
  public static WalletModule create(Database database, Clock clock, WalletSettings settings, MeterRegistry metrics,
      PasswordHasher hasher, IdentityService identity, ConversationDirectory conversations) {
    Ledger ledger = new Ledger(database, clock, settings.ledger(), metrics);
    PaymentAuthorization payments = new PaymentAuthorization(database, hasher, identity, clock);
    Idempotency idempotency = new Idempotency(database, ledger);
    PaymentLimits limits = new PaymentLimits(settings.paymentCentsMax(), settings.dailyOutgoingCentsMax());
    WalletService wallet = new WalletService(database, ledger, idempotency, payments, limits, settings, clock);
    ChatEscrow escrow = new ChatEscrow(database, ledger, idempotency, payments, limits, conversations);
    ChatTransferService transfers = new ChatTransferService(escrow, settings.chatPaymentTtlMillis());
    RedPacketService redPackets = new RedPacketService(escrow, settings.chatPaymentTtlMillis(),
        settings.redPacketSharesMax());
    AccountDataProvider accountData = new AccountDataProvider() {
      @Override
      public String sectionName() {
        return "wallet";
      }

      @Override
      public Object export(String accountId) {
        Map<String, Object> section = new LinkedHashMap<>(wallet.export(accountId));
        section.put("chatTransfers", transfers.export(accountId, EXPORT_ROWS_MAX));
        section.put("redPackets", redPackets.export(accountId, EXPORT_ROWS_MAX));
        return section;
      }

      @Override
      public void checkDeletable(String accountId) {
        wallet.checkDeletable(accountId);
        // Money held for the account's own pending transfers and open red packets would come
        // back to it after deletion, where nobody could spend it.
        if (transfers.hasPendingSentBy(accountId) || redPackets.hasOpenSentBy(accountId)) {
          throw WalletError.of(WalletError.Reason.BALANCE_NOT_ZERO,
              "Your pending transfers or red packets still hold money; wait until they are settled.");
        }
      }

      @Override
      public void onAccountDeleted(String accountId) {
        // Ledger records stay, under the pseudonymous account id: bookkeeping must be kept, and
        // the balance was zero (checkDeletable). Nothing personal is stored with them.
      }
    };
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

  public RouteModule routes() {
    return routes;
  }

  public AccountDataProvider accountData() {
    return accountData;
  }

  public void startSweeping() {
    sweeper.start();
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
