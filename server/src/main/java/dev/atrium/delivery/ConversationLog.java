package dev.atrium.delivery;

import dev.atrium.platform.http.Caller;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the delivery socket needs from the feature that keeps conversations and their envelope logs
 * (messaging answers it), so that delivery imports no feature: where a device stands when it
 * connects, pages of the log for catch-up, and what to do with the client frames that change stored
 * state. Implementations are thread-safe.
 */
public interface ConversationLog {
  /**
   * The device's positions and pending items, read when it connects (finished departures are ended
   * there).
   */
  DeviceStart start(String deviceId);

  /**
   * Envelopes of the conversation after {@code afterSeq} up to {@code untilSeq}, oldest first, at
   * most {@code rowsMax}.
   */
  List<Envelope> range(String conversationId, long afterSeq, long untilSeq, int rowsMax);

  /**
   * Stores a {@code send} frame; completes with the frame to answer with, or exceptionally with the
   * {@link dev.atrium.platform.errors.OperatingError} to answer with. May also throw one at once.
   */
  CompletableFuture<?> send(Caller caller, ClientFrame frame);

  /**
   * An {@code ack_items} frame: the device has these items; {@code itemIds} may be null or too
   * many.
   */
  void acknowledgeItems(Caller caller, List<String> itemIds);

  /**
   * A device removed from the group acknowledged everything up to its removal: its position goes.
   */
  void finishDeparture(String deviceId, String conversationId, long ackedSeq);

  /**
   * Whether the account shows its read marks to the conversation (else only to its own devices).
   */
  boolean sharesReadReceipts(String accountId);

  /** Coalesced acknowledgements and read positions to store; may throw when the writer is full. */
  void savePositions(Map<CursorKey, Long> acked, Map<ReadKey, Long> read);
}
