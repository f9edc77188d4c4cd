package dev.atrium.contacts;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.Optional;

/** SQL for the contact_links table: one current link per account. */
final class ContactLinkStore {
  private static final RowMapper<ContactLink> LINK =
      row ->
          new ContactLink(
              row.getString("account_id"), row.getString("token"), row.getLong("created_at"));

  Optional<ContactLink> find(Handle handle, String accountId) {
    return handle.queryOne(
        "SELECT account_id, token, created_at FROM contact_links WHERE account_id = ?",
        LINK,
        accountId);
  }

  Optional<ContactLink> findByToken(Handle handle, String token) {
    return handle.queryOne(
        "SELECT account_id, token, created_at FROM contact_links WHERE token = ?", LINK, token);
  }

  /** Stores the link unless the account has one already (two first reads may race). */
  void insertIfAbsent(Handle handle, ContactLink link) {
    handle.update(
        """
        INSERT INTO contact_links (account_id, token, created_at) VALUES (?, ?, ?)
        ON CONFLICT (account_id) DO NOTHING
        """,
        link.accountId(),
        link.token(),
        link.createdAtMillis());
  }

  /** Replaces the account's link; the old token stops working with this statement. */
  void replace(Handle handle, ContactLink link) {
    handle.update(
        """
        INSERT INTO contact_links (account_id, token, created_at) VALUES (?, ?, ?)
        ON CONFLICT (account_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at
        """,
        link.accountId(),
        link.token(),
        link.createdAtMillis());
  }

  void delete(Handle handle, String accountId) {
    handle.update("DELETE FROM contact_links WHERE account_id = ?", accountId);
  }
}
