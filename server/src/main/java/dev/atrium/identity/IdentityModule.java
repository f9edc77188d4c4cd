package dev.atrium.identity;

import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.Authenticator;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds the identity feature: its service (where other features' account data and revocation
 * listeners are registered), its routes, and the authenticator every route uses.
 */
public record IdentityModule(
    IdentityService service, RouteModule routes, Authenticator authenticator) implements Feature {

  public static IdentityModule create(FeatureContext context) {
    IdentitySettings settings = IdentitySettings.read(context.config());
    IdentityService service =
        new IdentityService(
            context.database(),
            context.passwords(),
            context.rateLimits(),
            context.clock(),
            settings);
    List<RouteModule> routes =
        List.of(
            new IdentityRoutes(service),
            new DeviceLinkRoutes(
                new DeviceLinking(
                    context.database(), context.rateLimits(), context.clock(), settings),
                context.publicBaseUrl()));
    return new IdentityModule(
        service, api -> routes.forEach(module -> module.register(api)), service::authenticate);
  }
}
