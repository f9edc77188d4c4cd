package dev.atrium.messaging;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the envelope log and per-device items. */
final class EnvelopeStore {
  private static final String COLUMNS =
      "conversation_id, seq, sender_account_id, sender_device_id, client_message_id, kind, epoch, ciphertext, created_at";
  private static final RowMapper<Envelope> ENVELOPE = row -> new Envelope(
      row.getString("conversation_id"),
      row.getLong("seq"),
      row.getString("sender_account_id"),
      row.getString("sender_device_id"),
      row.getString("client_message_id"),
      EnvelopeKind.valueOf(row.getString("kind")),
      row.getLong("epoch"),
      row.getBytes("ciphertext"),
      row.getLong("created_at"));
  private static final RowMapper<DeviceItem> ITEM = row -> new DeviceItem(
      row.getString("id"),
      row.getString("device_id"),
      row.getString("conversation_id"),
      row.getString("kind"),
      row.getLong("seq"),
      row.getBytes("payload"),
      row.getLong("created_at"));

  /** A stored envelope's place and kind, for answering a retried send. */
  record Stored(String conversationId, long seq) {}

  Optional<Stored> findBySender(Handle handle, String senderDeviceId, String clientMessageId) {
    return handle.queryOne(
        "SELECT conversation_id, seq FROM envelopes WHERE sender_device_id = ? AND client_message_id = ?",
        row -> new Stored(row.getString(1), row.getLong(2)), senderDeviceId, clientMessageId);
  }

  void insertAll(Handle handle, List<Envelope> envelopes) {
    List<Object[]> rows = new ArrayList<>(envelopes.size());
    for (Envelope e : envelopes) {
      rows.add(new Object[] {e.conversationId(), e.seq(), e.senderAccountId(), e.senderDeviceId(),
          e.clientMessageId(), e.kind(), e.epoch(), e.ciphertext(), e.createdAtMillis()});
    }
    handle.batch("INSERT INTO envelopes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  /** Envelopes with afterSeq < seq <= untilSeq, oldest first, at most rowsMax. */
  List<Envelope> range(Handle handle, String conversationId, long afterSeq, long untilSeq, int rowsMax) {
    return handle.queryList("SELECT " + COLUMNS + """
         FROM envelopes WHERE conversation_id = ? AND seq > ? AND seq <= ?
         ORDER BY seq LIMIT ?
        """, ENVELOPE, rowsMax, conversationId, afterSeq, untilSeq, rowsMax);
  }

  void insertItems(Handle handle, List<DeviceItem> items) {
    List<Object[]> rows = new ArrayList<>(items.size());
    for (DeviceItem item : items) {
      rows.add(new Object[] {item.id(), item.deviceId(), item.conversationId(), item.kind(), item.seq(),
          item.payload(), item.createdAtMillis()});
    }
    handle.batch("""
        INSERT INTO device_items (id, device_id, conversation_id, kind, seq, payload, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """, rows);
  }

  List<DeviceItem> itemsFor(Handle handle, String deviceId, int rowsMax) {
    return handle.queryList("""
        SELECT id, device_id, conversation_id, kind, seq, payload, created_at FROM device_items
         WHERE device_id = ? ORDER BY created_at, id LIMIT ?
        """, ITEM, rowsMax, deviceId, rowsMax);
  }

  int deleteItems(Handle handle, String deviceId, List<String> itemIds) {
    List<Object[]> rows = itemIds.stream().map(id -> new Object[] {id, deviceId}).toList();
    int deleted = 0;
    for (int count : handle.batch("DELETE FROM device_items WHERE id = ? AND device_id = ?", rows)) {
      deleted += Math.max(count, 0);
    }
    return deleted;
  }

  void deleteItemsOfDevice(Handle handle, String deviceId) {
    handle.update("DELETE FROM device_items WHERE device_id = ?", deviceId);
  }

  /**
   * Deletes envelopes every group device has acknowledged. Conversations without any device
   * cursor keep theirs until the TTL.
   */
  int deleteAcknowledged(Handle handle, String conversationId) {
    return handle.update("""
        DELETE FROM envelopes WHERE conversation_id = ?
           AND seq <= (SELECT MIN(acked_seq) FROM device_cursors WHERE conversation_id = ?)
        """, conversationId, conversationId);
  }

  int deleteOlderThan(Handle handle, long cutoffMillis) {
    int envelopes = handle.update("DELETE FROM envelopes WHERE created_at < ?", cutoffMillis);
    int items = handle.update("DELETE FROM device_items WHERE created_at < ?", cutoffMillis);
    return envelopes + items;
  }

  /** Conversations that hold envelopes, for the retention sweep; bounded. */
  List<String> conversationsWithEnvelopes(Handle handle, String afterConversationId, int rowsMax) {
    return handle.queryList("""
        SELECT DISTINCT conversation_id FROM envelopes WHERE conversation_id > ?
         ORDER BY conversation_id LIMIT ?
        """, row -> row.getString(1), rowsMax, afterConversationId, rowsMax);
  }

  long count(Handle handle, String conversationId) {
    return handle.queryLong("SELECT COUNT(*) FROM envelopes WHERE conversation_id = ?", conversationId);
  }
}
