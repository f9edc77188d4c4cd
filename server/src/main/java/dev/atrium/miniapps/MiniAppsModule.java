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
    List<AccountDataProvider> accountData,
    MiniAppVersionService versions)
    implements Feature {

  /** Where bundle files are stored, under the data directory. */
  public static final String BUNDLE_DIRECTORY = "miniapp-files";

  /** The registry with its routes; {@code operator} checks the operator token of admin routes. */
  public static MiniAppsModule create(FeatureContext context, OperatorCheck operator) {
    MiniAppService service =
        new MiniAppService(
            context.database(), MiniAppSettings.read(context.config()), context.clock());
    MiniAppProviderAuth providerAuth = new MiniAppProviderAuth(service);
    MiniAppBundleSettings bundleSettings = MiniAppBundleSettings.read(context.config());
    MiniAppOrigins origins = MiniAppOrigins.parse(bundleSettings.originTemplate());
    MiniAppVersionService versions =
        new MiniAppVersionService(
            context.database(),
            service,
            context.dataDir().resolve(BUNDLE_DIRECTORY),
            bundleSettings,
            context.clock());
    List<RouteModule> routes =
        List.of(
            new MiniAppOriginRouter(versions, origins, context.publicBaseUrl()),
            new MiniAppRoutes(service, operator, providerAuth, versions, origins),
            new MiniAppVersionRoutes(versions, operator));
    return new MiniAppsModule(
        service,
        providerAuth,
        api -> routes.forEach(module -> module.register(api)),
        List.of(AccountDataProvider.of("miniapps", service::export, service::onAccountDeleted)),
        versions);
  }
}
