package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.WAIT;
import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.connectReady;
import static dev.atrium.messaging.MessagingFixture.id;
import static dev.atrium.messaging.MessagingFixture.receive;
import static dev.atrium.messaging.MessagingFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Envelope;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.MessagingModels.Sent;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import dev.atrium.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DeliveryIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.builder().set("messaging.outboundQueueBytesMax", "1048576").start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void envelopeSentOverTheSocket_isStoredThenDeliveredLiveToTheOtherDevice() throws Exception {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    try (DeviceSocket alice = connectReady(pair.aliceClient(server));
        DeviceSocket bob = connectReady(pair.bobClient(server))) {
      Sent sent =
          alice
              .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("hi bob")))
              .get(10, TimeUnit.SECONDS);

      List<Envelope> received = receive(bob, pair.conversationId(), 1, WAIT);

      assertThat(sent.seq()).isEqualTo(2);
      assertThat(received).extracting(Envelope::seq).containsExactly(2L);
      assertThat(text(received.getFirst().ciphertextBytes())).isEqualTo("hi bob");
    }
  }

  @Test
  void welcomeItem_reachesTheAddedDeviceOverItsSocket() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    try (DeviceSocket bob = pair.bobClient(server).openSocket()) {
      SocketEvent.ItemReceived item = bob.nextEvent(SocketEvent.ItemReceived.class, WAIT);

      assertThat(item).isNotNull();
      assertThat(item.item().kind()).isEqualTo("welcome");
      assertThat(text(item.item().payloadBytes())).isEqualTo("welcome for bob");
      bob.ackItems(List.of(item.item().itemId()));
    }
  }

  @Test
  void reconnectingDevice_getsEverythingAfterItsCursor_inOrder_andNothingAcknowledgedTwice()
      throws Exception {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    AtriumClient aliceClient = pair.aliceClient(server);
    for (int i = 0; i < 5; i++) {
      aliceClient
          .conversations()
          .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("m" + i)));
    }
    try (DeviceSocket bob = pair.bobClient(server).openSocket()) {
      List<Envelope> first = receive(bob, pair.conversationId(), 5, WAIT);
      assertThat(first).extracting(Envelope::seq).containsExactly(2L, 3L, 4L, 5L, 6L);
      bob.ack(pair.conversationId(), 4);
      MessagingFixture.awaitCursor(server, pair.bob().device().id(), pair.conversationId(), 4);
    }
    for (int i = 5; i < 8; i++) {
      aliceClient
          .conversations()
          .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("m" + i)));
    }
    try (DeviceSocket bob = pair.bobClient(server).openSocket()) {
      List<Envelope> resumed = receive(bob, pair.conversationId(), 5, WAIT);

      assertThat(resumed).extracting(Envelope::seq).containsExactly(5L, 6L, 7L, 8L, 9L);
      assertThat(text(resumed.getLast().ciphertextBytes())).isEqualTo("m7");
    }
  }

  @Test
  void ackBeyondWhatWasDelivered_isRefused() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    try (DeviceSocket bob = connectReady(pair.bobClient(server))) {
      bob.ack(pair.conversationId(), 99);

      SocketEvent.Error error = bob.nextEvent(SocketEvent.Error.class, WAIT);
      assertThat(error.code()).isEqualTo("validation_failed");
    }
  }

  @Test
  void typing_isRelayedToTheOtherDevices_andNeverStored() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    try (DeviceSocket alice = connectReady(pair.aliceClient(server));
        DeviceSocket bob = connectReady(pair.bobClient(server))) {
      alice.typing(pair.conversationId());

      SocketEvent.Typing typing = bob.nextEvent(SocketEvent.Typing.class, WAIT);
      assertThat(typing.accountId()).isEqualTo(pair.alice().account().id());
      assertThat(pair.bobClient(server).conversations().envelopes(pair.conversationId(), 1, 10))
          .isEmpty();
    }
  }

  @Test
  void readMarks_reachOthersOnlyWhenTheReaderShares() throws Exception {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    pair.aliceClient(server)
        .conversations()
        .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("read me")));
    try (DeviceSocket alice = connectReady(pair.aliceClient(server));
        DeviceSocket bob = connectReady(pair.bobClient(server))) {
      bob.read(pair.conversationId(), 2);
      SocketEvent.Read shared = alice.nextEvent(SocketEvent.Read.class, WAIT);
      assertThat(shared.seq()).isEqualTo(2);

      pair.bobClient(server).conversations().setShareReadReceipts(false);
      pair.aliceClient(server)
          .conversations()
          .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("private")));
      receive(bob, pair.conversationId(), 1, WAIT);
      bob.read(pair.conversationId(), 3);
      assertThat(alice.nextEvent(SocketEvent.Read.class, Duration.ofSeconds(1))).isNull();
    }
  }

  @Test
  void stalledConsumer_isDisconnected_andDoesNotDelayOthers() throws Exception {
    Session admin = server.newUser("fastadmin");
    Session fast = server.newUser("fast");
    Session stalled = server.newUser("stalled");
    String group = MessagingFixture.group(server, admin, List.of(fast, stalled));
    StalledSocket stuck = StalledSocket.open(server.uri(), stalled.token());
    try (DeviceSocket fastSocket = connectReady(server.client().as(fast));
        DeviceSocket adminSocket = connectReady(server.client().as(admin))) {
      // More than the kernel's socket buffers and the 1 MiB queue bound can absorb for a reader
      // that stopped.
      byte[] payload = new byte[8_000];
      int total = 1_500;
      List<Envelope> received = new ArrayList<>();
      for (int chunk = 0; chunk < total / 50; chunk++) {
        List<CompletableFuture<Sent>> sends = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          sends.add(adminSocket.send(Outgoing.application(group, id(), 1, payload)));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        received.addAll(receive(fastSocket, group, 50, Duration.ofSeconds(10)));
      }

      assertThat(received).hasSize(total);
      assertThat(fastSocket.isOpen()).isTrue();
      // The stalled peer reads nothing, not even a close frame: the server drops it and forgets it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (server.atrium().delivery().isConnected(stalled.device().id())
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(server.atrium().delivery().isConnected(stalled.device().id())).isFalse();
    } finally {
      stuck.abort();
    }
  }

  @Test
  void revokingADevice_closesItsSocketAtOnce() throws Exception {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    Session bobPhone =
        server.client().login(pair.bob().account().username(), TestServer.PASSWORD, "Phone");
    DeviceSocket phone = connectReady(server.client().as(bobPhone));

    pair.bobClient(server).revokeDevice(bobPhone.device().id());

    assertThat(phone.closedFuture().get(10, TimeUnit.SECONDS).code()).isEqualTo(4001);
  }

  @Test
  void socketWithoutValidToken_isRefusedOnUpgrade() {
    assertThatThrownBy(() -> server.client().withToken("atr_bogus").openSocket())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused");
  }

  @Test
  void malformedFrames_getErrorFrames_thenAClose_withoutHurtingOtherConnections() throws Exception {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    try (DeviceSocket alice = connectReady(pair.aliceClient(server));
        DeviceSocket bob = connectReady(pair.bobClient(server))) {
      bob.sendRaw("this is not json");
      assertThat(bob.nextEvent(SocketEvent.Error.class, WAIT).code()).isEqualTo("malformed_frame");
      bob.sendRaw("{\"type\":\"fly\"}");
      assertThat(bob.nextEvent(SocketEvent.Error.class, WAIT).code()).isEqualTo("malformed_frame");
      bob.sendRaw("{\"type\":\"send\",\"conversationId\":\"" + pair.conversationId() + "\"}");
      assertThat(bob.nextEvent(SocketEvent.Error.class, WAIT).code()).isEqualTo("missing_field");
      for (int i = 0; i < 25 && !bob.closedFuture().isDone(); i++) {
        try {
          bob.sendRaw("[1,2,3]");
        } catch (java.util.concurrent.CompletionException closedMeanwhile) {
          break; // the server closed the socket after the 20th: what this test waits for below
        }
      }
      assertThat(bob.closedFuture().get(10, TimeUnit.SECONDS).code()).isEqualTo(4002);

      Sent sent =
          alice
              .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("still fine")))
              .get(10, TimeUnit.SECONDS);
      assertThat(sent.seq()).isPositive();
    }
  }

  @Test
  void sendRefusals_failTheSendFuture_withTheErrorContractCode() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    try (DeviceSocket bob = connectReady(pair.bobClient(server))) {
      CompletableFuture<Sent> stale =
          bob.send(Outgoing.commit(pair.conversationId(), id(), 0, bytes("stale")));

      assertThatThrownBy(() -> stale.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              AtriumApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo("epoch_conflict");
                assertThat(e.currentEpoch()).isEqualTo(1);
              });
    }
  }

  @Test
  void ciphertext_neverAppearsInAnyLogLine() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    try {
      MessagingFixture.Pair pair = MessagingFixture.directPair(server);
      byte[] pattern = bytes("ZQX-DISTINCTIVE-PATTERN-7731-ZQX");
      String base64 = Base64.getEncoder().encodeToString(pattern);
      try (DeviceSocket alice = connectReady(pair.aliceClient(server));
          DeviceSocket bob = connectReady(pair.bobClient(server))) {
        alice
            .send(Outgoing.application(pair.conversationId(), id(), 1, pattern))
            .get(10, TimeUnit.SECONDS);
        receive(bob, pair.conversationId(), 1, WAIT);
        pair.aliceClient(server)
            .conversations()
            .send(Outgoing.application(pair.conversationId(), id(), 1, pattern));
        bob.sendRaw(
            "{\"type\":\"send\",\"conversationId\":\""
                + pair.conversationId()
                + "\",\"clientMessageId\":\"x\",\"kind\":\"bogus\",\"epoch\":1,\"ciphertext\":\""
                + base64
                + "\"}");
        bob.nextEvent(SocketEvent.Error.class, WAIT);
      }
      for (ILoggingEvent event : appender.list) {
        String line =
            event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
        assertThat(line).doesNotContain("ZQX-DISTINCTIVE").doesNotContain(base64);
      }
    } finally {
      root.detachAppender(appender);
    }
  }

  /** A WebSocket client that never reads a frame, like a phone that lost its radio mid-stream. */
  private static final class StalledSocket implements WebSocket.Listener {
    private WebSocket socket;

    static StalledSocket open(URI base, String token) throws Exception {
      StalledSocket listener = new StalledSocket();
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
      // Deliberately request nothing: no frame is ever read, so TCP buffers fill up.
    }

    void abort() {
      socket.abort();
    }
  }
}
