package dev.atrium.miniapps;

import dev.atrium.platform.errors.OperatingError;

/** The ways a mini-program operation can be refused; each has a stable code. */
public abstract sealed class MiniAppError extends OperatingError {
  private MiniAppError(int status, String code, String message) {
    super(status, code, message);
  }

  /** Also for apps that exist but are not the caller's, so their existence is not revealed. */
  static final class NotFound extends MiniAppError {
    NotFound() {
      super(404, "miniapp_not_found", "No such mini-program.");
    }
  }

  static final class TooMany extends MiniAppError {
    TooMany(int max) {
      super(
          409,
          "miniapp_limit_reached",
          "An account may register at most " + max + " mini-programs.");
    }
  }

  /** The operator's decision does not fit the app's status (resuming an app not suspended). */
  static final class StatusConflict extends MiniAppError {
    StatusConflict(MiniApp.Status from, String action) {
      super(
          409,
          "miniapp_status_conflict",
          "A mini-program that is " + from.wire() + " cannot be " + action + ".");
    }
  }

  /** The provider's server sent no credentials, malformed ones or a wrong secret. */
  static final class CredentialsRequired extends MiniAppError {
    CredentialsRequired() {
      super(
          401,
          "miniapp_credentials_required",
          "Send the mini-program's credentials as 'Authorization: Bearer <appId>.<secret>'.");
    }
  }

  /** Right credentials, but the app is not approved (pending review, rejected or suspended). */
  static final class NotLive extends MiniAppError {
    NotLive(MiniApp.Status status) {
      super(
          403,
          "miniapp_not_approved",
          "The mini-program is "
              + status.wire()
              + "; only approved mini-programs may call the API.");
    }
  }
}
