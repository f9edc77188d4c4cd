package dev.atrium.wallet;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Optional;

/** SQL for chat transfers. */
final class ChatTransferStore {
  private static final String COLUMNS =
      "id, conversation_id, sender_account_id, recipient_account_id, amount_cents,"
          + " memo, status, created_at, expires_at, resolved_at, hold_posting_id, resolve_posting_id";
  private static final RowMapper<ChatTransfer> TRANSFER =
      row ->
          new ChatTransfer(
              row.getString("id"),
              row.getString("conversation_id"),
              row.getString("sender_account_id"),
              row.getString("recipient_account_id"),
              row.getLong("amount_cents"),
              row.getString("memo"),
              ChatTransfer.Status.valueOf(row.getString("status")),
              row.getLong("created_at"),
              row.getLong("expires_at"),
              row.getObject("resolved_at") == null ? null : row.getLong("resolved_at"),
              row.getString("hold_posting_id"),
              row.getString("resolve_posting_id"));

  void insert(Handle handle, ChatTransfer transfer) {
    handle.update(
        "INSERT INTO wallet_chat_transfers ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        transfer.id(),
        transfer.conversationId(),
        transfer.senderAccountId(),
        transfer.recipientAccountId(),
        transfer.amountCents(),
        transfer.memo(),
        transfer.status(),
        transfer.createdAtMillis(),
        transfer.expiresAtMillis(),
        transfer.resolvedAtMillis(),
        transfer.holdPostingId(),
        transfer.resolvePostingId());
  }

  Optional<ChatTransfer> find(Handle handle, String id) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM wallet_chat_transfers WHERE id = ?", TRANSFER, id);
  }

  /**
   * Locks the row for the rest of the transaction (PostgreSQL; SQLite's writer is alone anyway) and
   * reads it.
   */
  Optional<ChatTransfer> lock(Handle handle, String id) {
    handle.update("UPDATE wallet_chat_transfers SET status = status WHERE id = ?", id);
    return find(handle, id);
  }

  void resolve(
      Handle handle, String id, ChatTransfer.Status status, long nowMillis, String postingId) {
    int updated =
        handle.update(
            """
        UPDATE wallet_chat_transfers SET status = ?, resolved_at = ?, resolve_posting_id = ?
         WHERE id = ? AND status = 'PENDING'
        """,
            status,
            nowMillis,
            postingId,
            id);
    dev.atrium.platform.limits.Invariants.check(updated == 1, "a transfer is resolved once");
  }

  /** Pending transfers whose time ran out, oldest first. */
  List<String> expiredPending(Handle handle, long nowMillis, int rowsMax) {
    return handle.queryList(
        """
        SELECT id FROM wallet_chat_transfers WHERE status = 'PENDING' AND expires_at <= ?
         ORDER BY expires_at LIMIT ?
        """,
        row -> row.getString(1),
        rowsMax,
        nowMillis,
        rowsMax);
  }

  /** Transfers an account sent or received, newest first, for its data export. */
  List<ChatTransfer> forAccount(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + " FROM wallet_chat_transfers"
            + " WHERE sender_account_id = ? OR recipient_account_id = ? ORDER BY created_at DESC LIMIT ?",
        TRANSFER,
        rowsMax,
        accountId,
        accountId,
        rowsMax);
  }

  boolean hasPendingSentBy(Handle handle, String accountId) {
    return handle
        .queryOne(
            "SELECT 1 FROM wallet_chat_transfers WHERE sender_account_id = ? AND status = 'PENDING'"
                + " LIMIT 1",
            row -> 1,
            accountId)
        .isPresent();
  }
}
