package dev.atrium.identity;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.Authenticator;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.security.PasswordHasher;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** Builds the identity feature: its service, its routes, and the authenticator every route uses. */
public record IdentityModule(IdentityService service, RouteModule routes, Authenticator authenticator) {

  /** {@code publicBaseUrl} is where people reach this server; null to use each request's own origin. */
  public static IdentityModule create(Database database, PasswordHasher passwords, RateLimits rateLimits,
      Clock clock, IdentitySettings settings, URI publicBaseUrl) {
    IdentityService service = new IdentityService(database, passwords, rateLimits, clock, settings);
    List<RouteModule> routes = List.of(new IdentityRoutes(service),
        new DeviceLinkRoutes(new DeviceLinking(database, rateLimits, clock, settings), publicBaseUrl));
    return new IdentityModule(service, api -> routes.forEach(module -> module.register(api)), service::authenticate);
  }
}
