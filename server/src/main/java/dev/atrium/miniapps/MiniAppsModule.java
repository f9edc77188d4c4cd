package dev.atrium.miniapps;

import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds the mini-program registry. Later parts of mini-programs (bundles, login codes, payments,
 * webhooks) take {@link #service()} and {@link #providerAuth()} from here.
 */
public record MiniAppsModule(
    MiniAppService service,
    MiniAppProviderAuth providerAuth,
    RouteModule routes,
    List<AccountDataProvider> accountData)
    implements Feature {

  /** The registry with its routes; {@code operator} checks the operator token of admin routes. */
  public static MiniAppsModule create(FeatureContext context, OperatorCheck operator) {
    MiniAppService service =
        new MiniAppService(
            context.database(), MiniAppSettings.read(context.config()), context.clock());
    MiniAppProviderAuth providerAuth = new MiniAppProviderAuth(service);
    return new MiniAppsModule(
        service,
        providerAuth,
        new MiniAppRoutes(service, operator, providerAuth),
        List.of(AccountDataProvider.of("miniapps", service::export, service::onAccountDeleted)));
  }
}
