package dev.atrium.app;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;

/** What admin commands work with: the node's database and services, without HTTP. */
public record AdminContext(Database database, IdentityService identity) implements AutoCloseable {
  @Override
  public void close() {
    database.close();
  }
}
