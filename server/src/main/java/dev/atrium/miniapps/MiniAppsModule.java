package dev.atrium.miniapps;

import dev.atrium.miniapps.webhooks.WebhookOutbox;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds the mini-program registry and its users (login codes, pseudonymous ids, consents, the
 * access log, per-user storage). Later parts of mini-programs (bundles, payments) take {@link
 * #service()}, {@link #providerAuth()} and {@link #users()} from here.
 */
public record MiniAppsModule(
    MiniAppService service,
    MiniAppProviderAuth providerAuth,
    MiniAppUsers users,
    RouteModule routes,
    List<AccountDataProvider> accountData,
    MiniAppVersionService versions)
    implements Feature {

  /** Where bundle files are stored, under the data directory. */
  public static final String BUNDLE_DIRECTORY = "miniapp-files";

  /**
   * The registry with its routes; {@code operator} checks the operator token of admin routes,
   * {@code outbox} takes the webhooks consent revocation and account deletion send, {@code
   * displayNames} answers the profile read.
   */
  public static MiniAppsModule create(
      FeatureContext context,
      OperatorCheck operator,
      WebhookOutbox outbox,
      DisplayNames displayNames) {
    MiniAppService service =
        new MiniAppService(
            context.database(), MiniAppSettings.read(context.config()), context.clock());
    MiniAppProviderAuth providerAuth = new MiniAppProviderAuth(service);
    MiniAppUsersSettings userSettings = MiniAppUsersSettings.read(context.config());
    MiniAppUsersStore store = new MiniAppUsersStore();
    Pseudonyms pseudonyms = new Pseudonyms(context.database(), store, context.clock());
    MiniAppUsers users =
        new MiniAppUsers(
            new MiniAppUsers.Deps(
                context.database(),
                store,
                pseudonyms,
                service,
                outbox,
                displayNames,
                context.rateLimits(),
                userSettings,
                context.clock()));
    MiniAppStorage storage =
        new MiniAppStorage(
            context.database(), store, pseudonyms, users, userSettings, context.clock());
    MiniAppBundleSettings bundleSettings = MiniAppBundleSettings.read(context.config());
    MiniAppOrigins origins = MiniAppOrigins.parse(bundleSettings.originTemplate());
    MiniAppVersionService versions =
        new MiniAppVersionService(
            context.database(),
            service,
            context.dataDir().resolve(BUNDLE_DIRECTORY),
            bundleSettings,
            context.clock());
    // The origin router comes first: on an app's own origin nothing else may answer.
    List<RouteModule> routes =
        List.of(
            new MiniAppOriginRouter(versions, origins, context.publicBaseUrl()),
            new MiniAppRoutes(service, operator, providerAuth, versions, origins),
            new MiniAppVersionRoutes(versions, operator),
            new MiniAppUsersRoutes(users, providerAuth),
            new MiniAppStorageRoutes(service, storage, providerAuth));
    return new MiniAppsModule(
        service,
        providerAuth,
        users,
        api -> routes.forEach(module -> module.register(api)),
        List.of(
            AccountDataProvider.of("miniapps", service::export, service::onAccountDeleted),
            AccountDataProvider.of("miniappUsage", users::export, users::onAccountDeleted)),
        versions);
  }
}
