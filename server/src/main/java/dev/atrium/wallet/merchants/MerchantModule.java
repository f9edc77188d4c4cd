package dev.atrium.wallet.merchants;

import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.wallet.WalletModule;
import dev.atrium.wallet.sepa.SepaModule;
import java.util.List;

/**
 * Builds merchants on the wallet's ledger and {@link dev.atrium.wallet.Payments}, and SEPA's
 * payouts.
 */
public record MerchantModule(
    MerchantService service, RouteModule routes, List<AccountDataProvider> accountData)
    implements Feature {

  public static MerchantModule create(
      FeatureContext context, WalletModule wallet, SepaModule sepa) {
    MerchantService service =
        new MerchantService(
            context.database(),
            wallet.ledger(),
            MerchantSettings.read(context.config()),
            context.clock());
    MerchantPayments payments = new MerchantPayments(service, wallet.payments(), sepa.service());
    return new MerchantModule(
        service,
        new MerchantRoutes(service, payments, sepa.operator(), sepa.service()),
        List.of(
            AccountDataProvider.of(
                "merchants", service::export, service::checkDeletable, service::onAccountDeleted)));
  }
}
