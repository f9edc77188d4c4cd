package dev.atrium.app;

import dev.atrium.identity.IdentityModule;
import dev.atrium.identity.IdentityService;
import dev.atrium.platform.cluster.ClusterBus;
import dev.atrium.platform.cluster.RedisClusterBus;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.BackgroundJob;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.HttpServer;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.RateLimits;
import dev.atrium.platform.metrics.Metrics;
import dev.atrium.platform.security.PasswordHasher;
import dev.atrium.wallet.WalletModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The composition root: every part of the server is built here with plain constructors, in
 * dependency order, one small factory per feature ({@link NodeFeatures}). Every feature has the
 * same shape ({@link Feature}), so their routes, account data, revocation listeners and background
 * jobs are registered in one loop, and all are closed newest first when the node stops. Nothing
 * else creates services.
 */
public final class Wiring {
  private Wiring() {}

  /** Builds and starts a node; {@code extraRoutes} lets tests add routes of their own. */
  public static Atrium start(AtriumConfig config, Clock clock, List<RouteModule> extraRoutes) {
    StartupTimer timer = new StartupTimer();
    PrometheusMeterRegistry metrics = Metrics.createRegistry();
    timer.lap("metrics");
    Database database = Database.open(config.database(), metrics);
    // Background work of the features, stopped after HTTP and before the database when the node
    // closes.
    List<AutoCloseable> closeHooks = new ArrayList<>();
    try {
      database.migrate();
      timer.lap("database");
      ClusterBus cluster =
          config.cluster().isClustered()
              ? RedisClusterBus.connect(config.cluster(), metrics)
              : ClusterBus.singleNode();
      closeHooks.add(cluster);
      NodeFeatures features =
          NodeFeatures.create(
              featureContext(config, database, clock, metrics), cluster, closeHooks::add);
      timer.lap("features");
      List<RouteModule> routes = register(features.all(), features.identity().service());
      routes.addAll(extraRoutes);
      HttpServer http =
          new HttpServer(
              config.http(),
              features.identity().authenticator(),
              routes,
              database::isHealthy,
              metrics);
      timer.lap("routes");
      http.start();
      features.all().forEach(feature -> feature.backgroundJobs().forEach(BackgroundJob::start));
      timer.lap("http");
      timer.log();
      return new Atrium(database, features, http, metrics, closeHooks);
    } catch (RuntimeException e) {
      Atrium.closeAll(closeHooks);
      database.close();
      throw e;
    }
  }

  /**
   * Gives identity every feature's account data and revocation listeners, and returns every
   * feature's routes, in the features' order.
   */
  private static List<RouteModule> register(List<Feature> features, IdentityService identity) {
    List<RouteModule> routes = new ArrayList<>();
    for (Feature feature : features) {
      feature.accountData().forEach(identity::addAccountDataProvider);
      feature.deviceRevocationListeners().forEach(identity::addRevocationListener);
      routes.add(feature.routes());
    }
    return routes;
  }

  /**
   * Identity and the wallet without HTTP, for `atrium admin` commands that work on the same
   * database.
   */
  public static AdminContext admin(AtriumConfig config, Clock clock) {
    Database database = Database.open(config.database(), null);
    try {
      database.migrate();
      FeatureContext context = featureContext(config, database, clock, null);
      IdentityModule identity = IdentityModule.create(context);
      // Admin commands move no money between chat members, so the wallet needs no view of chats.
      WalletModule wallet =
          WalletModule.create(
              context, identity.service(), (accountId, conversationId) -> Optional.empty());
      return new AdminContext(context, identity.service(), wallet);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** The platform's machinery for the features; {@code metrics} is null for admin commands. */
  private static FeatureContext featureContext(
      AtriumConfig config, Database database, Clock clock, MeterRegistry metrics) {
    return new FeatureContext(
        config.tree(),
        database,
        clock,
        metrics,
        new RateLimits(config.rateLimits(), clock, config.rateLimitKeysMax()),
        new PasswordHasher(config.passwordHashing(), config.concurrentPasswordHashesMax()),
        config.publicBaseUrl(),
        config.database().dataDir());
  }

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
