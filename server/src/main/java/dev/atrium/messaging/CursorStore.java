package dev.atrium.messaging;

import dev.atrium.delivery.CursorKey;
import dev.atrium.delivery.ReadKey;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for device cursors (group leaves and their acknowledged position), read cursors and
 * preferences.
 */
final class CursorStore {

  /**
   * A device's position in one conversation. {@code untilSeq} is null for a leaf of the group; for
   * a device removed from it, the commit that removed it: it still receives up to there.
   */
  record Cursor(
      String deviceId, String conversationId, String accountId, long ackedSeq, Long untilSeq) {
    Cursor(String deviceId, String conversationId, String accountId, long ackedSeq) {
      this(deviceId, conversationId, accountId, ackedSeq, null);
    }

    boolean departing() {
      return untilSeq != null;
    }
  }

  /**
   * Adds devices to a conversation's group at {@code ackedSeq}. A leaf already in it keeps its
   * cursor; a device still departing from an earlier removal starts again at {@code ackedSeq} (what
   * it missed before the removal it could no longer be sent in order).
   */
  void insertAll(Handle handle, List<Cursor> cursors) {
    List<Object[]> rows = new ArrayList<>();
    for (Cursor c : cursors) {
      rows.add(new Object[] {c.deviceId(), c.conversationId(), c.accountId(), c.ackedSeq()});
    }
    handle.batch(
        """
        INSERT INTO device_cursors (device_id, conversation_id, account_id, acked_seq) VALUES (?, ?, ?, ?)
        ON CONFLICT (device_id, conversation_id)
        DO UPDATE SET acked_seq = excluded.acked_seq, account_id = excluded.account_id, until_seq = NULL,
                      departed_at = NULL, rejoin_requested_at = NULL
         WHERE device_cursors.until_seq IS NOT NULL
        """,
        rows);
  }

  /** Marks a leaf as asking to be added again; false when the device is not a leaf of the group. */
  boolean requestRejoin(Handle handle, String conversationId, String deviceId, long now) {
    return handle.update(
            """
        UPDATE device_cursors SET rejoin_requested_at = ?
         WHERE conversation_id = ? AND device_id = ? AND until_seq IS NULL
        """,
            now,
            conversationId,
            deviceId)
        == 1;
  }

  boolean askedToRejoin(Handle handle, String conversationId, String deviceId) {
    return handle.queryLong(
            """
        SELECT COUNT(*) FROM device_cursors
         WHERE conversation_id = ? AND device_id = ? AND until_seq IS NULL AND rejoin_requested_at IS NOT NULL
        """,
            conversationId,
            deviceId)
        > 0;
  }

  /** Leaves of the group that asked to be added again, oldest request first. */
  List<String> rejoinRequests(Handle handle, String conversationId, int rowsMax) {
    return handle.queryList(
        """
        SELECT device_id FROM device_cursors
         WHERE conversation_id = ? AND until_seq IS NULL AND rejoin_requested_at IS NOT NULL
         ORDER BY rejoin_requested_at, device_id LIMIT ?
        """,
        row -> row.getString(1),
        rowsMax,
        conversationId,
        rowsMax);
  }

  List<Cursor> forDevice(Handle handle, String deviceId, int rowsMax) {
    return handle.queryList(
        """
        SELECT device_id, conversation_id, account_id, acked_seq, until_seq FROM device_cursors
         WHERE device_id = ? ORDER BY conversation_id LIMIT ?
        """,
        CursorStore::cursor,
        rowsMax,
        deviceId,
        rowsMax);
  }

  private static Cursor cursor(java.sql.ResultSet row) throws java.sql.SQLException {
    Object until = row.getObject(5);
    return new Cursor(
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getLong(4),
        until == null ? null : ((Number) until).longValue());
  }

  Optional<Cursor> find(Handle handle, String deviceId, String conversationId) {
    return handle.queryOne(
        """
        SELECT device_id, conversation_id, account_id, acked_seq, until_seq FROM device_cursors
         WHERE device_id = ? AND conversation_id = ?
        """,
        CursorStore::cursor,
        deviceId,
        conversationId);
  }

  /** The conversation's leaves (devices still departing after a removal are not). */
  List<Cursor> forConversation(Handle handle, String conversationId, int rowsMax) {
    return handle.queryList(
        """
        SELECT device_id, conversation_id, account_id, acked_seq FROM device_cursors
         WHERE conversation_id = ? AND until_seq IS NULL ORDER BY device_id LIMIT ?
        """,
        row -> new Cursor(row.getString(1), row.getString(2), row.getString(3), row.getLong(4)),
        rowsMax,
        conversationId,
        rowsMax);
  }

  /** Moves cursors forward only; a late, smaller ack never moves one back. */
  void advance(Handle handle, Map<CursorKey, Long> ackedSeqs) {
    if (handle.dialect() == Database.Dialect.POSTGRESQL) {
      // One statement for all of them: the positions travel as three arrays.
      List<String> devices = new ArrayList<>(ackedSeqs.size());
      List<String> conversationIds = new ArrayList<>(ackedSeqs.size());
      List<Long> seqs = new ArrayList<>(ackedSeqs.size());
      ackedSeqs.forEach(
          (key, seq) -> {
            devices.add(key.deviceId());
            conversationIds.add(key.conversationId());
            seqs.add(seq);
          });
      handle.update(
          """
          UPDATE device_cursors AS d SET acked_seq = v.seq
            FROM unnest(?::text[], ?::text[], ?::bigint[]) AS v(device_id, conversation_id, seq)
           WHERE d.device_id = v.device_id AND d.conversation_id = v.conversation_id AND d.acked_seq < v.seq
          """,
          handle.textArray(devices),
          handle.textArray(conversationIds),
          handle.longArray(seqs));
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    ackedSeqs.forEach(
        (key, seq) -> rows.add(new Object[] {seq, key.deviceId(), key.conversationId(), seq}));
    handle.batch(
        """
        UPDATE device_cursors SET acked_seq = ? WHERE device_id = ? AND conversation_id = ? AND acked_seq < ?
        """,
        rows);
  }

  int deleteDevice(Handle handle, String deviceId) {
    return handle.update("DELETE FROM device_cursors WHERE device_id = ?", deviceId);
  }

  /** The devices left the group by the commit at {@code untilSeq}: they still receive up to it. */
  void departDevices(
      Handle handle, String conversationId, List<String> deviceIds, long untilSeq, long now) {
    handle.batch(
        """
        UPDATE device_cursors SET until_seq = ?, departed_at = ?
         WHERE conversation_id = ? AND device_id = ? AND until_seq IS NULL
        """,
        deviceIds.stream().map(id -> new Object[] {untilSeq, now, conversationId, id}).toList());
  }

  /**
   * The account was removed by the commit at {@code untilSeq}: its devices still receive up to it.
   */
  void departAccount(
      Handle handle, String conversationId, String accountId, long untilSeq, long now) {
    handle.update(
        """
        UPDATE device_cursors SET until_seq = ?, departed_at = ?
         WHERE conversation_id = ? AND account_id = ? AND until_seq IS NULL
        """,
        untilSeq,
        now,
        conversationId,
        accountId);
  }

  /**
   * Departing devices removed before {@code cutoffMillis} that never came back for their envelopes.
   */
  int deleteDepartedBefore(Handle handle, long cutoffMillis) {
    return handle.update(
        "DELETE FROM device_cursors WHERE until_seq IS NOT NULL AND departed_at < ?", cutoffMillis);
  }

  /**
   * A departing device acknowledged up to {@code ackedSeq}: if that reaches its removal, it is
   * gone.
   */
  int finishDeparture(Handle handle, String deviceId, String conversationId, long ackedSeq) {
    return handle.update(
        """
        DELETE FROM device_cursors
         WHERE device_id = ? AND conversation_id = ? AND until_seq IS NOT NULL AND until_seq <= ?
        """,
        deviceId,
        conversationId,
        ackedSeq);
  }

  void deleteAccount(Handle handle, String conversationId, String accountId) {
    handle.update(
        "DELETE FROM device_cursors WHERE conversation_id = ? AND account_id = ?",
        conversationId,
        accountId);
  }

  void deleteAccountEverywhere(Handle handle, String accountId) {
    handle.update("DELETE FROM device_cursors WHERE account_id = ?", accountId);
    handle.update("DELETE FROM read_cursors WHERE account_id = ?", accountId);
    handle.update("DELETE FROM messaging_preferences WHERE account_id = ?", accountId);
  }

  void advanceRead(Handle handle, Map<ReadKey, Long> readSeqs) {
    List<Object[]> rows = new ArrayList<>();
    readSeqs.forEach(
        (key, seq) -> rows.add(new Object[] {key.accountId(), key.conversationId(), seq}));
    handle.batch(
        """
        INSERT INTO read_cursors (account_id, conversation_id, read_seq) VALUES (?, ?, ?)
        ON CONFLICT (account_id, conversation_id)
        DO UPDATE SET read_seq = excluded.read_seq WHERE read_cursors.read_seq < excluded.read_seq
        """,
        rows);
  }

  Map<String, Long> readSeqs(Handle handle, String accountId, int rowsMax) {
    Map<String, Long> result = new java.util.LinkedHashMap<>();
    handle.queryList(
        "SELECT conversation_id, read_seq FROM read_cursors WHERE account_id = ? ORDER BY conversation_id LIMIT ?",
        row -> result.put(row.getString(1), row.getLong(2)),
        rowsMax,
        accountId,
        rowsMax);
    return result;
  }

  boolean shareReadReceipts(Handle handle, String accountId) {
    return handle
        .queryOne(
            "SELECT share_read_receipts FROM messaging_preferences WHERE account_id = ?",
            row -> row.getInt(1) == 1,
            accountId)
        .orElse(true);
  }

  void setShareReadReceipts(Handle handle, String accountId, boolean share) {
    handle.update(
        """
        INSERT INTO messaging_preferences (account_id, share_read_receipts) VALUES (?, ?)
        ON CONFLICT (account_id) DO UPDATE SET share_read_receipts = excluded.share_read_receipts
        """,
        accountId,
        share ? 1 : 0);
  }

  /**
   * How far another member account has received and (if it shares read receipts) read a
   * conversation.
   */
  record Mark(String accountId, long deliveredSeq, Long readSeq) {}

  /**
   * Per member account other than {@code exceptAccountId}: the highest cursor of its devices in the
   * conversation and, only when the account shares read receipts, its read position.
   */
  List<Mark> marks(Handle handle, String conversationId, String exceptAccountId, int rowsMax) {
    return handle.queryList(
        """
        SELECT m.account_id,
               COALESCE((SELECT MAX(d.acked_seq) FROM device_cursors d
                          WHERE d.conversation_id = m.conversation_id AND d.account_id = m.account_id
                            AND d.until_seq IS NULL), 0),
               CASE WHEN COALESCE(p.share_read_receipts, 1) = 1 THEN r.read_seq END
          FROM conversation_members m
          LEFT JOIN read_cursors r ON r.account_id = m.account_id AND r.conversation_id = m.conversation_id
          LEFT JOIN messaging_preferences p ON p.account_id = m.account_id
         WHERE m.conversation_id = ? AND m.account_id <> ?
         ORDER BY m.account_id LIMIT ?
        """,
        row -> {
          Object read = row.getObject(3);
          return new Mark(
              row.getString(1), row.getLong(2), read == null ? null : ((Number) read).longValue());
        },
        rowsMax,
        conversationId,
        exceptAccountId,
        rowsMax);
  }
}
