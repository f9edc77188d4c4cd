package dev.atrium.miniapps;

import java.util.List;
import java.util.Locale;

/**
 * One uploaded bundle of a mini-program, immutable once stored except for its review status.
 *
 * @param code the manifest's {@code version.code}, greater than every earlier version's of the app
 * @param name the manifest's {@code version.name}, shown to people ("1.2.0")
 * @param statusReason the operator's reason for a rejection, else null
 * @param colorScheme the manifest's {@code color_scheme}: light, dark or auto
 * @param permissions the manifest's {@code req_permissions}, each a scope the app registered
 * @param bundleBytes the size of the uploaded zip
 */
public record MiniAppVersion(
    String appId,
    int code,
    String name,
    Status status,
    String statusReason,
    String colorScheme,
    List<MiniApp.ScopeRequest> permissions,
    long bundleBytes,
    long createdAtMillis,
    Long decidedAtMillis,
    Long releasedAtMillis) {

  public MiniAppVersion {
    permissions = List.copyOf(permissions);
  }

  /**
   * Where a version is in its life: uploaded into review, then approved or rejected by the
   * operator; the provider releases an approved one, which makes it LIVE (at most one per app) and
   * the earlier live one APPROVED again, ready for a rollback.
   */
  public enum Status {
    IN_REVIEW,
    APPROVED,
    REJECTED,
    LIVE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWire(String wire) {
      for (Status status : values()) {
        if (status.wire().equals(wire)) {
          return status;
        }
      }
      return null;
    }
  }

  /** One file of a version: its path in the bundle, size, SHA-256 (hex) and served type. */
  public record File(String path, long sizeBytes, String sha256Hex, String contentType) {}
}
