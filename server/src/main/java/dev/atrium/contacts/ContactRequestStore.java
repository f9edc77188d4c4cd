package dev.atrium.contacts;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Optional;

/** SQL for the contact_requests table: pending requests only. */
final class ContactRequestStore {
  private static final String COLUMNS =
      "id, sender_account_id, recipient_account_id, note, created_at";
  private static final RowMapper<ContactRequest> REQUEST =
      row ->
          new ContactRequest(
              row.getString("id"),
              row.getString("sender_account_id"),
              row.getString("recipient_account_id"),
              row.getString("note"),
              row.getLong("created_at"));

  /** The key that makes a pair of accounts unique regardless of direction. */
  static String pairKey(String accountId, String otherAccountId) {
    return accountId.compareTo(otherAccountId) < 0
        ? accountId + ":" + otherAccountId
        : otherAccountId + ":" + accountId;
  }

  void insert(Handle handle, ContactRequest request) {
    handle.update(
        """
        INSERT INTO contact_requests (id, sender_account_id, recipient_account_id, pair_key, note, created_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        request.id(),
        request.senderAccountId(),
        request.recipientAccountId(),
        pairKey(request.senderAccountId(), request.recipientAccountId()),
        request.note(),
        request.createdAtMillis());
  }

  Optional<ContactRequest> findById(Handle handle, String requestId) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM contact_requests WHERE id = ?", REQUEST, requestId);
  }

  /** The pending request between two accounts, whichever way it goes. */
  Optional<ContactRequest> findBetween(Handle handle, String accountId, String otherAccountId) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM contact_requests WHERE pair_key = ?",
        REQUEST,
        pairKey(accountId, otherAccountId));
  }

  /** Deletes a request addressed to {@code recipientAccountId}; false when there is none such. */
  boolean deleteIncoming(Handle handle, String requestId, String recipientAccountId) {
    return handle.update(
            "DELETE FROM contact_requests WHERE id = ? AND recipient_account_id = ?",
            requestId,
            recipientAccountId)
        == 1;
  }

  /** Deletes a request sent by {@code senderAccountId}; false when there is none such. */
  boolean deleteOutgoing(Handle handle, String requestId, String senderAccountId) {
    return handle.update(
            "DELETE FROM contact_requests WHERE id = ? AND sender_account_id = ?",
            requestId,
            senderAccountId)
        == 1;
  }

  void deleteBetween(Handle handle, String accountId, String otherAccountId) {
    handle.update(
        "DELETE FROM contact_requests WHERE pair_key = ?", pairKey(accountId, otherAccountId));
  }

  long countOutgoing(Handle handle, String senderAccountId) {
    return handle.queryLong(
        "SELECT COUNT(*) FROM contact_requests WHERE sender_account_id = ?", senderAccountId);
  }

  /** Requests to the account, newest first, after the cursor. */
  List<ContactRequest> listIncoming(
      Handle handle, String recipientAccountId, RequestCursor after, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + """
         FROM contact_requests
        WHERE recipient_account_id = ?
          AND (created_at < ? OR (created_at = ? AND id < ?))
        ORDER BY created_at DESC, id DESC
        LIMIT ?
        """,
        REQUEST,
        rowsMax,
        recipientAccountId,
        after.createdAtMillis(),
        after.createdAtMillis(),
        after.id(),
        rowsMax);
  }

  /** Requests from the account, newest first, after the cursor. */
  List<ContactRequest> listOutgoing(
      Handle handle, String senderAccountId, RequestCursor after, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + """
         FROM contact_requests
        WHERE sender_account_id = ?
          AND (created_at < ? OR (created_at = ? AND id < ?))
        ORDER BY created_at DESC, id DESC
        LIMIT ?
        """,
        REQUEST,
        rowsMax,
        senderAccountId,
        after.createdAtMillis(),
        after.createdAtMillis(),
        after.id(),
        rowsMax);
  }

  void deleteAllOf(Handle handle, String accountId) {
    handle.update(
        "DELETE FROM contact_requests WHERE sender_account_id = ? OR recipient_account_id = ?",
        accountId,
        accountId);
  }
}
