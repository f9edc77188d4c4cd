package dev.atrium.app;

import dev.atrium.contacts.ContactsModule;
import dev.atrium.identity.IdentityModule;
import dev.atrium.keys.KeyVisibility;
import dev.atrium.keys.KeysModule;
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
    StartupTimer timer = new StartupTimer();
    PrometheusMeterRegistry metrics = Metrics.createRegistry();
    timer.lap("metrics");
    Database database = Database.open(config.database(), metrics);
    try {
      database.migrate();
      timer.lap("database");
      Platform platform = platform(config, clock);
      IdentityModule identity = IdentityModule.create(
          database, platform.passwords(), platform.rateLimits(), clock, config.identity());
      ContactsModule contacts = ContactsModule.create(
          database, identity.service(), platform.rateLimits(), clock, config.contacts(), config.publicBaseUrl());
      identity.service().addAccountDataProvider(contacts.accountData());
      KeysModule keys = KeysModule.create(
          database, platform.rateLimits(), clock, config.keys(), keyVisibility(contacts));
      identity.service().addAccountDataProvider(keys.accountData());
      timer.lap("features");
      List<RouteModule> routes = new ArrayList<>();
      routes.add(identity.routes());
      routes.add(contacts.routes());
      routes.add(keys.routes());
      routes.addAll(extraRoutes);
      HttpServer http = new HttpServer(config.http(), identity.authenticator(), routes, database::isHealthy, metrics);
      timer.lap("routes");
      http.start();
      timer.lap("http");
      timer.log();
      return new Atrium(database, identity, contacts, keys, http, metrics);
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

  /**
   * Who may see an account's device keys and claim its key packages: anyone one of these rules
   * admits. Messaging adds "shares a conversation with" here when it lands.
   */
  private static KeyVisibility keyVisibility(ContactsModule contacts) {
    return KeyVisibility.anyOf(List.of(
        (requester, target) -> requester.equals(target),
        contacts.service()::areContacts));
  }

  private static Platform platform(AtriumConfig config, Clock clock) {
    return new Platform(
        new PasswordHasher(config.passwordHashing(), config.concurrentPasswordHashesMax()),
        new RateLimits(config.rateLimits(), clock, config.rateLimitKeysMax()));
  }

  private record Platform(PasswordHasher passwords, RateLimits rateLimits) {}

  /** Measures the phases of startup, logged once so operators see where start time goes. */
  private static final class StartupTimer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Wiring.class);
    private final StringBuilder laps = new StringBuilder();
    private long lastNanos = System.nanoTime();

    void lap(String phase) {
      long now = System.nanoTime();
      laps.append(' ').append(phase).append("Millis=").append((now - lastNanos) / 1_000_000);
      lastNanos = now;
    }

    void log() {
      LOG.info("event=started{}", laps);
    }
  }
}
