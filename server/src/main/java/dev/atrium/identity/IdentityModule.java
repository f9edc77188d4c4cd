package dev.atrium.identity;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.Authenticator;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.security.PasswordHasher;
import java.time.Clock;

/** Builds the identity feature: its service, its routes, and the authenticator every route uses. */
public record IdentityModule(IdentityService service, RouteModule routes, Authenticator authenticator) {

  public static IdentityModule create(Database database, PasswordHasher passwords, RateLimits rateLimits,
      Clock clock, IdentitySettings settings) {
    IdentityService service = new IdentityService(database, passwords, rateLimits, clock, settings);
    return new IdentityModule(service, new IdentityRoutes(service), service::authenticate);
  }
}
