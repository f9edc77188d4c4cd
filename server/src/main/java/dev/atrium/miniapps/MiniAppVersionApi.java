package dev.atrium.miniapps;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the bundle and version endpoints. */
final class MiniAppVersionApi {
  private MiniAppVersionApi() {}

  record PermissionBody(
      @Required @Description("A scope the app registered: profile, location, ...") String name,
      @Required String reason) {}

  record FileBody(
      @Required String path,
      @Required long sizeBytes,
      @Required @Description("SHA-256 of the content, hex; also its ETag.") String sha256,
      @Required String contentType) {}

  /** One version as its provider and the operator see it. */
  record VersionResponse(
      @Required String appId,
      @Required @Description("The manifest's version.code.") int code,
      @Required @Description("The manifest's version.name.") String name,
      @Required @Description("in_review, approved, rejected or live.") String status,
      @Description("The operator's reason for a rejection.") String statusReason,
      @Required @Description("light, dark or auto.") String colorScheme,
      @Required List<PermissionBody> permissions,
      @Required long bundleBytes,
      @Required Instant createdAt,
      Instant decidedAt,
      @Description("When it last went live.") Instant releasedAt,
      @Description("Only in the answer to an upload and to the file list: the files it holds.")
          List<FileBody> files) {

    static VersionResponse of(MiniAppVersion version) {
      return of(version, null);
    }

    static VersionResponse of(MiniAppVersion version, List<MiniAppVersion.File> files) {
      return new VersionResponse(
          version.appId(),
          version.code(),
          version.name(),
          version.status().wire(),
          version.statusReason(),
          version.colorScheme(),
          version.permissions().stream()
              .map(scope -> new PermissionBody(scope.scope().wire(), scope.reason()))
              .toList(),
          version.bundleBytes(),
          Instant.ofEpochMilli(version.createdAtMillis()),
          instant(version.decidedAtMillis()),
          instant(version.releasedAtMillis()),
          files == null
              ? null
              : files.stream()
                  .map(
                      file ->
                          new FileBody(
                              file.path(), file.sizeBytes(), file.sha256Hex(), file.contentType()))
                  .toList());
    }

    private static Instant instant(Long millis) {
      return millis == null ? null : Instant.ofEpochMilli(millis);
    }
  }

  record VersionList(@Required List<VersionResponse> items) {}
}
