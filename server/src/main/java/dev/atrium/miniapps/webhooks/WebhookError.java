package dev.atrium.miniapps.webhooks;

import dev.atrium.platform.errors.OperatingError;

/** The ways a webhook operation can be refused; each has a stable code. */
public abstract sealed class WebhookError extends OperatingError {
  private WebhookError(int status, String code, String message) {
    super(status, code, message);
  }

  /** No event of this app has that id (also when it belongs to another app). */
  static final class EventNotFound extends WebhookError {
    EventNotFound() {
      super(404, "not_found", "This app has no such webhook event.");
    }
  }
}
