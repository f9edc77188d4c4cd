package dev.atrium.wallet.merchants;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.wallet.WalletModule;
import dev.atrium.wallet.sepa.OperatorAccess;
import dev.atrium.wallet.sepa.SepaService;
import java.time.Clock;

/** Builds merchants on the wallet's ledger, PIN check, limits and idempotency keys. */
public record MerchantModule(MerchantService service, RouteModule routes, AccountDataProvider accountData) {
  public static MerchantModule create(Database database, WalletModule wallet, MerchantSettings settings,
      OperatorAccess operator, SepaService sepa, Clock clock) {
    MerchantService service = new MerchantService(database, wallet.ledger(), settings, clock);
    AccountDataProvider accountData = new AccountDataProvider() {
      @Override
      public String sectionName() {
        return "merchants";
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
    return new MerchantModule(service, new MerchantRoutes(service, wallet, operator, sepa), accountData);
  }
}
