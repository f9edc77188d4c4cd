package dev.atrium.identity;

import dev.atrium.platform.errors.OperatingError;

/** The ways an identity operation can be refused; each has a stable code. */
public abstract sealed class IdentityError extends OperatingError {
  private IdentityError(int status, String code, String message) {
    super(status, code, message);
  }

  static final class UsernameTaken extends IdentityError {
    UsernameTaken() {
      super(409, "username_taken", "This username is taken.");
    }
  }

  static final class InvalidCredentials extends IdentityError {
    InvalidCredentials() {
      super(401, "invalid_credentials", "Wrong username or password.");
    }
  }

  static final class WrongPassword extends IdentityError {
    WrongPassword() {
      super(403, "wrong_password", "The current password is wrong.");
    }
  }

  static final class AccountDisabled extends IdentityError {
    AccountDisabled() {
      super(403, "account_disabled", "This account was disabled by the operator.");
    }
  }

  static final class RegistrationClosed extends IdentityError {
    RegistrationClosed() {
      super(403, "registration_closed", "This server does not accept new accounts.");
    }
  }

  static final class InviteRequired extends IdentityError {
    InviteRequired() {
      super(
          403,
          "invite_required",
          "This server accepts new accounts by invitation only; send an invite code.");
    }
  }

  static final class InviteInvalid extends IdentityError {
    InviteInvalid() {
      super(403, "invite_invalid", "This invite code is unknown, used or expired.");
    }
  }

  static final class DeviceLimitReached extends IdentityError {
    DeviceLimitReached(int devicesMax) {
      super(
          409,
          "device_limit_reached",
          "This account already has " + devicesMax + " devices; log one out first.");
    }
  }

  static final class DeviceLinkAnswered extends IdentityError {
    DeviceLinkAnswered() {
      super(409, "device_link_answered", "This device link was already approved or declined.");
    }
  }

  static final class NotFound extends IdentityError {
    NotFound(String what) {
      super(404, "not_found", "No such " + what + ".");
    }
  }
}
