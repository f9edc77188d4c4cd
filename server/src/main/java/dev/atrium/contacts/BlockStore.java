package dev.atrium.contacts;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;

/** SQL for the contact_blocks table. */
final class BlockStore {
  private static final RowMapper<Block> BLOCK = row -> new Block(
      row.getString("blocker_account_id"),
      row.getString("blocked_account_id"),
      row.getLong("created_at"));

  /** Blocks; blocking again keeps the first block's time. */
  void insert(Handle handle, Block block) {
    handle.update("""
        INSERT INTO contact_blocks (blocker_account_id, blocked_account_id, created_at) VALUES (?, ?, ?)
        ON CONFLICT (blocker_account_id, blocked_account_id) DO NOTHING
        """, block.blockerAccountId(), block.blockedAccountId(), block.createdAtMillis());
  }

  boolean existsEitherWay(Handle handle, String accountId, String otherAccountId) {
    return handle.queryLong("""
        SELECT COUNT(*) FROM contact_blocks
         WHERE (blocker_account_id = ? AND blocked_account_id = ?)
            OR (blocker_account_id = ? AND blocked_account_id = ?)
        """, accountId, otherAccountId, otherAccountId, accountId) > 0;
  }

  boolean delete(Handle handle, String blockerAccountId, String blockedAccountId) {
    return handle.update("DELETE FROM contact_blocks WHERE blocker_account_id = ? AND blocked_account_id = ?",
        blockerAccountId, blockedAccountId) == 1;
  }

  /** Whom the account blocked, ordered by blocked id, after {@code afterBlockedId}. */
  List<Block> list(Handle handle, String blockerAccountId, String afterBlockedId, int rowsMax) {
    return handle.queryList("""
        SELECT blocker_account_id, blocked_account_id, created_at
          FROM contact_blocks
         WHERE blocker_account_id = ? AND blocked_account_id > ?
         ORDER BY blocked_account_id
         LIMIT ?
        """, BLOCK, rowsMax, blockerAccountId, afterBlockedId, rowsMax);
  }

  void deleteAllOf(Handle handle, String accountId) {
    handle.update("DELETE FROM contact_blocks WHERE blocker_account_id = ? OR blocked_account_id = ?",
        accountId, accountId);
  }
}
