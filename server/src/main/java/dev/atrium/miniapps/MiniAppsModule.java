package dev.atrium.miniapps;

import dev.atrium.miniapps.webhooks.MiniAppWebhooksModule;
import dev.atrium.miniapps.webhooks.WebhookSettings;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds the mini-program registry and its users (login codes, pseudonymous ids, consents, the
 * access log, per-user storage), bundles and their origins. Later parts of mini-programs (payments)
 * take {@link #service()}, {@link #providerAuth()} and {@link #users()} from here. It answers the
 * webhooks' endpoint port from the registry and serves the webhook routes (secret, delivery log,
 * replay).
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
   * {@code webhooks} (built first) learns each app's webhook URL from the registry and takes the
   * events consent revocation and account deletion send, {@code displayNames} answers the profile
   * read.
   */
  public static MiniAppsModule create(
      FeatureContext context,
      OperatorCheck operator,
      MiniAppWebhooksModule webhooks,
      DisplayNames displayNames) {
    MiniAppSettings settings = MiniAppSettings.read(context.config());
    MiniAppService service = new MiniAppService(context.database(), settings, context.clock());
    MiniAppProviderAuth providerAuth = new MiniAppProviderAuth(service);
    webhooks.endpointsFrom(new MiniAppWebhookEndpoints(service));
    MiniAppWebhooks appWebhooks =
        new MiniAppWebhooks(
            webhooks,
            WebhookSettings.read(context.config()).allowPrivateNetworks()
                || settings.developmentMode());
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
                webhooks.outbox(),
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
            new MiniAppRoutes(service, operator, providerAuth, versions, origins, appWebhooks),
            new MiniAppWebhookRoutes(service, providerAuth, appWebhooks),
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
