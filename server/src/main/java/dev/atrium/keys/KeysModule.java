package dev.atrium.keys;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.limits.RateLimits;
import java.time.Clock;

/** Builds the MLS key directory: its service, its routes, and its part of account export and deletion. */
public record KeysModule(KeysService service, RouteModule routes, AccountDataProvider accountData) {

  /**
   * {@code visibility} decides who may see an account's device keys and claim its key packages;
   * {@code devicesReady} hears when a device first becomes claimable (to tell the people it chats with).
   */
  public static KeysModule create(Database database, RateLimits rateLimits, Clock clock, KeysSettings settings,
      KeyVisibility visibility, DeviceKeysReady devicesReady) {
    KeysService service = new KeysService(database, rateLimits, clock, settings, visibility, devicesReady);
    return new KeysModule(service, new KeysRoutes(service, settings), AccountDataProvider.of("keys", service::export, service::deleteAllOf));
  }
}
