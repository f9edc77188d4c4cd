package dev.atrium.app;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;
import dev.atrium.wallet.WalletModule;

/** What admin commands work with: the node's database and services, without HTTP. */
public record AdminContext(Database database, IdentityService identity, WalletModule wallet) implements AutoCloseable {
  @Override
  public void close() {
    try {
      wallet.close();
    } finally {
      database.close();
    }
  }
}
