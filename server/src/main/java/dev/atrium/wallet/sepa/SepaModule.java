package dev.atrium.wallet.sepa;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.wallet.WalletModule;
import java.time.Clock;

/** Builds SEPA top-ups and payouts on the wallet's ledger, PIN check, limits and idempotency keys. */
public record SepaModule(SepaService service, RouteModule routes, AccountDataProvider accountData) {
  public static SepaModule create(Database database, WalletModule wallet, SepaSettings settings, Clock clock) {
    SepaService service = new SepaService(database, wallet.ledger(), settings, clock);
    AccountDataProvider accountData = new AccountDataProvider() {
      @Override
      public String sectionName() {
        return "walletSepa";
      }

      @Override
      public Object export(String accountId) {
        return service.export(accountId);
      }

      @Override
      public void checkDeletable(String accountId) {
        service.checkDeletable(accountId);
      }

      @Override
      public void onAccountDeleted(String accountId) {
        service.onAccountDeleted(accountId);
      }
    };
    return new SepaModule(service, new SepaRoutes(service, wallet, new OperatorAccess(settings.adminTokenSha256())),
        accountData);
  }
}
