package dev.atrium.miniapps;

import dev.atrium.miniapps.webhooks.WebhookEndpoints;
import java.util.Optional;

/**
 * Answers the webhook dispatcher's port from the registry: the URL the provider registered, for an
 * app that is approved or under review. A suspended app has none, so its events stay pending (and
 * are retried until it is resumed or the retry window ends); a rejected app has none either. The
 * status is read on every call, so a suspension stops deliveries at once. Thread-safe.
 */
final class MiniAppWebhookEndpoints implements WebhookEndpoints {
  private final MiniAppService service;

  MiniAppWebhookEndpoints(MiniAppService service) {
    this.service = service;
  }

  @Override
  public Optional<Endpoint> endpoint(String appId) {
    return service
        .app(appId)
        .filter(
            app ->
                app.status() == MiniApp.Status.APPROVED
                    || app.status() == MiniApp.Status.PENDING_REVIEW)
        .map(MiniApp::webhookUrl)
        .map(Endpoint::new);
  }
}
