package dev.atrium.miniapps;

import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;

/**
 * Builds mini-program payments on the registry and the merchants' money, reached through {@link
 * MiniAppCashier}.
 */
public record MiniAppPaymentsModule(MiniAppPaymentService service, RouteModule routes)
    implements Feature {

  public static MiniAppPaymentsModule create(
      FeatureContext context, MiniAppsModule registry, MiniAppCashier cashier) {
    MiniAppPaymentService service =
        new MiniAppPaymentService(context.database(), registry.service(), cashier, context.clock());
    return new MiniAppPaymentsModule(service, new MiniAppPaymentRoutes(service));
  }
}
