package dev.atrium.miniapps;

import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds mini-program payments on the registry and the merchants' money, reached through {@link
 * MiniAppCashier}: the merchant link and the providers' payment orders.
 */
public record MiniAppPaymentsModule(
    MiniAppPaymentService service, MiniAppOrderService orders, RouteModule routes)
    implements Feature {

  public static MiniAppPaymentsModule create(
      FeatureContext context, MiniAppsModule registry, MiniAppCashier cashier) {
    MiniAppPaymentService service =
        new MiniAppPaymentService(context.database(), registry.service(), cashier, context.clock());
    MiniAppOrderService orders =
        new MiniAppOrderService(context.database(), registry.users(), context.clock());
    List<RouteModule> routes =
        List.of(
            new MiniAppPaymentRoutes(service),
            new MiniAppOrderRoutes(orders, registry.providerAuth()));
    return new MiniAppPaymentsModule(
        service, orders, api -> routes.forEach(module -> module.register(api)));
  }
}
