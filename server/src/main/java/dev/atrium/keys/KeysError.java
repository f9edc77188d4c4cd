package dev.atrium.keys;

import dev.atrium.platform.errors.OperatingError;
import java.util.Map;

/** The ways a key-directory operation can be refused; each has a stable code. */
public abstract sealed class KeysError extends OperatingError {
  private KeysError(int status, String code, String message) {
    super(status, code, message);
  }

  /** A device's key cannot change: a silently replaced key would let the server impersonate it. */
  static final class IdentityKeyImmutable extends KeysError {
    IdentityKeyImmutable() {
      super(
          409,
          "identity_key_immutable",
          "This device already registered a different key; a new key needs a new device (log in again).");
    }
  }

  static final class IdentityKeyRequired extends KeysError {
    IdentityKeyRequired() {
      super(
          409,
          "identity_key_required",
          "Register this device's identity key before uploading key packages.");
    }
  }

  static final class KeyPackageLimit extends KeysError {
    KeyPackageLimit(int stored, int storedMax) {
      super(
          409,
          "key_package_limit",
          "This device has "
              + stored
              + " of at most "
              + storedMax
              + " key packages stored; upload at most "
              + Math.max(0, storedMax - stored)
              + " more.");
    }
  }

  static final class KeyPackageTooLarge extends KeysError {
    private final String field;
    private final int bytesMax;

    KeyPackageTooLarge(String field, int bytesMax) {
      super(413, "key_package_too_large", "A key package has at most " + bytesMax + " bytes.");
      this.field = field;
      this.bytesMax = bytesMax;
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("field", field, "limitBytes", bytesMax);
    }
  }

  /** Also for accounts the caller may not see, so it cannot tell them from unknown ones. */
  static final class NotFound extends KeysError {
    NotFound(String what) {
      super(404, "not_found", "No such " + what + ".");
    }
  }
}
