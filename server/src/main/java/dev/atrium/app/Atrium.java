package dev.atrium.app;

import dev.atrium.contacts.ContactsModule;
import dev.atrium.identity.IdentityModule;
import dev.atrium.keys.KeysModule;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * One running Atrium node: its database, its features and its HTTP server, built by
 * {@link Wiring}. Closing it stops HTTP gracefully, then closes the database.
 */
public final class Atrium implements AutoCloseable {
  private final Database database;
  private final IdentityModule identity;
  private final ContactsModule contacts;
  private final KeysModule keys;
  private final HttpServer http;
  private final PrometheusMeterRegistry metrics;

  Atrium(Database database, IdentityModule identity, ContactsModule contacts, KeysModule keys, HttpServer http,
      PrometheusMeterRegistry metrics) {
    this.database = database;
    this.identity = identity;
    this.contacts = contacts;
    this.keys = keys;
    this.http = http;
    this.metrics = metrics;
  }

  public int port() {
    return http.port();
  }

  public Database database() {
    return database;
  }

  public IdentityModule identity() {
    return identity;
  }

  public ContactsModule contacts() {
    return contacts;
  }

  public KeysModule keys() {
    return keys;
  }

  public java.util.List<dev.atrium.platform.http.Operation> operations() {
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
      database.close();
      metrics.close();
    }
  }
}
