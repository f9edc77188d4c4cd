package dev.atrium.miniapps.webhooks;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Each app's webhook signing secret ({@code whsec_...}), separate from the app's API secret: the
 * registry keeps only a SHA-256 of that one, and signing needs the key itself, so this one is kept
 * in clear (see V23's comment). {@link #rotate} is the only way to learn it and shows it once.
 * Thread-safe.
 */
public final class WebhookSecrets {
  private static final String PREFIX = "whsec";

  private final Database database;
  private final Clock clock;
  private final WebhookSettings settings;
  private final WebhookStore store;

  WebhookSecrets(Database database, Clock clock, WebhookSettings settings, WebhookStore store) {
    this.database = database;
    this.clock = clock;
    this.settings = settings;
    this.store = store;
  }

  /**
   * Makes a new signing secret for the app and returns it, the only time it is shown. A previous
   * secret keeps signing alongside (a second {@code v1}) for {@code
   * miniapps.webhooks.secretRotationGraceSeconds}, so the provider can switch without failing a
   * delivery.
   */
  public String rotate(String appId) {
    String secret = SecretTokens.newSecret(PREFIX);
    long now = clock.millis();
    database.inTransaction(
        tx -> {
          if (store.secrets(tx, appId).isPresent()) {
            store.replaceSecret(
                tx, appId, secret, now + settings.secretRotationGraceSeconds() * 1_000, now);
          } else {
            store.insertSecret(tx, appId, secret, now);
          }
          return null;
        });
    return secret;
  }

  /** Forgets the app's secret and its events, when the registry deletes the app. */
  public void forgetApp(String appId) {
    database.inTransaction(
        tx -> {
          store.deleteApp(tx, appId);
          return null;
        });
  }

  /** The secrets that sign the app's webhooks now, newest first; empty when it has none yet. */
  List<String> signingSecrets(String appId) {
    long now = clock.millis();
    return database.read(
        handle ->
            store
                .secrets(handle, appId)
                .map(
                    secrets -> {
                      List<String> keys = new ArrayList<>(List.of(secrets.secret()));
                      if (secrets.previousSecret() != null
                          && secrets.previousValidUntilMillis() != null
                          && secrets.previousValidUntilMillis() > now) {
                        keys.add(secrets.previousSecret());
                      }
                      return List.copyOf(keys);
                    })
                .orElse(List.of()));
  }
}
