package dev.atrium.miniapps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import dev.atrium.platform.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for bundle versions (tables {@code miniapp_versions} and {@code miniapp_version_files}). */
final class MiniAppVersionStore {
  private static final String COLUMNS =
      "app_id, code, name, status, status_reason, color_scheme, permissions_json, bundle_bytes,"
          + " created_at, decided_at, released_at";
  private static final TypeReference<List<MiniAppStore.StoredScope>> SCOPES =
      new TypeReference<>() {};
  private static final RowMapper<MiniAppVersion> VERSION =
      row ->
          new MiniAppVersion(
              row.getString("app_id"),
              (int) row.getLong("code"),
              row.getString("name"),
              MiniAppVersion.Status.valueOf(row.getString("status")),
              row.getString("status_reason"),
              row.getString("color_scheme"),
              scopes(row.getString("permissions_json")),
              row.getLong("bundle_bytes"),
              row.getLong("created_at"),
              nullableLong(row, "decided_at"),
              nullableLong(row, "released_at"));
  private static final RowMapper<MiniAppVersion.File> FILE =
      row ->
          new MiniAppVersion.File(
              row.getString("path"),
              row.getLong("size_bytes"),
              row.getString("sha256"),
              row.getString("content_type"));

  /** Stores a new version and the list of its files. */
  void insert(Handle handle, MiniAppVersion version, List<MiniAppVersion.File> files) {
    handle.update(
        "INSERT INTO miniapp_versions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        version.appId(),
        (long) version.code(),
        version.name(),
        version.status().name(),
        version.statusReason(),
        version.colorScheme(),
        Json.write(
            version.permissions().stream()
                .map(scope -> new MiniAppStore.StoredScope(scope.scope().name(), scope.reason()))
                .toList()),
        version.bundleBytes(),
        version.createdAtMillis(),
        version.decidedAtMillis(),
        version.releasedAtMillis());
    List<Object[]> rows = new ArrayList<>();
    for (MiniAppVersion.File file : files) {
      rows.add(
          new Object[] {
            version.appId(),
            (long) version.code(),
            file.path(),
            file.sizeBytes(),
            file.sha256Hex(),
            file.contentType()
          });
    }
    handle.batch(
        "INSERT INTO miniapp_version_files (app_id, code, path, size_bytes, sha256, content_type)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        rows);
  }

  Optional<MiniAppVersion> version(Handle handle, String appId, int code) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM miniapp_versions WHERE app_id = ? AND code = ?",
        VERSION,
        appId,
        (long) code);
  }

  /** The app's versions, newest first. */
  List<MiniAppVersion> versionsOf(Handle handle, String appId, int rowsMax) {
    return handle.queryList(
        "SELECT " + COLUMNS + " FROM miniapp_versions WHERE app_id = ? ORDER BY code DESC LIMIT ?",
        VERSION,
        rowsMax,
        appId,
        rowsMax);
  }

  /** Versions with one status across all apps, oldest first (the operator's queue). */
  List<MiniAppVersion> withStatus(Handle handle, MiniAppVersion.Status status, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + " FROM miniapp_versions WHERE status = ? ORDER BY created_at, app_id LIMIT ?",
        VERSION,
        rowsMax,
        status.name(),
        rowsMax);
  }

  long countOf(Handle handle, String appId) {
    return handle.queryLong("SELECT COUNT(*) FROM miniapp_versions WHERE app_id = ?", appId);
  }

  /** The highest code the app ever uploaded, 0 when none. */
  long highestCode(Handle handle, String appId) {
    return handle.queryLong(
        "SELECT COALESCE(MAX(code), 0) FROM miniapp_versions WHERE app_id = ?", appId);
  }

  Optional<MiniAppVersion> withStatusOf(Handle handle, String appId, MiniAppVersion.Status status) {
    return handle.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM miniapp_versions WHERE app_id = ? AND status = ? ORDER BY code DESC LIMIT 1",
        VERSION,
        appId,
        status.name());
  }

  /** The live versions of the given apps (at most one each), in no order. */
  List<MiniAppVersion> liveOf(Handle handle, List<String> appIds) {
    if (appIds.isEmpty()) {
      return List.of();
    }
    Object[] arguments = new Object[appIds.size() + 1];
    arguments[0] = MiniAppVersion.Status.LIVE.name();
    for (int i = 0; i < appIds.size(); i++) {
      arguments[i + 1] = appIds.get(i);
    }
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + " FROM miniapp_versions WHERE status = ? AND app_id IN ("
            + Handle.placeholders(appIds.size())
            + ")",
        VERSION,
        appIds.size(),
        arguments);
  }

  /** The operator's decision, only from {@code from} so that racing decisions do not mix. */
  boolean decide(
      Handle handle,
      String appId,
      int code,
      MiniAppVersion.Status from,
      MiniAppVersion.Status to,
      String reason,
      long nowMillis) {
    return handle.update(
            "UPDATE miniapp_versions SET status = ?, status_reason = ?, decided_at = ?"
                + " WHERE app_id = ? AND code = ? AND status = ?",
            to.name(),
            reason,
            nowMillis,
            appId,
            (long) code,
            from.name())
        == 1;
  }

  /** Makes the live version approved again, ahead of releasing another. */
  void retireLive(Handle handle, String appId) {
    handle.update(
        "UPDATE miniapp_versions SET status = ? WHERE app_id = ? AND status = ?",
        MiniAppVersion.Status.APPROVED.name(),
        appId,
        MiniAppVersion.Status.LIVE.name());
  }

  boolean release(Handle handle, String appId, int code, long nowMillis) {
    return handle.update(
            "UPDATE miniapp_versions SET status = ?, released_at = ?"
                + " WHERE app_id = ? AND code = ? AND status = ?",
            MiniAppVersion.Status.LIVE.name(),
            nowMillis,
            appId,
            (long) code,
            MiniAppVersion.Status.APPROVED.name())
        == 1;
  }

  /** One file of the app's live version, if there is a live version holding {@code path}. */
  Optional<MiniAppVersion.File> liveFile(Handle handle, String appId, String path) {
    return handle.queryOne(
        "SELECT f.path, f.size_bytes, f.sha256, f.content_type FROM miniapp_version_files f"
            + " JOIN miniapp_versions v ON v.app_id = f.app_id AND v.code = f.code"
            + " WHERE v.app_id = ? AND v.status = ? AND f.path = ?",
        FILE,
        appId,
        MiniAppVersion.Status.LIVE.name(),
        path);
  }

  List<MiniAppVersion.File> filesOf(Handle handle, String appId, int code, int rowsMax) {
    return handle.queryList(
        "SELECT path, size_bytes, sha256, content_type FROM miniapp_version_files"
            + " WHERE app_id = ? AND code = ? ORDER BY path LIMIT ?",
        FILE,
        rowsMax,
        appId,
        (long) code,
        rowsMax);
  }

  private static List<MiniApp.ScopeRequest> scopes(String json) {
    try {
      return Json.MAPPER.readValue(json, SCOPES).stream()
          .map(
              scope ->
                  new MiniApp.ScopeRequest(MiniApp.Scope.valueOf(scope.scope()), scope.reason()))
          .toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored version's permissions are not valid JSON", e);
    }
  }

  private static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
