package dev.atrium.wallet.sepa;

import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.wallet.WalletModule;
import java.util.List;

/**
 * Builds SEPA top-ups and payouts on the wallet's ledger; withdrawals and shop payouts charge money
 * through the wallet's {@link dev.atrium.wallet.Payments}.
 *
 * @param operator the operator's bearer-token check, shared with the other operator routes
 */
public record SepaModule(
    SepaService service,
    RouteModule routes,
    OperatorAccess operator,
    List<AccountDataProvider> accountData)
    implements Feature {

  public static SepaModule create(FeatureContext context, WalletModule wallet) {
    SepaSettings settings = SepaSettings.read(context.config());
    SepaService service =
        new SepaService(
            context.database(), wallet.ledger(), wallet.payments(), settings, context.clock());
    OperatorAccess operator = new OperatorAccess(settings.adminTokenSha256());
    return new SepaModule(
        service,
        new SepaRoutes(service, operator),
        operator,
        List.of(
            AccountDataProvider.of(
                "walletSepa",
                service::export,
                service::checkDeletable,
                service::onAccountDeleted)));
  }
}
