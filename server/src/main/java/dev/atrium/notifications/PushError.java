package dev.atrium.notifications;

import dev.atrium.platform.errors.OperatingError;

/** The ways a push operation can be refused; each has a stable code. */
abstract sealed class PushError extends OperatingError {
  private PushError(int status, String code, String message) {
    super(status, code, message);
  }

  /** The operator turned Web Push off ({@code push.enabled}). */
  static final class PushDisabled extends PushError {
    PushDisabled() {
      super(409, "push_disabled", "This server does not send push notifications.");
    }
  }

  static final class NoSubscription extends PushError {
    NoSubscription() {
      super(404, "not_found", "This device has no push subscription.");
    }
  }
}
