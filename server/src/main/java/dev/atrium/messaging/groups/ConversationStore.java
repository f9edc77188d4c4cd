package dev.atrium.messaging.groups;

import dev.atrium.messaging.groups.GroupRecords.MemberKey;
import dev.atrium.messaging.groups.GroupRecords.Position;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Optional;

/** SQL for conversations, their members and join requests. */
final class ConversationStore {
  private static final int IDS_PER_QUERY_MAX = 500;
  private static final String COLUMNS = "id, kind, name, epoch, last_seq, created_by, created_at";
  private static final RowMapper<Conversation> CONVERSATION =
      row ->
          new Conversation(
              row.getString("id"),
              ConversationKind.valueOf(row.getString("kind")),
              row.getString("name"),
              row.getLong("epoch"),
              row.getLong("last_seq"),
              row.getString("created_by"),
              row.getLong("created_at"));
  private static final RowMapper<Member> MEMBER =
      row ->
          new Member(
              row.getString("conversation_id"),
              row.getString("account_id"),
              MemberRole.valueOf(row.getString("role")),
              row.getLong("joined_at"));

  void insert(Handle handle, Conversation conversation, String directKey) {
    handle.update(
        """
        INSERT INTO conversations (id, kind, name, direct_key, epoch, last_seq, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
        conversation.id(),
        conversation.kind(),
        conversation.name(),
        directKey,
        conversation.epoch(),
        conversation.lastSeq(),
        conversation.createdBy(),
        conversation.createdAtMillis());
  }

  Optional<Conversation> find(Handle handle, String conversationId) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM conversations WHERE id = ?", CONVERSATION, conversationId);
  }

  Optional<Conversation> findDirect(Handle handle, String directKey) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM conversations WHERE direct_key = ?", CONVERSATION, directKey);
  }

  Optional<Conversation> findByInviteToken(Handle handle, String token) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM conversations WHERE invite_token = ?", CONVERSATION, token);
  }

  /**
   * Locks the conversation's row for the rest of the transaction (on PostgreSQL; SQLite's write
   * transaction already excludes other writers) and returns its current state, so that sequence
   * numbers and epochs are decided from fresh values even across nodes.
   */
  Optional<Conversation> lockForWrite(Handle handle, String conversationId) {
    handle.update("UPDATE conversations SET last_seq = last_seq WHERE id = ?", conversationId);
    return find(handle, conversationId);
  }

  /**
   * {@link #lockForWrite(Handle, String)} for many conversations in one statement (per chunk): the
   * group-commit writer's batch touches dozens of them. On PostgreSQL the rows are locked in id
   * order, so two nodes' writers locking overlapping sets cannot deadlock; SQLite's write
   * transaction already excludes every other writer, so a plain read of the rows is fresh.
   */
  java.util.Map<String, Conversation> lockForWrite(
      Handle handle, java.util.Collection<String> conversationIds) {
    java.util.Map<String, Conversation> found = new java.util.HashMap<>();
    List<String> ids = java.util.List.copyOf(new java.util.TreeSet<>(conversationIds));
    if (handle.dialect() == Database.Dialect.POSTGRESQL) {
      handle.queryList(
          "SELECT " + COLUMNS + " FROM conversations WHERE id = ANY(?) ORDER BY id FOR UPDATE",
          row -> found.put(row.getString("id"), CONVERSATION.map(row)),
          ids.size(),
          handle.textArray(ids));
      return found;
    }
    for (int from = 0; from < ids.size(); from += IDS_PER_QUERY_MAX) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY_MAX));
      handle.queryList(
          "SELECT "
              + COLUMNS
              + " FROM conversations WHERE id IN ("
              + Handle.placeholders(chunk.size())
              + ")",
          row -> found.put(row.getString("id"), CONVERSATION.map(row)),
          chunk.size(),
          chunk.toArray());
    }
    return found;
  }

  void updateSequenceAndEpoch(Handle handle, String conversationId, long lastSeq, long epoch) {
    handle.update(
        "UPDATE conversations SET last_seq = ?, epoch = ? WHERE id = ?",
        lastSeq,
        epoch,
        conversationId);
  }

  /**
   * Writes many conversations' positions with one prepared statement (one round trip on
   * PostgreSQL).
   */
  void updateSequencesAndEpochs(Handle handle, List<Position> positions) {
    if (handle.dialect() == Database.Dialect.POSTGRESQL) {
      handle.update(
          """
          UPDATE conversations AS c SET last_seq = v.last_seq, epoch = v.epoch
            FROM unnest(?::text[], ?::bigint[], ?::bigint[]) AS v(id, last_seq, epoch)
           WHERE c.id = v.id
          """,
          handle.textArray(positions.stream().map(Position::conversationId).toList()),
          handle.longArray(positions.stream().map(Position::lastSeq).toList()),
          handle.longArray(positions.stream().map(Position::epoch).toList()));
      return;
    }
    List<Object[]> rows = new java.util.ArrayList<>(positions.size());
    for (Position p : positions) {
      rows.add(new Object[] {p.lastSeq(), p.epoch(), p.conversationId()});
    }
    handle.batch("UPDATE conversations SET last_seq = ?, epoch = ? WHERE id = ?", rows);
  }

  /** Which of these pairs are memberships, in one query per chunk instead of one per pair. */
  java.util.Set<MemberKey> membersAmong(Handle handle, java.util.Collection<MemberKey> keys) {
    java.util.Set<MemberKey> found = new java.util.HashSet<>();
    List<MemberKey> all = java.util.List.copyOf(new java.util.LinkedHashSet<>(keys));
    if (handle.dialect() == Database.Dialect.POSTGRESQL) {
      handle.queryList(
          """
          SELECT conversation_id, account_id FROM conversation_members
           WHERE (conversation_id, account_id) IN (SELECT * FROM unnest(?::text[], ?::text[]))
          """,
          row -> found.add(new MemberKey(row.getString(1), row.getString(2))),
          all.size(),
          handle.textArray(all.stream().map(MemberKey::conversationId).toList()),
          handle.textArray(all.stream().map(MemberKey::accountId).toList()));
      return found;
    }
    for (int from = 0; from < all.size(); from += IDS_PER_QUERY_MAX / 2) {
      List<MemberKey> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY_MAX / 2));
      Object[] arguments = new Object[chunk.size() * 2];
      for (int i = 0; i < chunk.size(); i++) {
        arguments[2 * i] = chunk.get(i).conversationId();
        arguments[2 * i + 1] = chunk.get(i).accountId();
      }
      String rows = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?)"));
      handle.queryList(
          """
          SELECT conversation_id, account_id FROM conversation_members
           WHERE (conversation_id, account_id) IN (VALUES %s)
          """
              .formatted(rows),
          row -> found.add(new MemberKey(row.getString(1), row.getString(2))),
          chunk.size(),
          arguments);
    }
    return found;
  }

  void rename(Handle handle, String conversationId, String name) {
    handle.update("UPDATE conversations SET name = ? WHERE id = ?", name, conversationId);
  }

  void setInviteToken(Handle handle, String conversationId, String token) {
    handle.update("UPDATE conversations SET invite_token = ? WHERE id = ?", token, conversationId);
  }

  Optional<String> inviteToken(Handle handle, String conversationId) {
    return handle.queryOne(
        "SELECT invite_token FROM conversations WHERE id = ? AND invite_token IS NOT NULL",
        row -> row.getString(1),
        conversationId);
  }

  void insertMember(Handle handle, Member member) {
    handle.update(
        "INSERT INTO conversation_members (conversation_id, account_id, role, joined_at) VALUES (?, ?, ?, ?)",
        member.conversationId(),
        member.accountId(),
        member.role(),
        member.joinedAtMillis());
    handle.update(
        "DELETE FROM conversation_former_members WHERE conversation_id = ? AND account_id = ?",
        member.conversationId(),
        member.accountId());
  }

  /**
   * Ends a membership; the account is remembered as a former member (see {@link
   * #shareConversation}).
   */
  boolean deleteMember(Handle handle, String conversationId, String accountId, long nowMillis) {
    boolean deleted =
        handle.update(
                "DELETE FROM conversation_members WHERE conversation_id = ? AND account_id = ?",
                conversationId,
                accountId)
            == 1;
    if (deleted) {
      handle.update(
          """
          INSERT INTO conversation_former_members (conversation_id, account_id, left_at) VALUES (?, ?, ?)
          ON CONFLICT (conversation_id, account_id) DO UPDATE SET left_at = excluded.left_at
          """,
          conversationId,
          accountId,
          nowMillis);
    }
    return deleted;
  }

  void setRole(Handle handle, String conversationId, String accountId, MemberRole role) {
    handle.update(
        "UPDATE conversation_members SET role = ? WHERE conversation_id = ? AND account_id = ?",
        role,
        conversationId,
        accountId);
  }

  Optional<Member> member(Handle handle, String conversationId, String accountId) {
    return handle.queryOne(
        """
        SELECT conversation_id, account_id, role, joined_at FROM conversation_members
         WHERE conversation_id = ? AND account_id = ?
        """,
        MEMBER,
        conversationId,
        accountId);
  }

  List<Member> members(Handle handle, String conversationId, int rowsMax) {
    return handle.queryList(
        """
        SELECT conversation_id, account_id, role, joined_at FROM conversation_members
         WHERE conversation_id = ? ORDER BY joined_at, account_id LIMIT ?
        """,
        MEMBER,
        rowsMax,
        conversationId,
        rowsMax);
  }

  long memberCount(Handle handle, String conversationId) {
    return handle.queryLong(
        "SELECT COUNT(*) FROM conversation_members WHERE conversation_id = ?", conversationId);
  }

  /** Conversations of an account, newest activity first. */
  List<Conversation> listForAccount(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        """
        SELECT c.id, c.kind, c.name, c.epoch, c.last_seq, c.created_by, c.created_at
          FROM conversations c JOIN conversation_members m ON m.conversation_id = c.id
         WHERE m.account_id = ?
         ORDER BY c.created_at DESC, c.id LIMIT ?
        """,
        CONVERSATION,
        rowsMax,
        accountId,
        rowsMax);
  }

  /**
   * True when both accounts are members of at least one common conversation, or have devices in
   * one: a device removed from a group still processes the commits it had not received before its
   * removal, and checking their credentials needs the other members' keys. A member also sees the
   * keys of the conversation's former members: a commit adding someone who has left since may still
   * be on its way to it, and a newcomer may find a leaver's leaf in the tree.
   */
  boolean shareConversation(Handle handle, String accountId, String otherAccountId) {
    return handle.queryLong(
                """
        SELECT COUNT(*) FROM conversation_members a
         WHERE a.account_id = ?
           AND (EXISTS (SELECT 1 FROM conversation_members b
                         WHERE b.conversation_id = a.conversation_id AND b.account_id = ?)
             OR EXISTS (SELECT 1 FROM conversation_former_members f
                         WHERE f.conversation_id = a.conversation_id AND f.account_id = ?))
        """,
                accountId,
                otherAccountId,
                otherAccountId)
            > 0
        || handle.queryLong(
                """
        SELECT COUNT(*) FROM device_cursors a JOIN device_cursors b
          ON a.conversation_id = b.conversation_id
         WHERE a.account_id = ? AND a.until_seq IS NOT NULL AND b.account_id = ?
        """,
                accountId,
                otherAccountId)
            > 0;
  }

  void insertJoinRequest(Handle handle, String conversationId, String accountId, long nowMillis) {
    handle.update(
        """
        INSERT INTO conversation_join_requests (conversation_id, account_id, created_at) VALUES (?, ?, ?)
        ON CONFLICT (conversation_id, account_id) DO NOTHING
        """,
        conversationId,
        accountId,
        nowMillis);
  }

  boolean hasJoinRequest(Handle handle, String conversationId, String accountId) {
    return handle.queryLong(
            "SELECT COUNT(*) FROM conversation_join_requests WHERE conversation_id = ? AND account_id = ?",
            conversationId,
            accountId)
        > 0;
  }

  void deleteJoinRequest(Handle handle, String conversationId, String accountId) {
    handle.update(
        "DELETE FROM conversation_join_requests WHERE conversation_id = ? AND account_id = ?",
        conversationId,
        accountId);
  }

  List<String> joinRequests(Handle handle, String conversationId, int rowsMax) {
    return handle.queryList(
        """
        SELECT account_id FROM conversation_join_requests WHERE conversation_id = ?
         ORDER BY created_at LIMIT ?
        """,
        row -> row.getString(1),
        rowsMax,
        conversationId,
        rowsMax);
  }

  /** Account deletion: memberships and join requests go; conversations stay for the others. */
  void deleteAccountMemberships(Handle handle, String accountId) {
    handle.update("DELETE FROM conversation_members WHERE account_id = ?", accountId);
    handle.update("DELETE FROM conversation_former_members WHERE account_id = ?", accountId);
    handle.update("DELETE FROM conversation_join_requests WHERE account_id = ?", accountId);
  }
}
