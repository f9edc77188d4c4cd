package dev.atrium.miniapps;

import dev.atrium.miniapps.webhooks.MiniAppWebhooksModule;
import dev.atrium.miniapps.webhooks.WebhookSettings;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds the mini-program registry. Later parts of mini-programs (bundles, login codes, payments)
 * take {@link #service()} and {@link #providerAuth()} from here. It answers the webhooks' endpoint
 * port from the registry and serves the webhook routes (secret, delivery log, replay).
 */
public record MiniAppsModule(
    MiniAppService service,
    MiniAppProviderAuth providerAuth,
    RouteModule routes,
    List<AccountDataProvider> accountData)
    implements Feature {

  /**
   * The registry with its routes; {@code operator} checks the operator token of admin routes, and
   * {@code webhooks} (built first) learns each app's webhook URL from the registry.
   */
  public static MiniAppsModule create(
      FeatureContext context, OperatorCheck operator, MiniAppWebhooksModule webhooks) {
    MiniAppSettings settings = MiniAppSettings.read(context.config());
    MiniAppService service = new MiniAppService(context.database(), settings, context.clock());
    MiniAppProviderAuth providerAuth = new MiniAppProviderAuth(service);
    webhooks.endpointsFrom(new MiniAppWebhookEndpoints(service));
    MiniAppWebhooks appWebhooks =
        new MiniAppWebhooks(
            webhooks,
            WebhookSettings.read(context.config()).allowPrivateNetworks()
                || settings.developmentMode());
    RouteModule registry = new MiniAppRoutes(service, operator, providerAuth, appWebhooks);
    RouteModule webhookRoutes = new MiniAppWebhookRoutes(service, providerAuth, appWebhooks);
    return new MiniAppsModule(
        service,
        providerAuth,
        api -> {
          registry.register(api);
          webhookRoutes.register(api);
        },
        List.of(AccountDataProvider.of("miniapps", service::export, service::onAccountDeleted)));
  }
}
