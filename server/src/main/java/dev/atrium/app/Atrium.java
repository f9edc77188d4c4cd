package dev.atrium.app;

import dev.atrium.contacts.ContactsModule;
import dev.atrium.delivery.DeliveryModule;
import dev.atrium.identity.IdentityModule;
import dev.atrium.keys.KeysModule;
import dev.atrium.media.AttachmentService;
import dev.atrium.messaging.MessagingModule;
import dev.atrium.miniapps.MiniAppNoticesModule;
import dev.atrium.miniapps.webhooks.MiniAppWebhooksModule;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.HttpServer;
import dev.atrium.platform.http.Operation;
import dev.atrium.wallet.WalletModule;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Atrium node: its database, its features and its HTTP server, built by {@link Wiring}.
 * Closing it stops HTTP gracefully, then the features' background work (its close hooks, newest
 * first), then closes the database.
 */
public final class Atrium implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Atrium.class);

  private final Database database;
  private final NodeFeatures features;
  private final HttpServer http;
  private final PrometheusMeterRegistry metrics;
  private final List<AutoCloseable> closeHooks;

  Atrium(
      Database database,
      NodeFeatures features,
      HttpServer http,
      PrometheusMeterRegistry metrics,
      List<AutoCloseable> closeHooks) {
    this.database = database;
    this.features = features;
    this.http = http;
    this.metrics = metrics;
    this.closeHooks = List.copyOf(closeHooks);
  }

  public MessagingModule messaging() {
    return features.messaging();
  }

  public DeliveryModule delivery() {
    return features.delivery();
  }

  public WalletModule wallet() {
    return features.wallet();
  }

  public MiniAppNoticesModule miniappNotices() {
    return features.miniappNotices();
  }

  public int port() {
    return http.port();
  }

  public Database database() {
    return database;
  }

  public IdentityModule identity() {
    return features.identity();
  }

  public AttachmentService attachments() {
    return features.media().service();
  }

  public ContactsModule contacts() {
    return features.contacts();
  }

  public KeysModule keys() {
    return features.keys();
  }

  public MiniAppWebhooksModule miniappWebhooks() {
    return features.miniappWebhooks();
  }

  public List<Operation> operations() {
    return http.operations();
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public void close() {
    try {
      http.stop();
    } finally {
      closeAll(closeHooks);
      database.close();
      metrics.close();
    }
  }

  /** Closes each hook, newest first; one failing does not keep the others open. */
  static void closeAll(List<AutoCloseable> hooks) {
    for (int i = hooks.size() - 1; i >= 0; i--) {
      try {
        hooks.get(i).close();
      } catch (Exception e) {
        LOG.error("event=close_hook_failed hook={}", hooks.get(i).getClass().getSimpleName(), e);
      }
    }
  }
}
