package dev.atrium.miniapps;

import dev.atrium.miniapps.webhooks.MiniAppWebhooksModule;
import dev.atrium.miniapps.webhooks.WebhookDelivery;
import dev.atrium.miniapps.webhooks.WebhookPage;
import dev.atrium.miniapps.webhooks.WebhookStatus;
import dev.atrium.miniapps.webhooks.WebhookUrlPolicy;

/**
 * The registry's side of webhooks: it checks the URL a provider registers against {@link
 * WebhookUrlPolicy}, issues and rotates the app's signing secret, and scopes the delivery log to
 * the app a provider or owner acts for. Thread-safe.
 */
final class MiniAppWebhooks {
  private final MiniAppWebhooksModule webhooks;
  private final boolean allowPrivateNetworks;

  /**
   * {@code allowPrivateNetworks}: the webhooks' own setting, or development mode (which already
   * lets loopback URLs pass the registry's rules); the dispatcher honours only the former.
   */
  MiniAppWebhooks(MiniAppWebhooksModule webhooks, boolean allowPrivateNetworks) {
    this.webhooks = webhooks;
    this.allowPrivateNetworks = allowPrivateNetworks;
  }

  /** Refuses (422 on {@code webhookUrl}) a URL the server must not call; null or blank passes. */
  void checkUrl(String url) {
    if (url != null && !url.isBlank()) {
      WebhookUrlPolicy.validate(url, allowPrivateNetworks, "webhookUrl");
    }
  }

  /** A new signing secret ({@code whsec_...}) for the app, shown once; the old one stops. */
  String rotateSecret(String appId) {
    return webhooks.secrets().rotate(appId);
  }

  WebhookPage events(String appId, int limit, String cursor, WebhookStatus status) {
    return webhooks.log().list(appId, limit, cursor, status);
  }

  WebhookDelivery replay(String appId, String eventId) {
    return webhooks.log().replay(appId, eventId);
  }
}
