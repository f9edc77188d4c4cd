package dev.atrium.wallet.sepa;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.wallet.ledger.Ledger;
import java.time.Clock;

/** Builds SEPA top-ups and payouts on the ledger. */
public record SepaModule(SepaService service, RouteModule routes) {
  public static SepaModule create(Database database, Ledger ledger, SepaSettings settings, Clock clock) {
    SepaService service = new SepaService(database, ledger, settings, clock);
    return new SepaModule(service, new SepaRoutes(service, new OperatorAccess(settings.adminTokenSha256())));
  }
}
