package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.WAIT;
import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.connectReady;
import static dev.atrium.messaging.MessagingFixture.id;
import static dev.atrium.messaging.MessagingFixture.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import dev.atrium.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Delivered frames: an account's acknowledgement reaches the conversation's devices, coalesced. */
class DeliveryReceiptsIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void acknowledgement_reachesTheSender_asOneCoalescedMark_andIsNotRepeated() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    for (int i = 0; i < 3; i++) {
      pair.aliceClient(server)
          .conversations()
          .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("tick " + i)));
    }
    try (DeviceSocket alice = connectReady(pair.aliceClient(server));
        DeviceSocket bob = connectReady(pair.bobClient(server))) {
      receive(bob, pair.conversationId(), 3, WAIT);
      bob.ack(pair.conversationId(), 2);
      bob.ack(pair.conversationId(), 3);
      bob.ack(pair.conversationId(), 4);

      long bobsMark = awaitMark(alice, pair.conversationId(), pair.bob().account().id(), 4);
      assertThat(bobsMark).isEqualTo(4);

      bob.ack(pair.conversationId(), 4);
      SocketEvent.Delivered repeated =
          alice.nextEvent(SocketEvent.Delivered.class, Duration.ofSeconds(1));
      assertThat(repeated == null ? Map.of() : marks(repeated))
          .as("an announced mark is not announced again")
          .doesNotContainKey(pair.bob().account().id());
    }
  }

  @Test
  void groupMembersSeeEachAccountsMark_onlyForTheirConversation() {
    Session admin = server.newUser("tickadmin");
    Session carol = server.newUser("tickcarol");
    Session dave = server.newUser("tickdave");
    String group = MessagingFixture.group(server, admin, List.of(carol, dave));
    MessagingFixture.Pair other = MessagingFixture.directPair(server);
    server
        .client()
        .as(admin)
        .conversations()
        .send(Outgoing.application(group, id(), 1, bytes("hello group")));
    try (DeviceSocket adminSocket = connectReady(server.client().as(admin));
        DeviceSocket carolSocket = connectReady(server.client().as(carol));
        DeviceSocket daveSocket = connectReady(server.client().as(dave));
        DeviceSocket outsider = connectReady(other.aliceClient(server))) {
      receive(carolSocket, group, 1, WAIT);
      receive(daveSocket, group, 1, WAIT);
      carolSocket.ack(group, 2);
      daveSocket.ack(group, 2);

      assertThat(awaitMark(adminSocket, group, carol.account().id(), 2)).isEqualTo(2);
      assertThat(awaitMark(daveSocket, group, carol.account().id(), 2)).isEqualTo(2);
      SocketEvent.Delivered leaked =
          outsider.nextEvent(SocketEvent.Delivered.class, Duration.ofMillis(800));
      assertThat(leaked).as("no marks for conversations the device is not in").isNull();
    }
  }

  /**
   * Waits for a delivered mark of {@code accountId} of at least {@code atLeast}; returns it (or
   * -1).
   */
  static long awaitMark(
      DeviceSocket socket, String conversationId, String accountId, long atLeast) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long seen = -1;
    while (System.nanoTime() < deadline && seen < atLeast) {
      SocketEvent.Delivered delivered =
          socket.nextEvent(SocketEvent.Delivered.class, Duration.ofMillis(500));
      if (delivered != null && delivered.conversationId().equals(conversationId)) {
        seen = Math.max(seen, marks(delivered).getOrDefault(accountId, -1L));
      }
    }
    return seen;
  }

  private static Map<String, Long> marks(SocketEvent.Delivered delivered) {
    return delivered.marks().stream()
        .collect(
            Collectors.toMap(
                SocketEvent.DeliveredMark::accountId, SocketEvent.DeliveredMark::seq, Math::max));
  }
}
