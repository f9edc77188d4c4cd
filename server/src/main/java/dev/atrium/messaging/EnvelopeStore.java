package dev.atrium.messaging;

import dev.atrium.delivery.DeviceItem;
import dev.atrium.delivery.Envelope;
import dev.atrium.delivery.EnvelopeKind;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.ArrayList;
import java.util.List;

/** SQL for the envelope log and per-device items. */
final class EnvelopeStore {
  private static final int SENDER_KEYS_PER_QUERY_MAX = 250;
  private static final String COLUMNS =
      "conversation_id, seq, sender_account_id, sender_device_id, client_message_id, kind, epoch, ciphertext, created_at";
  private static final RowMapper<Envelope> ENVELOPE =
      row ->
          new Envelope(
              row.getString("conversation_id"),
              row.getLong("seq"),
              row.getString("sender_account_id"),
              row.getString("sender_device_id"),
              row.getString("client_message_id"),
              EnvelopeKind.valueOf(row.getString("kind")),
              row.getLong("epoch"),
              row.getBytes("ciphertext"),
              row.getLong("created_at"));
  private static final RowMapper<DeviceItem> ITEM =
      row ->
          new DeviceItem(
              row.getString("id"),
              row.getString("device_id"),
              row.getString("conversation_id"),
              row.getString("kind"),
              row.getLong("seq"),
              row.getBytes("payload"),
              row.getLong("created_at"));

  /** A stored envelope's place and kind, for answering a retried send. */
  record Stored(String conversationId, long seq) {}

  /** A sending device and the id it gave a message: the idempotency key of a send. */
  record SenderKey(String deviceId, String clientMessageId) {}

  /**
   * Envelopes already stored for any of these keys, in one query per chunk instead of one per send.
   */
  java.util.Map<SenderKey, Stored> findBySenders(
      Handle handle, java.util.Collection<SenderKey> keys) {
    java.util.Map<SenderKey, Stored> found = new java.util.HashMap<>();
    List<SenderKey> all = List.copyOf(keys);
    if (handle.dialect() == Database.Dialect.POSTGRESQL) {
      // One round trip whatever the batch size: the keys travel as two arrays.
      handle.queryList(
          """
          SELECT sender_device_id, client_message_id, conversation_id, seq FROM envelopes
           WHERE (sender_device_id, client_message_id) IN (SELECT * FROM unnest(?::text[], ?::text[]))
          """,
          row ->
              found.put(
                  new SenderKey(row.getString(1), row.getString(2)),
                  new Stored(row.getString(3), row.getLong(4))),
          all.size(),
          handle.textArray(all.stream().map(SenderKey::deviceId).toList()),
          handle.textArray(all.stream().map(SenderKey::clientMessageId).toList()));
      return found;
    }
    for (int from = 0; from < all.size(); from += SENDER_KEYS_PER_QUERY_MAX) {
      List<SenderKey> chunk =
          all.subList(from, Math.min(all.size(), from + SENDER_KEYS_PER_QUERY_MAX));
      Object[] arguments = new Object[chunk.size() * 2];
      for (int i = 0; i < chunk.size(); i++) {
        arguments[2 * i] = chunk.get(i).deviceId();
        arguments[2 * i + 1] = chunk.get(i).clientMessageId();
      }
      String rows = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?)"));
      handle.queryList(
          """
          SELECT sender_device_id, client_message_id, conversation_id, seq FROM envelopes
           WHERE (sender_device_id, client_message_id) IN (VALUES %s)
          """
              .formatted(rows),
          row ->
              found.put(
                  new SenderKey(row.getString(1), row.getString(2)),
                  new Stored(row.getString(3), row.getLong(4))),
          chunk.size(),
          arguments);
    }
    return found;
  }

  void insertAll(Handle handle, List<Envelope> envelopes) {
    // A JDBC batch on both engines: one round trip on PostgreSQL, and its one prepared statement
    // gets a cached plan; multi-row INSERTs (a new statement text per size) measured no faster.
    List<Object[]> rows = new ArrayList<>(envelopes.size());
    for (Envelope e : envelopes) {
      rows.add(
          new Object[] {
            e.conversationId(),
            e.seq(),
            e.senderAccountId(),
            e.senderDeviceId(),
            e.clientMessageId(),
            e.kind(),
            e.epoch(),
            e.ciphertext(),
            e.createdAtMillis()
          });
    }
    handle.batch(
        "INSERT INTO envelopes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
  }

  /** Envelopes with afterSeq < seq <= untilSeq, oldest first, at most rowsMax. */
  List<Envelope> range(
      Handle handle, String conversationId, long afterSeq, long untilSeq, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + """
         FROM envelopes WHERE conversation_id = ? AND seq > ? AND seq <= ?
         ORDER BY seq LIMIT ?
        """,
        ENVELOPE,
        rowsMax,
        conversationId,
        afterSeq,
        untilSeq,
        rowsMax);
  }

  void insertItems(Handle handle, List<DeviceItem> items) {
    List<Object[]> rows = new ArrayList<>(items.size());
    for (DeviceItem item : items) {
      rows.add(
          new Object[] {
            item.id(),
            item.deviceId(),
            item.conversationId(),
            item.kind(),
            item.seq(),
            item.payload(),
            item.createdAtMillis()
          });
    }
    handle.batch(
        """
        INSERT INTO device_items (id, device_id, conversation_id, kind, seq, payload, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        rows);
  }

  List<DeviceItem> itemsFor(Handle handle, String deviceId, int rowsMax) {
    return handle.queryList(
        """
        SELECT id, device_id, conversation_id, kind, seq, payload, created_at FROM device_items
         WHERE device_id = ? ORDER BY created_at, id LIMIT ?
        """,
        ITEM,
        rowsMax,
        deviceId,
        rowsMax);
  }

  int deleteItems(Handle handle, String deviceId, List<String> itemIds) {
    List<Object[]> rows = itemIds.stream().map(id -> new Object[] {id, deviceId}).toList();
    int deleted = 0;
    for (int count :
        handle.batch("DELETE FROM device_items WHERE id = ? AND device_id = ?", rows)) {
      deleted += Math.max(count, 0);
    }
    return deleted;
  }

  void deleteItemsOfDevice(Handle handle, String deviceId) {
    handle.update("DELETE FROM device_items WHERE device_id = ?", deviceId);
  }

  /**
   * Deletes envelopes every group device has acknowledged. Conversations without any device cursor
   * keep theirs until the TTL.
   */
  int deleteAcknowledged(Handle handle, String conversationId) {
    return handle.update(
        """
        DELETE FROM envelopes WHERE conversation_id = ?
           AND seq <= (SELECT MIN(acked_seq) FROM device_cursors WHERE conversation_id = ?)
        """,
        conversationId,
        conversationId);
  }

  int deleteOlderThan(Handle handle, long cutoffMillis) {
    int envelopes = handle.update("DELETE FROM envelopes WHERE created_at < ?", cutoffMillis);
    int items = handle.update("DELETE FROM device_items WHERE created_at < ?", cutoffMillis);
    return envelopes + items;
  }

  /** Conversations that hold envelopes, for the retention sweep; bounded. */
  List<String> conversationsWithEnvelopes(Handle handle, String afterConversationId, int rowsMax) {
    return handle.queryList(
        """
        SELECT DISTINCT conversation_id FROM envelopes WHERE conversation_id > ?
         ORDER BY conversation_id LIMIT ?
        """,
        row -> row.getString(1),
        rowsMax,
        afterConversationId,
        rowsMax);
  }

  long count(Handle handle, String conversationId) {
    return handle.queryLong(
        "SELECT COUNT(*) FROM envelopes WHERE conversation_id = ?", conversationId);
  }
}
