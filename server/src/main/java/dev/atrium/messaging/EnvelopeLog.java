package dev.atrium.messaging;

import dev.atrium.delivery.ClientFrame;
import dev.atrium.delivery.ConversationLog;
import dev.atrium.delivery.CursorKey;
import dev.atrium.delivery.DeviceItem;
import dev.atrium.delivery.DeviceStart;
import dev.atrium.delivery.Envelope;
import dev.atrium.delivery.ReadKey;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Messaging's envelope log as delivery reads and advances it: where a device stands when it
 * connects, pages for catch-up, and the client frames that store something (sends, item and
 * position acknowledgements). Thread-safe.
 */
final class EnvelopeLog implements ConversationLog {
  private final Database database;
  private final EnvelopeStore envelopes;
  private final CursorStore cursors;
  private final EnvelopeWriter writer;
  private final EnvelopeService service;
  private final SendCommands commands;

  EnvelopeLog(
      Database database,
      EnvelopeStore envelopes,
      CursorStore cursors,
      EnvelopeWriter writer,
      EnvelopeService service,
      SendCommands commands) {
    this.database = database;
    this.envelopes = envelopes;
    this.cursors = cursors;
    this.writer = writer;
    this.service = service;
    this.commands = commands;
  }

  /** A departure the device acknowledged to its end while away is finished here, not resumed. */
  @Override
  public DeviceStart start(String deviceId) {
    Map<String, Long> ackedSeqs = new LinkedHashMap<>();
    Map<String, Long> departingUntil = new LinkedHashMap<>();
    for (CursorStore.Cursor cursor :
        database.read(
            handle ->
                cursors.forDevice(
                    handle, deviceId, MessagingSettings.CONVERSATIONS_PER_DEVICE_MAX))) {
      if (cursor.departing() && cursor.ackedSeq() >= cursor.untilSeq()) {
        database.inTransaction(
            handle ->
                cursors.finishDeparture(
                    handle, deviceId, cursor.conversationId(), cursor.ackedSeq()));
        continue;
      }
      ackedSeqs.put(cursor.conversationId(), cursor.ackedSeq());
      if (cursor.departing()) {
        departingUntil.put(cursor.conversationId(), cursor.untilSeq());
      }
    }
    List<DeviceItem> items =
        database.read(
            handle ->
                envelopes.itemsFor(handle, deviceId, MessagingSettings.DEVICE_ITEMS_PENDING_MAX));
    return new DeviceStart(ackedSeqs, departingUntil, items);
  }

  @Override
  public List<Envelope> range(String conversationId, long afterSeq, long untilSeq, int rowsMax) {
    return database.read(
        handle -> envelopes.range(handle, conversationId, afterSeq, untilSeq, rowsMax));
  }

  @Override
  public CompletableFuture<LiveFrames.SentFrame> send(Caller caller, ClientFrame frame) {
    return service.send(caller, commands.fromFrame(frame)).thenApply(LiveFrames.SentFrame::of);
  }

  @Override
  public void acknowledgeItems(Caller caller, List<String> itemIds) {
    if (itemIds == null || itemIds.isEmpty()) {
      throw RequestError.missingField("itemIds");
    }
    if (itemIds.size() > MessagingSettings.DEVICE_ITEMS_PENDING_MAX) {
      throw RequestError.validation(
          "itemIds", "At most " + MessagingSettings.DEVICE_ITEMS_PENDING_MAX + " ids.");
    }
    service.ackItems(caller, itemIds);
  }

  @Override
  public void finishDeparture(String deviceId, String conversationId, long ackedSeq) {
    service.finishDeparture(deviceId, conversationId, ackedSeq);
  }

  @Override
  public boolean sharesReadReceipts(String accountId) {
    return service.shareReadReceipts(accountId);
  }

  @Override
  public void savePositions(Map<CursorKey, Long> acked, Map<ReadKey, Long> read) {
    writer.saveCursors(acked, read);
  }
}
