package dev.atrium.app;

import dev.atrium.identity.IdentityModule;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.HttpServer;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.metrics.Metrics;
import dev.atrium.platform.security.PasswordHasher;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: every part of the server is built here with plain constructors, in
 * dependency order, one small factory per feature. Nothing else creates services.
 */
public final class Wiring {
  private Wiring() {}

  /** Builds and starts a node; {@code extraRoutes} lets tests add routes of their own. */
  public static Atrium start(AtriumConfig config, Clock clock, List<RouteModule> extraRoutes) {
    PrometheusMeterRegistry metrics = Metrics.createRegistry();
    Database database = Database.open(config.database(), metrics);
    try {
      database.migrate();
      Platform platform = platform(config, clock);
      IdentityModule identity = IdentityModule.create(
          database, platform.passwords(), platform.rateLimits(), clock, config.identity());
      List<RouteModule> routes = new ArrayList<>();
      routes.add(identity.routes());
      routes.addAll(extraRoutes);
      HttpServer http = new HttpServer(config.http(), identity.authenticator(), routes, database::isHealthy, metrics);
      http.start();
      return new Atrium(database, identity, http, metrics);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Identity without HTTP, for `atrium admin` commands that work on the same database. */
  public static AdminContext admin(AtriumConfig config, Clock clock) {
    Database database = Database.open(config.database(), null);
    try {
      database.migrate();
      Platform platform = platform(config, clock);
      IdentityModule identity = IdentityModule.create(
          database, platform.passwords(), platform.rateLimits(), clock, config.identity());
      return new AdminContext(database, identity.service());
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static Platform platform(AtriumConfig config, Clock clock) {
    return new Platform(
        new PasswordHasher(config.passwordHashing(), config.concurrentPasswordHashesMax()),
        new RateLimits(config.rateLimits(), clock, config.rateLimitKeysMax()));
  }

  private record Platform(PasswordHasher passwords, RateLimits rateLimits) {}
}
