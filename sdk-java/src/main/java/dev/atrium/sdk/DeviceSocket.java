package dev.atrium.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.sdk.MessagingModels.Envelope;
import dev.atrium.sdk.MessagingModels.Item;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.MessagingModels.Sent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One device's WebSocket to the server. Sends are answered through futures (matched by client
 * message id); everything else arrives as {@link SocketEvent}s, in order, through {@link
 * #nextEvent}. Events are buffered up to a bound; past it the SDK stops reading from the socket, so
 * a slow consumer slows only its own connection. Thread-safe.
 */
public final class DeviceSocket implements AutoCloseable {
  private static final int EVENTS_BUFFERED_MAX = 100_000;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Well inside the server's idle timeout (90 s by default), so idle sockets stay open. */
  private static final Duration PING_INTERVAL = Duration.ofSeconds(30);

  private static final java.util.concurrent.ScheduledExecutorService PINGER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "atrium-socket-pinger");
            thread.setDaemon(true);
            return thread;
          });

  private final BlockingQueue<SocketEvent> events = new LinkedBlockingQueue<>(EVENTS_BUFFERED_MAX);
  private final ConcurrentHashMap<String, CompletableFuture<Sent>> pendingSends =
      new ConcurrentHashMap<>();
  private final CompletableFuture<SocketEvent.Closed> closed = new CompletableFuture<>();
  private final Object sendLock = new Object();
  private volatile WebSocket webSocket;
  private volatile java.util.concurrent.ScheduledFuture<?> pings;

  private DeviceSocket() {}

  static DeviceSocket connect(HttpClient http, URI baseUri, String token) {
    if (token == null) {
      throw new IllegalStateException(
          "A socket needs a device token: use withToken(...) or as(session) first");
    }
    DeviceSocket socket = new DeviceSocket();
    URI uri = URI.create(baseUri.toString().replaceFirst("^http", "ws") + "/api/v1/ws");
    try {
      socket.webSocket =
          http.newWebSocketBuilder()
              .connectTimeout(CONNECT_TIMEOUT)
              .header("Authorization", "Bearer " + token)
              .buildAsync(uri, socket.new Listener())
              .get(CONNECT_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "WebSocket connection refused: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while connecting", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("WebSocket connection timed out", e);
    }
    socket.pings =
        PINGER.scheduleAtFixedRate(
            socket::pingQuietly,
            PING_INTERVAL.toSeconds(),
            PING_INTERVAL.toSeconds(),
            TimeUnit.SECONDS);
    return socket;
  }

  /**
   * Sends an envelope; the future completes once the server stored it, or fails with the refusal.
   */
  public CompletableFuture<Sent> send(Outgoing envelope) {
    CompletableFuture<Sent> result = new CompletableFuture<>();
    CompletableFuture<Sent> previous = pendingSends.putIfAbsent(envelope.clientMessageId(), result);
    if (previous != null) {
      return previous;
    }
    ObjectNode frame = AtriumClient.MAPPER.valueToTree(envelope);
    frame.put("type", "send");
    sendFrame(frame);
    return result;
  }

  /** Acknowledges every envelope up to {@code seq} in a conversation (cumulative). */
  public void ack(String conversationId, long seq) {
    ObjectNode frame = frame("ack");
    frame.put("conversationId", conversationId);
    frame.put("seq", seq);
    sendFrame(frame);
  }

  public void ackItems(List<String> itemIds) {
    ObjectNode frame = frame("ack_items");
    frame.set("itemIds", AtriumClient.MAPPER.valueToTree(itemIds));
    sendFrame(frame);
  }

  public void typing(String conversationId) {
    ObjectNode frame = frame("typing");
    frame.put("conversationId", conversationId);
    sendFrame(frame);
  }

  public void read(String conversationId, long seq) {
    ObjectNode frame = frame("read");
    frame.put("conversationId", conversationId);
    frame.put("seq", seq);
    sendFrame(frame);
  }

  public void ping() {
    sendFrame(frame("ping"));
  }

  private void pingQuietly() {
    if (!isOpen()) {
      return;
    }
    try {
      synchronized (sendLock) {
        // The answer (pong) is dropped by the event loop only if nobody reads events; it is small.
        webSocket.sendText("{\"type\":\"ping\"}", true).get(10, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // A broken socket reports itself through onError/onClose.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends text exactly as given (for tests of malformed frames). */
  public void sendRaw(String text) {
    synchronized (sendLock) {
      webSocket.sendText(text, true).join();
    }
  }

  /** The next event, or null after {@code timeout}. */
  public SocketEvent nextEvent(Duration timeout) {
    try {
      return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Waits for the next event of a type, dropping others; null after {@code timeout}. */
  public <T extends SocketEvent> T nextEvent(Class<T> type, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      SocketEvent event = nextEvent(Duration.ofNanos(left));
      if (type.isInstance(event)) {
        return type.cast(event);
      }
      if (event == null || event instanceof SocketEvent.Closed) {
        return null;
      }
    }
  }

  /** Completes with the close code and reason once the socket closed. */
  public CompletableFuture<SocketEvent.Closed> closedFuture() {
    return closed;
  }

  public boolean isOpen() {
    return !closed.isDone();
  }

  /** Drops the TCP connection without a close handshake (simulates a lost network). */
  public void abort() {
    webSocket.abort();
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      try {
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        closed.get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        webSocket.abort();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        webSocket.abort();
      }
    }
  }

  private static ObjectNode frame(String type) {
    ObjectNode frame = AtriumClient.MAPPER.createObjectNode();
    frame.put("type", type);
    return frame;
  }

  private void sendFrame(JsonNode frame) {
    String text;
    try {
      text = AtriumClient.MAPPER.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot serialise frame", e);
    }
    // java.net.http.WebSocket allows one outstanding send; frames from many threads queue here.
    synchronized (sendLock) {
      webSocket.sendText(text, true).join();
    }
  }

  private void onFrame(JsonNode frame) throws InterruptedException, JsonProcessingException {
    switch (frame.path("type").asText()) {
      case "sent" -> completeSend(frame);
      case "error" -> failSendOrReport(frame);
      case "envelopes" ->
          events.put(
              new SocketEvent.Envelopes(
                  frame.path("conversationId").asText(),
                  read(frame.path("envelopes"), Envelope.class)));
      case "item" ->
          events.put(
              new SocketEvent.ItemReceived(AtriumClient.MAPPER.treeToValue(frame, Item.class)));
      case "typing" ->
          events.put(
              new SocketEvent.Typing(
                  frame.path("conversationId").asText(),
                  frame.path("accountId").asText(),
                  frame.path("deviceId").asText()));
      case "read" ->
          events.put(
              new SocketEvent.Read(
                  frame.path("conversationId").asText(),
                  frame.path("accountId").asText(),
                  frame.path("seq").asLong()));
      case "delivered" ->
          events.offer(
              new SocketEvent.Delivered(
                  frame.path("conversationId").asText(),
                  read(frame.path("marks"), SocketEvent.DeliveredMark.class)));
      case "membership" ->
          events.put(
              switch (frame.path("event").asText()) {
                case "device_added" ->
                    new SocketEvent.DeviceAdded(
                        frame.path("conversationId").asText(),
                        frame.path("accountId").asText(),
                        frame.path("deviceId").asText());
                case "rejoin" ->
                    new SocketEvent.RejoinRequested(
                        frame.path("conversationId").asText(),
                        frame.path("accountId").asText(),
                        frame.path("deviceId").asText());
                default ->
                    new SocketEvent.Membership(
                        frame.path("conversationId").asText(),
                        frame.path("event").asText(),
                        frame.path("accountId").asText(null));
              });
      case "ready" ->
          events.put(
              new SocketEvent.Ready(
                  frame.path("conversations").asInt(), frame.path("pendingItems").asInt()));
      case "pong" -> events.offer(new SocketEvent.Pong());
      case "miniapp_notice" ->
          events.put(
              new SocketEvent.MiniAppNotice(
                  frame.path("noticeId").asText(),
                  frame.path("appId").asText(),
                  frame.path("appName").asText(),
                  frame.path("title").asText(),
                  frame.path("body").asText(),
                  frame.path("path").asText(null),
                  frame.path("createdAt").asLong()));
      default -> {}
    }
  }

  private void completeSend(JsonNode frame) throws JsonProcessingException {
    Sent sent = AtriumClient.MAPPER.treeToValue(frame, Sent.class);
    CompletableFuture<Sent> pending = pendingSends.remove(sent.clientMessageId());
    if (pending != null) {
      pending.complete(sent);
    }
  }

  private void failSendOrReport(JsonNode frame) throws InterruptedException {
    String clientMessageId = frame.path("clientMessageId").asText(null);
    CompletableFuture<Sent> pending =
        clientMessageId == null ? null : pendingSends.remove(clientMessageId);
    Long currentEpoch =
        frame.hasNonNull("currentEpoch") ? frame.get("currentEpoch").asLong() : null;
    if (pending != null) {
      pending.completeExceptionally(
          new AtriumApiException(
              frame.path("status").asInt(400),
              frame.path("code").asText(),
              frame.path("message").asText(),
              null,
              null,
              null,
              currentEpoch));
      return;
    }
    events.put(
        new SocketEvent.Error(
            frame.path("status").asInt(400),
            frame.path("code").asText(),
            frame.path("message").asText(),
            frame.path("conversationId").asText(null)));
  }

  private static <T> List<T> read(JsonNode array, Class<T> type) throws JsonProcessingException {
    List<T> result = new ArrayList<>(array.size());
    for (JsonNode node : array) {
      result.add(AtriumClient.MAPPER.treeToValue(node, type));
    }
    return result;
  }

  private void onClosed(int code, String reason) {
    if (pings != null) {
      pings.cancel(false);
    }
    SocketEvent.Closed event = new SocketEvent.Closed(code, reason);
    pendingSends
        .values()
        .forEach(
            pending ->
                pending.completeExceptionally(
                    new IllegalStateException("Socket closed (" + code + "): " + reason)));
    pendingSends.clear();
    events.offer(event);
    closed.complete(event);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket socket) {
      socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          onFrame(AtriumClient.MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
          events.offer(new SocketEvent.Error(0, "unreadable_frame", e.getOriginalMessage(), null));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      onClosed(statusCode, reason);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      onClosed(1006, String.valueOf(error.getMessage()));
    }
  }
}
