package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.WAIT;
import static dev.atrium.messaging.MessagingFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The socket protocol's edges as docs/websocket-protocol.md states them, seen by a raw WebSocket
 * client that can misbehave: wrongly typed fields, bursts of malformed frames, a reader that stops
 * reading, large backlogs, and one device connecting many times back to back.
 */
class SocketProtocolIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FRAME_BYTES_MAX = 1_048_576;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void wronglyTypedFields_getInvalidType_withTheClientMessageId_andDoNotCountAsMalformed()
      throws Exception {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    String conversation = pair.conversationId();
    try (RawSocket bob = RawSocket.open(server.uri(), pair.bob().token(), true)) {
      bob.awaitType("ready");

      bob.send(sendFrame(conversation, "m-epoch-text", "\"application\"", "\"one\""));
      assertInvalidType(bob.awaitType("error"), "epoch", "m-epoch-text");
      bob.send(sendFrame(conversation, "m-kind-object", "{}", "1"));
      assertInvalidType(bob.awaitType("error"), "kind", "m-kind-object");
      bob.send(sendFrame(conversation, "m-epoch-fraction", "\"application\"", "1.5"));
      assertInvalidType(bob.awaitType("error"), "epoch", "m-epoch-fraction");
      bob.send(sendFrame(conversation, "m-epoch-float", "\"application\"", "1.0"));
      assertInvalidType(bob.awaitType("error"), "epoch", "m-epoch-float");
      bob.send("{\"type\":\"ack_items\",\"itemIds\":[1]}");
      assertThat(bob.awaitType("error").path("code").asText()).isEqualTo("invalid_type");
      bob.send(sendFrame(conversation, "m-epoch-huge", "\"application\"", "99999999999999999999"));
      assertInvalidType(bob.awaitType("error"), "epoch", "m-epoch-huge");
      bob.send("{\"type\":\"ack\",\"conversationId\":\"" + conversation + "\",\"seq\":\"x\"}");
      JsonNode ackError = bob.awaitType("error");
      assertThat(ackError.path("code").asText()).isEqualTo("invalid_type");
      assertThat(ackError.path("message").asText()).contains("seq");
      assertThat(ackError.path("conversationId").asText()).isEqualTo(conversation);

      // Far more than the malformed-frame limit: each is answered, none closes the socket.
      for (int i = 0; i < 25; i++) {
        bob.send(sendFrame(conversation, "m-" + i, "\"application\"", "\"one\""));
      }
      for (int i = 0; i < 25; i++) {
        assertInvalidType(bob.awaitType("error"), "epoch", "m-" + i);
      }
      bob.send("{\"type\":\"ping\"}");
      assertThat(bob.awaitType("pong")).isNotNull();
      assertThat(bob.closeCode().isDone()).isFalse();
    }
  }

  @Test
  void nulInAFrameString_getsInvalidText_andTheSocketStaysOpen() throws Exception {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    try (RawSocket bob = RawSocket.open(server.uri(), pair.bob().token(), true)) {
      bob.awaitType("ready");

      bob.send(
          "{\"type\":\"send\",\"conversationId\":\"c\\u0000x\",\"clientMessageId\":\"m-nul\","
              + "\"kind\":\"application\",\"epoch\":1,\"ciphertext\":\"AAAA\"}");
      JsonNode error = bob.awaitType("error");
      assertThat(error.path("code").asText()).isEqualTo("invalid_text");
      assertThat(error.path("clientMessageId").asText()).isEqualTo("m-nul");
      bob.send("{\"type\":\"ack\",\"conversationId\":\"\\u0000\",\"seq\":1}");
      assertThat(bob.awaitType("error").path("code").asText()).isEqualTo("invalid_text");
      bob.send("{\"type\":\"ping\"}");
      assertThat(bob.awaitType("pong")).isNotNull();
      assertThat(bob.closeCode().isDone()).isFalse();
    }
  }

  @Test
  void burstOfMalformedFrames_getsEveryErrorReplyOwed_beforeTheCloseWith4002() throws Exception {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    try (RawSocket bob = RawSocket.open(server.uri(), pair.bob().token(), true)) {
      bob.awaitType("ready");

      for (int i = 0; i < 25 && !bob.closeCode().isDone(); i++) {
        if (!bob.trySend("[1,2,3]")) {
          break; // the server closed after the 21st: later frames are not read
        }
      }

      int closeCode = bob.closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(closeCode).isEqualTo(4002);
      List<JsonNode> errors =
          bob.received().stream()
              .filter(frame -> frame.path("type").asText().equals("error"))
              .toList();
      assertThat(errors)
          .hasSize(20)
          .allSatisfy(
              error -> assertThat(error.path("code").asText()).isEqualTo("malformed_frame"));
    }
  }

  @Test
  void
      readerThatStops_getsCloseCode4008_whenItReadsAgain_andCatchUpComesInFramesOfAtMostOneMebibyte()
          throws Exception {
    Session admin = server.newUser("slowadmin");
    Session slow = server.newUser("slow");
    String group = MessagingFixture.group(server, admin, List.of(slow));
    AtriumClient adminClient = server.client().as(admin);
    int count = 250;
    byte[] payload = new byte[60_000];
    RawSocket stalled = RawSocket.open(server.uri(), slow.token(), false);
    try {
      for (int i = 0; i < count; i++) {
        adminClient.conversations().send(Outgoing.application(group, id(), 1, payload));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (server.atrium().delivery().isConnected(slow.device().id())
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(server.atrium().delivery().isConnected(slow.device().id()))
          .as("dropped as too slow")
          .isFalse();

      stalled.startReading();

      assertThat(stalled.closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4008);
    } finally {
      stalled.close();
    }

    try (RawSocket again = RawSocket.open(server.uri(), slow.token(), true)) {
      List<Long> seqs = new ArrayList<>();
      for (JsonNode frame = again.awaitAny();
          !frame.path("type").asText().equals("ready");
          frame = again.awaitAny()) {
        if (frame.path("type").asText().equals("envelopes")) {
          frame.path("envelopes").forEach(envelope -> seqs.add(envelope.path("seq").asLong()));
        }
      }
      assertThat(seqs).hasSize(count).isSorted().doesNotHaveDuplicates();
      assertThat(again.textBytes())
          .allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(FRAME_BYTES_MAX));
    }
  }

  @Test
  void envelopeLargerThanTheFrameBound_isStillDelivered_aloneInItsFrame() throws Exception {
    try (TestServer small =
        TestServer.builder().set("limits.webSocketFrameBytesMax", "8192").start()) {
      MessagingFixture.Pair pair = MessagingFixture.directPair(small);
      AtriumClient alice = small.client().as(pair.alice());
      try (RawSocket bob = RawSocket.open(small.uri(), pair.bob().token(), true)) {
        bob.awaitType("ready");
        for (int i = 0; i < 6; i++) {
          alice
              .conversations()
              .send(Outgoing.application(pair.conversationId(), id(), 1, new byte[3_000]));
        }
        alice
            .conversations()
            .send(Outgoing.application(pair.conversationId(), id(), 1, new byte[20_000]));
        List<JsonNode> live = new ArrayList<>();
        while (live.stream().mapToInt(frame -> frame.path("envelopes").size()).sum() < 7) {
          live.add(bob.awaitType("envelopes"));
        }
        assertThat(live.getLast().path("envelopes")).hasSize(1);
      }
      try (RawSocket bob = RawSocket.open(small.uri(), pair.bob().token(), true)) {
        int envelopes = 0;
        for (JsonNode frame = bob.awaitAny();
            !frame.path("type").asText().equals("ready");
            frame = bob.awaitAny()) {
          envelopes += frame.path("envelopes").size();
        }
        assertThat(envelopes).as("the seven messages after the commit that added bob").isEqualTo(7);
        List<JsonNode> frames = bob.received();
        List<Integer> bytes = bob.textBytes();
        for (int i = 0; i < frames.size(); i++) {
          if (bytes.get(i) > 8192) {
            assertThat(frames.get(i).path("envelopes"))
                .as("an oversized frame carries one envelope")
                .hasSize(1);
          }
        }
        assertThat(bytes).as("the 20,000-byte envelope's frame").anyMatch(size -> size > 8192);
      }
    }
  }

  @Test
  void manyBackToBackConnectionsOfOneDevice_theNewestAlwaysWins() throws Exception {
    Session session = server.newUser("hopper");
    int connections = 60;
    List<RawSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < connections; i++) {
        sockets.add(RawSocket.open(server.uri(), session.token(), true));
      }
      for (RawSocket older : sockets.subList(0, connections - 1)) {
        assertThat(older.closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4009);
      }
      RawSocket newest = sockets.getLast();
      newest.awaitType("ready");
      newest.send("{\"type\":\"ping\"}");
      assertThat(newest.awaitType("pong")).isNotNull();
      assertThat(newest.closeCode().isDone()).isFalse();
      assertThat(server.atrium().delivery().isConnected(session.device().id())).isTrue();
    } finally {
      sockets.forEach(RawSocket::close);
    }
  }

  private static String sendFrame(
      String conversationId, String clientMessageId, String kindJson, String epochJson) {
    return "{\"type\":\"send\",\"conversationId\":\""
        + conversationId
        + "\",\"clientMessageId\":\""
        + clientMessageId
        + "\",\"kind\":"
        + kindJson
        + ",\"epoch\":"
        + epochJson
        + ",\"ciphertext\":\"aGk=\"}";
  }

  private static void assertInvalidType(JsonNode error, String field, String clientMessageId) {
    assertThat(error.path("code").asText()).isEqualTo("invalid_type");
    assertThat(error.path("status").asInt()).isEqualTo(400);
    assertThat(error.path("message").asText()).contains("'" + field + "'");
    assertThat(error.path("clientMessageId").asText()).isEqualTo(clientMessageId);
  }

  /**
   * A WebSocket client that records every text frame and its size, and that can start without
   * reading anything, like a phone whose app was suspended mid-stream.
   */
  private static final class RawSocket implements WebSocket.Listener, AutoCloseable {
    private static final int FRAMES_KEPT_MAX = 100_000;
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>(FRAMES_KEPT_MAX);
    private final List<JsonNode> received =
        java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> textBytes =
        java.util.Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reading;
    private WebSocket socket;

    private RawSocket(boolean reading) {
      this.reading = reading;
    }

    static RawSocket open(URI base, String token, boolean reading) throws Exception {
      RawSocket listener = new RawSocket(reading);
      listener.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .header("Authorization", "Bearer " + token)
              .buildAsync(
                  URI.create(base.toString().replace("http", "ws") + "/api/v1/ws"), listener)
              .get(10, TimeUnit.SECONDS);
      return listener;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      if (reading) {
        webSocket.request(1);
      }
    }

    void startReading() {
      socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        textBytes.add(text.getBytes(StandardCharsets.UTF_8).length);
        try {
          JsonNode frame = JSON.readTree(text);
          received.add(frame);
          frames.offer(frame);
        } catch (java.io.IOException e) {
          throw new AssertionError("The server sent a frame that is not JSON", e);
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.complete(1006);
    }

    void send(String text) throws Exception {
      socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** Sends unless the socket is closed already; false when it was. */
    boolean trySend(String text) {
      try {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        return true;
      } catch (Exception closed) {
        return false;
      }
    }

    JsonNode awaitAny() throws InterruptedException {
      JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(frame).as("a frame within " + WAIT).isNotNull();
      return frame;
    }

    JsonNode awaitType(String type) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        JsonNode frame =
            frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (frame != null && frame.path("type").asText().equals(type)) {
          return frame;
        }
      }
      throw new AssertionError("no " + type + " frame within " + WAIT);
    }

    CompletableFuture<Integer> closeCode() {
      return closeCode;
    }

    List<JsonNode> received() {
      return List.copyOf(received);
    }

    List<Integer> textBytes() {
      return List.copyOf(textBytes);
    }

    @Override
    public void close() {
      socket.abort();
    }
  }
}
