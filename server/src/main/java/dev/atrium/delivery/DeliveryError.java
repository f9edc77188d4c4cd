package dev.atrium.delivery;

import dev.atrium.platform.errors.OperatingError;

/** Refusals of client frames that delivery handles itself; codes as the HTTP API's. */
abstract sealed class DeliveryError extends OperatingError {
  private DeliveryError(int status, String code, String message) {
    super(status, code, message);
  }

  /**
   * The frame names a conversation this connection does not receive. Worded as messaging's own 404,
   * so a client cannot tell which part refused, nor whether the conversation exists.
   */
  static final class ConversationNotFound extends DeliveryError {
    ConversationNotFound() {
      super(404, "not_found", "No such conversation.");
    }
  }
}
