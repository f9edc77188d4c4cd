package dev.atrium.notifications;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** SQL for the conversation_mutes table. */
final class MuteStore {
  private static final RowMapper<Mute> MUTE =
      row -> {
        long until = row.getLong("muted_until");
        return new Mute(
            row.getString("account_id"),
            row.getString("conversation_id"),
            row.wasNull() ? null : until);
      };

  void upsert(Handle handle, Mute mute) {
    handle.update(
        """
        INSERT INTO conversation_mutes (account_id, conversation_id, muted_until) VALUES (?, ?, ?)
        ON CONFLICT (account_id, conversation_id) DO UPDATE SET muted_until = excluded.muted_until
        """,
        mute.accountId(),
        mute.conversationId(),
        mute.untilMillis());
  }

  boolean delete(Handle handle, String accountId, String conversationId) {
    return handle.update(
            "DELETE FROM conversation_mutes WHERE account_id = ? AND conversation_id = ?",
            accountId,
            conversationId)
        == 1;
  }

  /** The account's mutes still in force, soonest ending last (forever first). */
  List<Mute> activeOf(Handle handle, String accountId, long nowMillis, int rowsMax) {
    return handle.queryList(
        """
        SELECT account_id, conversation_id, muted_until FROM conversation_mutes
         WHERE account_id = ? AND (muted_until IS NULL OR muted_until > ?)
         ORDER BY conversation_id LIMIT ?
        """,
        MUTE,
        rowsMax,
        accountId,
        nowMillis,
        rowsMax);
  }

  /** The accounts that have muted the conversation now. */
  Set<String> mutingAccounts(Handle handle, String conversationId, long nowMillis, int rowsMax) {
    return handle
        .queryList(
            """
        SELECT account_id, conversation_id, muted_until FROM conversation_mutes
         WHERE conversation_id = ? AND (muted_until IS NULL OR muted_until > ?) LIMIT ?
        """,
            MUTE,
            rowsMax,
            conversationId,
            nowMillis,
            rowsMax)
        .stream()
        .map(Mute::accountId)
        .collect(Collectors.toSet());
  }

  /** Removes mutes that ended, so the table holds only what is in force. */
  void deleteEnded(Handle handle, String accountId, long nowMillis) {
    handle.update(
        "DELETE FROM conversation_mutes WHERE account_id = ? AND muted_until IS NOT NULL AND muted_until <= ?",
        accountId,
        nowMillis);
  }

  void deleteAllOf(Handle handle, String accountId) {
    handle.update("DELETE FROM conversation_mutes WHERE account_id = ?", accountId);
  }
}
