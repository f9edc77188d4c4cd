package dev.atrium.delivery;

import static dev.atrium.platform.http.Requests.required;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.atrium.platform.errors.OperatingError;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.json.Json;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket at /api/v1/ws: one per device, authenticated on upgrade. Opens the device's
 * connection from where it stands in the {@link ConversationLog}, parses client frames, handles
 * acknowledgements, typing and read marks itself and hands sends and item acknowledgements to the
 * log, and answers through the device's connection so that answers and deliveries share one
 * ordered, bounded path. A malformed frame (not a JSON object with a string {@code type} of this
 * protocol) gets a {@code malformed_frame} error; too many of them close the socket (4002) once the
 * replies owed are written. A frame of a known type with bad fields gets the HTTP API's error codes
 * and does not count as malformed. Nothing here logs frame contents.
 */
final class DeliverySocket {
  static final String PATH = "/api/v1/ws";
  private static final Logger LOG = LoggerFactory.getLogger(DeliverySocket.class);
  private static final int MALFORMED_FRAMES_MAX = 20;
  private static final long TYPING_INTERVAL_MILLIS = 1_000;
  private static final Set<String> FRAME_TYPES =
      Set.of("send", "ack", "ack_items", "typing", "read", "ping");

  /** The server's mapper, and strict about integers too: 1.5 is no epoch or seq. */
  private static final ObjectReader FRAME_READER =
      Json.MAPPER.readerFor(ClientFrame.class).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private final ConversationLog log;
  private final ActiveDevices devices;
  private final DeliveryHub hub;
  private final CursorFlusher flusher;
  private final DeliveryReceipts receipts;
  private final DeliverySettings settings;
  private final ConcurrentHashMap<String, DeviceConnection> bySession = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> lastTyping = new ConcurrentHashMap<>();

  DeliverySocket(
      ConversationLog log,
      ActiveDevices devices,
      DeliveryHub hub,
      CursorFlusher flusher,
      DeliveryReceipts receipts,
      DeliverySettings settings) {
    this.log = log;
    this.devices = devices;
    this.hub = hub;
    this.flusher = flusher;
    this.receipts = receipts;
    this.settings = settings;
  }

  void configure(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          DeviceConnection connection = open(ctx, Api.caller(ctx));
          if (connection != null) {
            bySession.put(ctx.sessionId(), connection);
          }
        });
    ws.onMessage(this::onMessage);
    ws.onClose(ctx -> closed(ctx.sessionId()));
    ws.onError(ctx -> closed(ctx.sessionId()));
  }

  /**
   * Opens a device connection: reads where the device stands, registers the connection, then queues
   * its catch-up, its pending items and the {@code ready} frame. Null when the device's newer
   * connection is live already or the device was revoked meanwhile (this one is closed).
   */
  private DeviceConnection open(WsConnectContext ctx, Caller caller) {
    DeviceStart start = log.start(caller.deviceId());
    Map<String, Long> departingUntil = start.departingUntil();
    List<String> leafOf =
        start.ackedSeqs().keySet().stream().filter(id -> !departingUntil.containsKey(id)).toList();
    List<DeviceItem> items = start.items();
    DeviceConnection[] holder = new DeviceConnection[1];
    DeviceConnection connection =
        new DeviceConnection(
            ctx.session,
            Api.acceptSequence(ctx),
            caller,
            log::range,
            settings.deliveryPageEnvelopesMax(),
            settings.outboundQueueEventsMax(),
            settings.outboundQueueBytesMax(),
            () -> hub.unregister(holder[0]));
    holder[0] = connection;
    connection.start(start.ackedSeqs(), departingUntil);
    if (!hub.register(connection, leafOf)) {
      return null; // a connection of this device accepted later is live already; this one was
      // closed
    }
    // The device may have been revoked between the upgrade and now; its revocation event was
    // missed.
    if (!devices.isActive(caller.deviceId())) {
      connection.close(CloseCodes.DEVICE_REVOKED, "device revoked");
      return null;
    }
    leafOf.forEach(conversationId -> connection.offer(new Outbound.CatchUp(conversationId)));
    // Removed while away: what was sent while it was a leaf, then the news that it was removed.
    departingUntil.forEach(
        (conversationId, untilSeq) -> {
          connection.offer(new Outbound.CatchUp(conversationId, untilSeq));
          connection.offer(
              new Outbound.Frame(new Frames.MembershipFrame(conversationId, "removed", null)));
        });
    if (!items.isEmpty()) {
      connection.offer(new Outbound.Items(items));
    }
    connection.offer(new Outbound.Frame(new Frames.ReadyFrame(leafOf.size(), items.size())));
    return connection;
  }

  private void closed(String sessionId) {
    DeviceConnection connection = bySession.remove(sessionId);
    if (connection != null) {
      connection.closedByPeer();
      lastTyping.keySet().removeIf(key -> key.startsWith(connection.deviceId() + ":"));
    }
  }

  private void onMessage(WsMessageContext ctx) {
    DeviceConnection connection = bySession.get(ctx.sessionId());
    if (connection == null || connection.isClosing()) {
      return;
    }
    String message = ctx.message();
    ClientFrame frame = wellFormedFrame(message);
    if (frame == null) {
      refuse(connection, message);
      return;
    }
    // A NUL can only be written as an escape in JSON text, so frames without one skip the walk.
    if (message.contains("\\u0000")) {
      try {
        Json.checkFields(frame);
      } catch (RequestError e) {
        reply(connection, errorFrame(e, frame.clientMessageId(), frame.conversationId()));
        return;
      }
    }
    try {
      dispatch(connection, frame);
    } catch (OperatingError e) {
      reply(connection, errorFrame(e, frame.clientMessageId(), frame.conversationId()));
    }
  }

  /**
   * The frame read in one pass, as nearly every frame is read; null when it is not a well-formed
   * frame of a known type, which {@link #refuse} then examines to answer precisely.
   */
  private static ClientFrame wellFormedFrame(String message) {
    try {
      ClientFrame frame = FRAME_READER.readValue(message);
      return frame != null && frame.type() != null && FRAME_TYPES.contains(frame.type())
          ? frame
          : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Answers a frame that is not a well-formed frame of a known type: not JSON, not an object or
   * without a string type counts as malformed, and so does an unknown type; a known type with a
   * field of the wrong type gets {@code invalid_type}, as over HTTP, and does not count.
   */
  private void refuse(DeviceConnection connection, String message) {
    JsonNode tree = readTree(message);
    if (tree == null || !tree.path("type").isTextual()) {
      malformed(connection, null, null, "Frames must be JSON objects with a type.");
      return;
    }
    String clientMessageId = textOrNull(tree, "clientMessageId");
    String conversationId = textOrNull(tree, "conversationId");
    if (!FRAME_TYPES.contains(tree.get("type").asText())) {
      malformed(connection, clientMessageId, conversationId, "Unknown frame type.");
      return;
    }
    try {
      FRAME_READER.readValue(tree);
      // Read from the tree it binds, so what failed in one pass was the text: say so.
      reply(
          connection,
          errorFrame(
              RequestError.malformedJson("the frame could not be read"),
              clientMessageId,
              conversationId));
    } catch (IOException e) {
      reply(connection, errorFrame(wrongType(e), clientMessageId, conversationId));
    }
  }

  /** The frame as a JSON tree, or null when it is not JSON. */
  private static JsonNode readTree(String message) {
    try {
      return Json.MAPPER.readTree(message);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String textOrNull(JsonNode tree, String field) {
    JsonNode value = tree.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /**
   * A field of a known frame holds the wrong type of value: the HTTP API's {@code invalid_type}.
   */
  private static RequestError wrongType(IOException e) {
    return e instanceof JsonMappingException mapping
        ? Json.wrongType(mapping)
        : RequestError.malformedJson("a field holds a value of the wrong type");
  }

  private void dispatch(DeviceConnection connection, ClientFrame frame) {
    switch (frame.type()) {
      case "send" -> send(connection, frame);
      case "ack" -> ack(connection, frame);
      case "ack_items" -> log.acknowledgeItems(connection.caller(), frame.itemIds());
      case "typing" -> typing(connection, frame);
      case "read" -> read(connection, frame);
      case "ping" -> reply(connection, Frames.PongFrame.INSTANCE);
      default ->
          throw new IllegalStateException(
              "Frame type " + frame.type() + " is in FRAME_TYPES but not handled");
    }
  }

  private void send(DeviceConnection connection, ClientFrame frame) {
    var unused =
        log.send(connection.caller(), frame)
            .whenComplete(
                (answer, failure) -> {
                  if (failure == null) {
                    reply(connection, answer);
                  } else {
                    Throwable cause =
                        failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof OperatingError refusal) {
                      reply(
                          connection,
                          errorFrame(refusal, frame.clientMessageId(), frame.conversationId()));
                    } else {
                      LOG.error(
                          "Send failed deviceId={} conversationId={}",
                          connection.deviceId(),
                          frame.conversationId(),
                          cause);
                      reply(
                          connection,
                          new Frames.ErrorFrame(
                              500,
                              "internal_error",
                              "The message was not stored; retry.",
                              frame.clientMessageId(),
                              frame.conversationId(),
                              null));
                    }
                  }
                });
  }

  private void ack(DeviceConnection connection, ClientFrame frame) {
    String conversationId = required(frame.conversationId(), "conversationId");
    long seq = deliveredSeq(connection, frame, "acknowledge");
    flusher.acked(connection.deviceId(), conversationId, seq);
    Long departingUntil = connection.departingUntil(conversationId);
    if (departingUntil == null) {
      receipts.acked(connection.caller().accountId(), conversationId, seq);
    } else if (seq >= departingUntil) {
      log.finishDeparture(connection.deviceId(), conversationId, seq);
      connection.departed(conversationId, departingUntil);
    }
  }

  /** The frame's seq, which must name an envelope this connection already delivered. */
  private static long deliveredSeq(DeviceConnection connection, ClientFrame frame, String action) {
    long seq = required(frame.seq(), "seq");
    long lastSent = connection.lastSentSeq(frame.conversationId());
    if (lastSent < 0) {
      throw new DeliveryError.ConversationNotFound();
    }
    if (seq > lastSent) {
      throw RequestError.validation(
          "seq", "Cannot " + action + " an envelope that was not delivered.");
    }
    return seq;
  }

  private void typing(DeviceConnection connection, ClientFrame frame) {
    String conversationId = required(frame.conversationId(), "conversationId");
    if (!connection.isSubscribed(conversationId)) {
      throw new DeliveryError.ConversationNotFound();
    }
    long now = System.currentTimeMillis();
    Long previous = lastTyping.put(connection.deviceId() + ":" + conversationId, now);
    if (previous != null && now - previous < TYPING_INTERVAL_MILLIS) {
      return;
    }
    Caller caller = connection.caller();
    hub.toConversation(
        conversationId,
        new Frames.TypingFrame(conversationId, caller.accountId(), caller.deviceId()),
        caller.deviceId());
  }

  private void read(DeviceConnection connection, ClientFrame frame) {
    String conversationId = required(frame.conversationId(), "conversationId");
    long seq = deliveredSeq(connection, frame, "mark as read");
    if (connection.departingUntil(conversationId) != null) {
      return; // removed from the group: its read position is no longer the others' business
    }
    Caller caller = connection.caller();
    flusher.read(caller.accountId(), conversationId, seq);
    Frames.ReadFrame readFrame = new Frames.ReadFrame(conversationId, caller.accountId(), seq);
    if (log.sharesReadReceipts(caller.accountId())) {
      hub.toConversation(conversationId, readFrame, caller.deviceId());
    } else {
      hub.toAccountInConversation(conversationId, caller.accountId(), readFrame, caller.deviceId());
    }
  }

  private void malformed(
      DeviceConnection connection, String clientMessageId, String conversationId, String why) {
    if (connection.countMalformedFrame() > MALFORMED_FRAMES_MAX) {
      connection.closeAfterQueued(CloseCodes.PROTOCOL_VIOLATION, "too many malformed frames");
      return;
    }
    reply(
        connection,
        new Frames.ErrorFrame(400, "malformed_frame", why, clientMessageId, conversationId, null));
  }

  private static Frames.ErrorFrame errorFrame(
      OperatingError error, String clientMessageId, String conversationId) {
    // An epoch conflict names the group's epoch, so the client can catch up before it retries.
    Map<String, Object> details = new HashMap<>(error.details());
    Long currentEpoch = details.get("currentEpoch") instanceof Long epoch ? epoch : null;
    String message =
        details.containsKey("field")
            ? error.getMessage() + " (field " + details.get("field") + ")"
            : error.getMessage();
    return new Frames.ErrorFrame(
        error.status(), error.code(), message, clientMessageId, conversationId, currentEpoch);
  }

  private static void reply(DeviceConnection connection, Object frame) {
    connection.offer(new Outbound.Frame(frame));
  }
}
