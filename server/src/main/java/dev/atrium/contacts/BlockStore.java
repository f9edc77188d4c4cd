package dev.atrium.contacts;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;

/** SQL for the contact_blocks table. */
final class BlockStore {
  private static final int PAIRS_PER_QUERY_MAX = 200;
  private static final RowMapper<Block> BLOCK =
      row ->
          new Block(
              row.getString("blocker_account_id"),
              row.getString("blocked_account_id"),
              row.getLong("created_at"));

  /** Blocks; blocking again keeps the first block's time. */
  void insert(Handle handle, Block block) {
    handle.update(
        """
        INSERT INTO contact_blocks (blocker_account_id, blocked_account_id, created_at) VALUES (?, ?, ?)
        ON CONFLICT (blocker_account_id, blocked_account_id) DO NOTHING
        """,
        block.blockerAccountId(),
        block.blockedAccountId(),
        block.createdAtMillis());
  }

  boolean existsEitherWay(Handle handle, String accountId, String otherAccountId) {
    return handle.queryLong(
            """
        SELECT COUNT(*) FROM contact_blocks
         WHERE (blocker_account_id = ? AND blocked_account_id = ?)
            OR (blocker_account_id = ? AND blocked_account_id = ?)
        """,
            accountId,
            otherAccountId,
            otherAccountId,
            accountId)
        > 0;
  }

  /**
   * Of these pairs, the ones where either account blocked the other, in one query per chunk: the
   * messaging writer checks a whole batch of sends this way.
   */
  java.util.Set<List<String>> blockedAmong(
      Handle handle, java.util.Collection<List<String>> pairs) {
    java.util.Set<List<String>> blocked = new java.util.HashSet<>();
    List<List<String>> all = List.copyOf(new java.util.LinkedHashSet<>(pairs));
    for (int from = 0; from < all.size(); from += PAIRS_PER_QUERY_MAX) {
      List<List<String>> chunk =
          all.subList(from, Math.min(all.size(), from + PAIRS_PER_QUERY_MAX));
      Object[] arguments = new Object[chunk.size() * 4];
      for (int i = 0; i < chunk.size(); i++) {
        arguments[4 * i] = chunk.get(i).get(0);
        arguments[4 * i + 1] = chunk.get(i).get(1);
        arguments[4 * i + 2] = chunk.get(i).get(1);
        arguments[4 * i + 3] = chunk.get(i).get(0);
      }
      String rows = String.join(", ", java.util.Collections.nCopies(chunk.size() * 2, "(?, ?)"));
      java.util.Set<List<String>> found = new java.util.HashSet<>();
      handle.queryList(
          """
          SELECT blocker_account_id, blocked_account_id FROM contact_blocks
           WHERE (blocker_account_id, blocked_account_id) IN (VALUES %s)
          """
              .formatted(rows),
          row -> found.add(List.of(row.getString(1), row.getString(2))),
          chunk.size() * 2,
          arguments);
      for (List<String> pair : chunk) {
        if (found.contains(pair) || found.contains(List.of(pair.get(1), pair.get(0)))) {
          blocked.add(pair);
        }
      }
    }
    return blocked;
  }

  boolean delete(Handle handle, String blockerAccountId, String blockedAccountId) {
    return handle.update(
            "DELETE FROM contact_blocks WHERE blocker_account_id = ? AND blocked_account_id = ?",
            blockerAccountId,
            blockedAccountId)
        == 1;
  }

  /** Whom the account blocked, ordered by blocked id, after {@code afterBlockedId}. */
  List<Block> list(Handle handle, String blockerAccountId, String afterBlockedId, int rowsMax) {
    return handle.queryList(
        """
        SELECT blocker_account_id, blocked_account_id, created_at
          FROM contact_blocks
         WHERE blocker_account_id = ? AND blocked_account_id > ?
         ORDER BY blocked_account_id
         LIMIT ?
        """,
        BLOCK,
        rowsMax,
        blockerAccountId,
        afterBlockedId,
        rowsMax);
  }

  void deleteAllOf(Handle handle, String accountId) {
    handle.update(
        "DELETE FROM contact_blocks WHERE blocker_account_id = ? OR blocked_account_id = ?",
        accountId,
        accountId);
  }
}
