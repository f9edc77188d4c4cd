package dev.atrium.miniapps;

import dev.atrium.platform.db.Handle;
import java.util.List;
import java.util.Optional;

/**
 * SQL for mini-program users: the pseudonym key, the {@code miniapp_users} rows, login codes,
 * consents, the access log and per-user storage.
 */
final class MiniAppUsersStore {

  /** A user of an app as stored. */
  record UserRow(
      String appId, String accountId, String openId, long firstLoginAt, long lastSeenAt) {}

  /** One consent. */
  record Grant(String appId, String scope, long grantedAt) {}

  /** One access-log entry. */
  record Access(String id, String appId, String kind, long at) {}

  /** One storage item. */
  record Item(String appId, String key, String value, long updatedAt) {}

  Optional<String> pseudonymKey(Handle handle) {
    return handle.queryOne(
        "SELECT secret_key FROM miniapp_pseudonym_keys WHERE id = 1",
        row -> row.getString("secret_key"));
  }

  void insertPseudonymKeyIfAbsent(Handle handle, String key, long now) {
    handle.update(
        """
        INSERT INTO miniapp_pseudonym_keys (id, secret_key, created_at) VALUES (1, ?, ?)
        ON CONFLICT (id) DO NOTHING
        """,
        key,
        now);
  }

  /** Records that the account used the app: inserts its row or moves last_seen_at. */
  void touchUser(Handle handle, String appId, String accountId, String openId, long now) {
    handle.update(
        """
        INSERT INTO miniapp_users (app_id, account_id, open_id, first_login_at, last_seen_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (app_id, account_id) DO UPDATE SET last_seen_at = excluded.last_seen_at
        """,
        appId,
        accountId,
        openId,
        now,
        now);
  }

  Optional<String> accountOf(Handle handle, String appId, String openId) {
    return handle.queryOne(
        "SELECT account_id FROM miniapp_users WHERE app_id = ? AND open_id = ?",
        row -> row.getString("account_id"),
        appId,
        openId);
  }

  Optional<String> openIdOf(Handle handle, String appId, String accountId) {
    return handle.queryOne(
        "SELECT open_id FROM miniapp_users WHERE app_id = ? AND account_id = ?",
        row -> row.getString("open_id"),
        appId,
        accountId);
  }

  List<UserRow> usedBy(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        """
        SELECT app_id, account_id, open_id, first_login_at, last_seen_at FROM miniapp_users
        WHERE account_id = ? ORDER BY last_seen_at DESC, app_id
        """,
        row ->
            new UserRow(
                row.getString("app_id"),
                row.getString("account_id"),
                row.getString("open_id"),
                row.getLong("first_login_at"),
                row.getLong("last_seen_at")),
        rowsMax,
        accountId);
  }

  void insertCode(Handle handle, String codeHash, String appId, String accountId, long expiresAt) {
    handle.update(
        "INSERT INTO miniapp_login_codes (code_hash, app_id, account_id, expires_at)"
            + " VALUES (?, ?, ?, ?)",
        codeHash,
        appId,
        accountId,
        expiresAt);
  }

  void deleteExpiredCodes(Handle handle, long now) {
    handle.update("DELETE FROM miniapp_login_codes WHERE expires_at <= ?", now);
  }

  /**
   * Consumes the code if it is the app's and unexpired: the account it was issued to, else empty.
   * The delete decides, so of two racing exchanges only one wins.
   */
  Optional<String> consumeCode(Handle handle, String codeHash, String appId, long now) {
    Optional<String> account =
        handle.queryOne(
            "SELECT account_id FROM miniapp_login_codes"
                + " WHERE code_hash = ? AND app_id = ? AND expires_at > ?",
            row -> row.getString("account_id"),
            codeHash,
            appId,
            now);
    if (account.isEmpty()
        || handle.update(
                "DELETE FROM miniapp_login_codes WHERE code_hash = ? AND app_id = ?",
                codeHash,
                appId)
            != 1) {
      return Optional.empty();
    }
    return account;
  }

  void grant(Handle handle, String appId, String accountId, String scope, long now) {
    handle.update(
        """
        INSERT INTO miniapp_consents (app_id, account_id, scope, granted_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (app_id, account_id, scope) DO NOTHING
        """,
        appId,
        accountId,
        scope,
        now);
  }

  List<Grant> grants(Handle handle, String appId, String accountId) {
    return handle.queryList(
        "SELECT app_id, scope, granted_at FROM miniapp_consents"
            + " WHERE app_id = ? AND account_id = ? ORDER BY scope",
        MiniAppUsersStore::grant,
        16,
        appId,
        accountId);
  }

  List<Grant> grantsOf(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT app_id, scope, granted_at FROM miniapp_consents WHERE account_id = ?"
            + " ORDER BY app_id, scope",
        MiniAppUsersStore::grant,
        rowsMax,
        accountId);
  }

  boolean revoke(Handle handle, String appId, String accountId, String scope) {
    return handle.update(
            "DELETE FROM miniapp_consents WHERE app_id = ? AND account_id = ? AND scope = ?",
            appId,
            accountId,
            scope)
        == 1;
  }

  /** Inserts an entry and keeps only the newest {@code keepMax} of the account and app. */
  void logAccess(
      Handle handle,
      String id,
      String appId,
      String accountId,
      String kind,
      long now,
      int keepMax) {
    handle.update(
        "INSERT INTO miniapp_access_log (id, app_id, account_id, kind, at) VALUES (?, ?, ?, ?, ?)",
        id,
        appId,
        accountId,
        kind,
        now);
    handle.update(
        """
        DELETE FROM miniapp_access_log WHERE app_id = ? AND account_id = ? AND id NOT IN (
          SELECT id FROM miniapp_access_log WHERE app_id = ? AND account_id = ?
          ORDER BY at DESC, id DESC LIMIT ?)
        """,
        appId,
        accountId,
        appId,
        accountId,
        keepMax);
  }

  List<Access> accessLog(
      Handle handle, String appId, String accountId, long beforeMillis, int rowsMax) {
    return handle.queryList(
        """
        SELECT id, app_id, kind, at FROM miniapp_access_log
        WHERE app_id = ? AND account_id = ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?
        """,
        MiniAppUsersStore::access,
        rowsMax,
        appId,
        accountId,
        beforeMillis,
        rowsMax);
  }

  List<Access> accessLogOf(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT id, app_id, kind, at FROM miniapp_access_log WHERE account_id = ?"
            + " ORDER BY app_id, at DESC",
        MiniAppUsersStore::access,
        rowsMax,
        accountId);
  }

  List<String> storageKeys(Handle handle, String appId, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT item_key FROM miniapp_storage WHERE app_id = ? AND account_id = ?"
            + " ORDER BY item_key",
        row -> row.getString("item_key"),
        rowsMax,
        appId,
        accountId);
  }

  long storageCount(Handle handle, String appId, String accountId) {
    return handle.queryLong(
        "SELECT COUNT(*) FROM miniapp_storage WHERE app_id = ? AND account_id = ?",
        appId,
        accountId);
  }

  Optional<String> storageValue(Handle handle, String appId, String accountId, String key) {
    return handle.queryOne(
        "SELECT item_value FROM miniapp_storage WHERE app_id = ? AND account_id = ?"
            + " AND item_key = ?",
        row -> row.getString("item_value"),
        appId,
        accountId,
        key);
  }

  void putStorage(
      Handle handle, String appId, String accountId, String key, String value, long now) {
    handle.update(
        """
        INSERT INTO miniapp_storage (app_id, account_id, item_key, item_value, updated_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (app_id, account_id, item_key)
        DO UPDATE SET item_value = excluded.item_value, updated_at = excluded.updated_at
        """,
        appId,
        accountId,
        key,
        value,
        now);
  }

  boolean deleteStorage(Handle handle, String appId, String accountId, String key) {
    return handle.update(
            "DELETE FROM miniapp_storage WHERE app_id = ? AND account_id = ? AND item_key = ?",
            appId,
            accountId,
            key)
        == 1;
  }

  List<Item> storageOf(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT app_id, item_key, item_value, updated_at FROM miniapp_storage"
            + " WHERE account_id = ? ORDER BY app_id, item_key",
        row ->
            new Item(
                row.getString("app_id"),
                row.getString("item_key"),
                row.getString("item_value"),
                row.getLong("updated_at")),
        rowsMax,
        accountId);
  }

  /** Erases everything of the account in these tables. */
  void deleteAllOf(Handle handle, String accountId) {
    for (String table :
        List.of(
            "miniapp_storage",
            "miniapp_access_log",
            "miniapp_consents",
            "miniapp_login_codes",
            "miniapp_users")) {
      handle.update("DELETE FROM " + table + " WHERE account_id = ?", accountId);
    }
  }

  private static Grant grant(java.sql.ResultSet row) throws java.sql.SQLException {
    return new Grant(row.getString("app_id"), row.getString("scope"), row.getLong("granted_at"));
  }

  private static Access access(java.sql.ResultSet row) throws java.sql.SQLException {
    return new Access(
        row.getString("id"), row.getString("app_id"), row.getString("kind"), row.getLong("at"));
  }
}
