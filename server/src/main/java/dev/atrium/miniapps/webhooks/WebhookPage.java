package dev.atrium.miniapps.webhooks;

import java.util.List;

/**
 * One page of an app's delivery log, newest first; {@code nextCursor} fetches the next, null at the
 * end.
 */
public record WebhookPage(List<WebhookDelivery> events, String nextCursor) {
  public WebhookPage {
    events = List.copyOf(events);
  }
}
