package dev.atrium.identity;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** SQL for the accounts table. */
final class AccountStore {
  private static final String COLUMNS =
      "id, username, display_name, language, status, device_count, created_at, updated_at";
  private static final RowMapper<Account> ACCOUNT =
      row ->
          new Account(
              row.getString("id"),
              row.getString("username"),
              row.getString("display_name"),
              Language.fromCode(row.getString("language")).orElse(Language.EN),
              AccountStatus.valueOf(row.getString("status")),
              row.getInt("device_count"),
              row.getLong("created_at"),
              row.getLong("updated_at"));

  /** An account with its password hash, for login checks only. */
  record Credentials(Account account, String passwordHash) {}

  void insert(Handle handle, Account account, String passwordHash) {
    handle.update(
        """
        INSERT INTO accounts (id, username, display_name, language, password_hash, status,
                              device_count, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
        """,
        account.id(),
        account.username(),
        account.displayName(),
        account.language().code(),
        passwordHash,
        account.status(),
        account.createdAtMillis(),
        account.updatedAtMillis());
  }

  Optional<Account> findById(Handle handle, String accountId) {
    return handle.queryOne("SELECT " + COLUMNS + " FROM accounts WHERE id = ?", ACCOUNT, accountId);
  }

  Optional<Account> findByUsername(Handle handle, String username) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM accounts WHERE username = ?", ACCOUNT, username);
  }

  /** The accounts among {@code ids}; the caller bounds how many ids it passes. */
  List<Account> findByIds(Handle handle, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
    return handle.queryList(
        "SELECT " + COLUMNS + " FROM accounts WHERE id IN (" + placeholders + ")",
        ACCOUNT,
        ids.size(),
        ids.toArray());
  }

  Optional<Credentials> credentialsByUsername(Handle handle, String username) {
    return handle.queryOne(
        "SELECT " + COLUMNS + ", password_hash FROM accounts WHERE username = ?",
        row -> new Credentials(ACCOUNT.map(row), row.getString("password_hash")),
        username);
  }

  Optional<String> passwordHash(Handle handle, String accountId) {
    return handle.queryOne(
        "SELECT password_hash FROM accounts WHERE id = ?", row -> row.getString(1), accountId);
  }

  void updateProfile(
      Handle handle, String accountId, String displayName, Language language, long nowMillis) {
    handle.update(
        "UPDATE accounts SET display_name = ?, language = ?, updated_at = ? WHERE id = ?",
        displayName,
        language.code(),
        nowMillis,
        accountId);
  }

  void updatePasswordHash(Handle handle, String accountId, String passwordHash, long nowMillis) {
    handle.update(
        "UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?",
        passwordHash,
        nowMillis,
        accountId);
  }

  void updateStatus(Handle handle, String accountId, AccountStatus status, long nowMillis) {
    handle.update(
        "UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?",
        status,
        nowMillis,
        accountId);
  }

  /**
   * Reserves a device slot: a single conditional UPDATE, so two concurrent logins cannot both take
   * the last slot on either engine. False when the account is full.
   */
  boolean reserveDeviceSlot(Handle handle, String accountId, int devicesMax) {
    return handle.update(
            "UPDATE accounts SET device_count = device_count + 1 WHERE id = ? AND device_count < ? AND status = 'ACTIVE'",
            accountId,
            devicesMax)
        == 1;
  }

  void releaseDeviceSlots(Handle handle, String accountId, int count) {
    handle.update(
        "UPDATE accounts SET device_count = device_count - ? WHERE id = ?", count, accountId);
  }

  /** Deletion keeps the id (other records may point at it) and erases everything personal. */
  void pseudonymise(Handle handle, String accountId, long nowMillis) {
    handle.update(
        """
        UPDATE accounts
           SET username = NULL, display_name = NULL, password_hash = NULL, language = 'en',
               status = 'DELETED', device_count = 0, updated_at = ?, deleted_at = ?
         WHERE id = ?
        """,
        nowMillis,
        nowMillis,
        accountId);
  }

  /** Accounts ordered by username, after {@code afterUsername}, at most {@code rowsMax}. */
  List<Account> list(Handle handle, String afterUsername, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + """
         FROM accounts
        WHERE username IS NOT NULL AND username > ?
        ORDER BY username
        LIMIT ?
        """,
        ACCOUNT,
        rowsMax,
        afterUsername,
        rowsMax);
  }
}
