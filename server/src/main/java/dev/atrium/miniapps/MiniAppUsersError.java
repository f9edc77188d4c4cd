package dev.atrium.miniapps;

import dev.atrium.platform.errors.OperatingError;

/** The ways login codes, consents, the access log and storage refuse; each has a stable code. */
public abstract sealed class MiniAppUsersError extends OperatingError {
  private MiniAppUsersError(int status, String code, String message) {
    super(status, code, message);
  }

  /** Unknown, expired, used or another app's code: one answer for all, so nothing leaks. */
  static final class InvalidLoginCode extends MiniAppUsersError {
    InvalidLoginCode() {
      super(400, "invalid_login_code", "The login code is invalid, expired or already used.");
    }
  }

  static final class ConsentRequired extends MiniAppUsersError {
    ConsentRequired(String scope) {
      super(
          403,
          "consent_required",
          "The user has not granted the '" + scope + "' scope to this mini-program.");
    }
  }

  /** A consent for a scope that needs none, or is unknown. */
  static final class NotConsentable extends MiniAppUsersError {
    NotConsentable() {
      super(400, "invalid_consent_scope", "Consent is given for 'profile' or 'location' only.");
    }
  }

  static final class ScopeNotRequested extends MiniAppUsersError {
    ScopeNotRequested(String scope) {
      super(
          400,
          "scope_not_requested",
          "The mini-program did not request the '" + scope + "' scope in its registration.");
    }
  }

  static final class StorageNotRequested extends MiniAppUsersError {
    StorageNotRequested() {
      super(
          403,
          "storage_not_requested",
          "The mini-program did not request the 'storage' scope in its registration.");
    }
  }

  /** An openId unknown to this app, including another app's: never says which. */
  static final class UserNotFound extends MiniAppUsersError {
    UserNotFound() {
      super(404, "miniapp_user_not_found", "No such user of this mini-program.");
    }
  }

  static final class ItemNotFound extends MiniAppUsersError {
    ItemNotFound() {
      super(404, "storage_item_not_found", "No such storage item.");
    }
  }

  static final class StorageFull extends MiniAppUsersError {
    StorageFull(int max) {
      super(
          409,
          "storage_full",
          "A mini-program may keep at most " + max + " items per user; delete one first.");
    }
  }

  static final class ValueTooLarge extends MiniAppUsersError {
    ValueTooLarge(int max) {
      super(413, "storage_value_too_large", "A storage value holds at most " + max + " bytes.");
    }
  }

  static final class InvalidKey extends MiniAppUsersError {
    InvalidKey() {
      super(
          400,
          "invalid_storage_key",
          "A storage key is 1 to 128 characters of A-Z, a-z, 0-9, '.', '_' and '-'.");
    }
  }
}
