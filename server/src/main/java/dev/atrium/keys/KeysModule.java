package dev.atrium.keys;

import dev.atrium.platform.feature.AccountDataProvider;
import dev.atrium.platform.feature.Feature;
import dev.atrium.platform.feature.FeatureContext;
import dev.atrium.platform.http.RouteModule;
import java.util.List;

/**
 * Builds the MLS key directory: its service, its routes, and its part of account export and
 * deletion.
 */
public record KeysModule(
    KeysService service, RouteModule routes, List<AccountDataProvider> accountData)
    implements Feature {

  /**
   * {@code visibility} decides who may see an account's device keys and claim its key packages;
   * {@code devicesReady} hears when a device first becomes claimable (to tell the people it chats
   * with).
   */
  public static KeysModule create(
      FeatureContext context, KeyVisibility visibility, DeviceKeysReady devicesReady) {
    KeysSettings settings = KeysSettings.read(context.config());
    KeysService service =
        new KeysService(
            context.database(),
            context.rateLimits(),
            context.clock(),
            settings,
            visibility,
            devicesReady);
    return new KeysModule(
        service,
        new KeysRoutes(service, settings),
        List.of(AccountDataProvider.of("keys", service::export, service::deleteAllOf)));
  }
}
