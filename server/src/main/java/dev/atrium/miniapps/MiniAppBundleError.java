package dev.atrium.miniapps;

import dev.atrium.platform.errors.OperatingError;
import java.util.Map;

/**
 * The ways an upload of a bundle or a change of a version's status can be refused; each has a
 * stable code. A bundle refused for its content is a 400 whose {@code entry} detail names the
 * offending zip entry where there is one.
 */
public abstract sealed class MiniAppBundleError extends OperatingError {
  private MiniAppBundleError(int status, String code, String message) {
    super(status, code, message);
  }

  /** The zip is refused for what it holds; {@code code} says why. */
  static final class Refused extends MiniAppBundleError {
    private final String entry;

    Refused(String code, String message, String entry) {
      super(400, code, message);
      this.entry = entry;
    }

    Refused(String code, String message) {
      this(code, message, null);
    }

    @Override
    public Map<String, Object> details() {
      return entry == null ? Map.of() : Map.of("entry", entry);
    }
  }

  static final class TooLarge extends MiniAppBundleError {
    TooLarge(long bytesMax) {
      super(413, "miniapp_bundle_too_large", "A bundle may be at most " + bytesMax + " bytes.");
    }
  }

  static final class VersionNotFound extends MiniAppBundleError {
    VersionNotFound() {
      super(404, "miniapp_version_not_found", "No such version of this mini-program.");
    }
  }

  /** Like WeChat, one version at a time is in review; the next waits for the decision. */
  static final class AlreadyInReview extends MiniAppBundleError {
    AlreadyInReview(int code) {
      super(
          409,
          "miniapp_version_in_review",
          "Version "
              + code
              + " is still in review; upload the next one after the operator's decision.");
    }
  }

  static final class VersionStatusConflict extends MiniAppBundleError {
    VersionStatusConflict(MiniAppVersion.Status from, String action) {
      super(
          409,
          "miniapp_version_status_conflict",
          "A version that is " + from.wire() + " cannot be " + action + ".");
    }
  }

  /** Too many versions kept for one app; the limit bounds the disk a provider can fill. */
  static final class TooManyVersions extends MiniAppBundleError {
    TooManyVersions(int max) {
      super(409, "miniapp_version_limit_reached", "An app may keep at most " + max + " versions.");
    }
  }
}
