package dev.atrium.app;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.wallet.WalletModule;

/**
 * What admin commands work with: the node's database and services, without HTTP.
 *
 * @param features what further features (SEPA, merchants) are built with when a command needs them
 */
public record AdminContext(FeatureContext features, IdentityService identity, WalletModule wallet)
    implements AutoCloseable {

  public Database database() {
    return features.database();
  }

  @Override
  public void close() {
    try {
      wallet.close();
    } finally {
      features.database().close();
    }
  }
}
