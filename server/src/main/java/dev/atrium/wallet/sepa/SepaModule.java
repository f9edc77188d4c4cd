package dev.atrium.wallet.sepa;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.wallet.WalletModule;
import java.time.Clock;

/** Builds SEPA top-ups and payouts on the wallet's ledger, PIN check, limits and idempotency keys. */
public record SepaModule(SepaService service, RouteModule routes) {
  public static SepaModule create(Database database, WalletModule wallet, SepaSettings settings, Clock clock) {
    SepaService service = new SepaService(database, wallet.ledger(), settings, clock);
    return new SepaModule(service, new SepaRoutes(service, wallet, new OperatorAccess(settings.adminTokenSha256())));
  }
}
