package dev.atrium.contacts;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;

/** SQL for the contacts table, where each friendship is a row per side. */
final class ContactStore {
  private static final RowMapper<Contact> CONTACT =
      row ->
          new Contact(
              row.getString("account_id"),
              row.getString("contact_account_id"),
              row.getLong("created_at"));

  /** Writes both sides; a side that exists already is kept as it is. */
  void insertPair(Handle handle, String accountId, String otherAccountId, long nowMillis) {
    String sql =
        """
        INSERT INTO contacts (account_id, contact_account_id, created_at) VALUES (?, ?, ?)
        ON CONFLICT (account_id, contact_account_id) DO NOTHING
        """;
    handle.update(sql, accountId, otherAccountId, nowMillis);
    handle.update(sql, otherAccountId, accountId, nowMillis);
  }

  boolean exists(Handle handle, String accountId, String otherAccountId) {
    return handle.queryLong(
            "SELECT COUNT(*) FROM contacts WHERE account_id = ? AND contact_account_id = ?",
            accountId,
            otherAccountId)
        > 0;
  }

  /** Deletes both sides; returns how many rows went (0 when they were not contacts). */
  int deletePair(Handle handle, String accountId, String otherAccountId) {
    return handle.update(
        """
        DELETE FROM contacts
         WHERE (account_id = ? AND contact_account_id = ?) OR (account_id = ? AND contact_account_id = ?)
        """,
        accountId,
        otherAccountId,
        otherAccountId,
        accountId);
  }

  /** The account's contacts ordered by contact id, after {@code afterContactId}. */
  List<Contact> list(Handle handle, String accountId, String afterContactId, int rowsMax) {
    return handle.queryList(
        """
        SELECT account_id, contact_account_id, created_at
          FROM contacts
         WHERE account_id = ? AND contact_account_id > ?
         ORDER BY contact_account_id
         LIMIT ?
        """,
        CONTACT,
        rowsMax,
        accountId,
        afterContactId,
        rowsMax);
  }

  void deleteAllOf(Handle handle, String accountId) {
    handle.update(
        "DELETE FROM contacts WHERE account_id = ? OR contact_account_id = ?",
        accountId,
        accountId);
  }
}
