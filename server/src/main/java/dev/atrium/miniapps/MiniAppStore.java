package dev.atrium.miniapps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import dev.atrium.platform.json.Json;
import java.util.List;
import java.util.Optional;

/** SQL for the mini-program registry (table {@code miniapps}). */
final class MiniAppStore {
  private static final String COLUMNS =
      "app_id, owner_account_id, name, icon, category, description, languages_json, domains_json,"
          + " scopes_json, webhook_url, status, status_reason, created_at, updated_at, decided_at";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<List<StoredScope>> SCOPES = new TypeReference<>() {};
  private static final RowMapper<MiniApp> APP =
      row ->
          new MiniApp(
              row.getString("app_id"),
              row.getString("owner_account_id"),
              row.getString("name"),
              row.getString("icon"),
              MiniApp.Category.valueOf(row.getString("category")),
              row.getString("description"),
              read(row.getString("languages_json"), STRINGS),
              read(row.getString("domains_json"), STRINGS),
              read(row.getString("scopes_json"), SCOPES).stream()
                  .map(
                      scope ->
                          new MiniApp.ScopeRequest(
                              MiniApp.Scope.valueOf(scope.scope()), scope.reason()))
                  .toList(),
              row.getString("webhook_url"),
              MiniApp.Status.valueOf(row.getString("status")),
              row.getString("status_reason"),
              row.getLong("created_at"),
              row.getLong("updated_at"),
              nullableLong(row, "decided_at"));

  /** The JSON form of a scope request in {@code scopes_json}. */
  record StoredScope(String scope, String reason) {}

  void insert(Handle handle, MiniApp app, String secretHash) {
    handle.update(
        "INSERT INTO miniapps ("
            + COLUMNS
            + ", secret_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        app.appId(),
        app.ownerAccountId(),
        app.name(),
        app.icon(),
        app.category().name(),
        app.description(),
        Json.write(app.languages()),
        Json.write(app.domains()),
        scopesJson(app),
        app.webhookUrl(),
        app.status().name(),
        app.statusReason(),
        app.createdAtMillis(),
        app.updatedAtMillis(),
        app.decidedAtMillis(),
        secretHash);
  }

  /** Writes the listing fields and the status of an edit. */
  void updateListing(Handle handle, MiniApp app) {
    handle.update(
        "UPDATE miniapps SET name = ?, icon = ?, category = ?, description = ?, languages_json = ?,"
            + " domains_json = ?, scopes_json = ?, webhook_url = ?, status = ?, updated_at = ?"
            + " WHERE app_id = ?",
        app.name(),
        app.icon(),
        app.category().name(),
        app.description(),
        Json.write(app.languages()),
        Json.write(app.domains()),
        scopesJson(app),
        app.webhookUrl(),
        app.status().name(),
        app.updatedAtMillis(),
        app.appId());
  }

  /** The operator's decision, only from {@code from} so that concurrent decisions do not mix. */
  boolean decide(
      Handle handle,
      String appId,
      MiniApp.Status from,
      MiniApp.Status to,
      String reason,
      long nowMillis) {
    return handle.update(
            "UPDATE miniapps SET status = ?, status_reason = ?, decided_at = ?, updated_at = ?"
                + " WHERE app_id = ? AND status = ?",
            to.name(),
            reason,
            nowMillis,
            nowMillis,
            appId,
            from.name())
        == 1;
  }

  void replaceSecret(Handle handle, String appId, String secretHash, long nowMillis) {
    handle.update(
        "UPDATE miniapps SET secret_hash = ?, updated_at = ? WHERE app_id = ?",
        secretHash,
        nowMillis,
        appId);
  }

  Optional<MiniApp> app(Handle handle, String appId) {
    return handle.queryOne("SELECT " + COLUMNS + " FROM miniapps WHERE app_id = ?", APP, appId);
  }

  Optional<String> secretHash(Handle handle, String appId) {
    return handle.queryOne(
        "SELECT secret_hash FROM miniapps WHERE app_id = ?", row -> row.getString(1), appId);
  }

  List<MiniApp> appsOf(Handle handle, String ownerAccountId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + " FROM miniapps WHERE owner_account_id = ? ORDER BY created_at, app_id LIMIT ?",
        APP,
        rowsMax,
        ownerAccountId,
        rowsMax);
  }

  long countOf(Handle handle, String ownerAccountId) {
    return handle.queryLong(
        "SELECT COUNT(*) FROM miniapps WHERE owner_account_id = ?", ownerAccountId);
  }

  List<MiniApp> appsWithStatus(Handle handle, MiniApp.Status status, int rowsMax) {
    return handle.queryList(
        "SELECT " + COLUMNS + " FROM miniapps WHERE status = ? ORDER BY created_at, app_id LIMIT ?",
        APP,
        rowsMax,
        status.name(),
        rowsMax);
  }

  /**
   * Approved apps whose name or description contains {@code text} (case-insensitive for ASCII),
   * optionally of one category, by name.
   */
  List<MiniApp> catalogue(Handle handle, String text, MiniApp.Category category, int rowsMax) {
    String pattern =
        "%" + likeEscaped(text == null ? "" : text.toLowerCase(java.util.Locale.ROOT)) + "%";
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM miniapps WHERE status = ?"
            + " AND (LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(description) LIKE ? ESCAPE '\\')";
    if (category == null) {
      return handle.queryList(
          sql + " ORDER BY name, app_id LIMIT ?",
          APP,
          rowsMax,
          MiniApp.Status.APPROVED.name(),
          pattern,
          pattern,
          rowsMax);
    }
    return handle.queryList(
        sql + " AND category = ? ORDER BY name, app_id LIMIT ?",
        APP,
        rowsMax,
        MiniApp.Status.APPROVED.name(),
        pattern,
        pattern,
        category.name(),
        rowsMax);
  }

  /** Takes every app of a deleted account offline, keeping the rows (their ids stay taken). */
  void suspendAllOf(Handle handle, String ownerAccountId, String reason, long nowMillis) {
    handle.update(
        "UPDATE miniapps SET status = ?, status_reason = ?, decided_at = ?, updated_at = ?"
            + " WHERE owner_account_id = ? AND status <> ?",
        MiniApp.Status.SUSPENDED.name(),
        reason,
        nowMillis,
        nowMillis,
        ownerAccountId,
        MiniApp.Status.SUSPENDED.name());
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String scopesJson(MiniApp app) {
    return Json.write(
        app.scopes().stream()
            .map(scope -> new StoredScope(scope.scope().name(), scope.reason()))
            .toList());
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return Json.MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored mini-program list is not valid JSON", e);
    }
  }

  private static Long nullableLong(java.sql.ResultSet row, String column)
      throws java.sql.SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }
}
