package dev.atrium.miniapps.webhooks;

import java.util.Optional;

/**
 * Where an app's webhooks go: the port the mini-program registry answers (it stores the URL the
 * provider registered). The signing secret is this package's own ({@link WebhookSecrets}), so the
 * port supplies only the URL. Called from the dispatcher's threads: implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface WebhookEndpoints {
  /** The app's webhook URL, or empty when the app has none (or is unknown or suspended). */
  Optional<Endpoint> endpoint(String appId);

  /** An app's webhook endpoint. */
  record Endpoint(String url) {}

  /** No app has an endpoint: events wait and are retried until one appears or they expire. */
  static WebhookEndpoints none() {
    return appId -> Optional.empty();
  }
}
