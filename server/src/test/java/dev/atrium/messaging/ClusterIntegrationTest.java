package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.WAIT;
import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.connectReady;
import static dev.atrium.messaging.MessagingFixture.id;
import static dev.atrium.messaging.MessagingFixture.receive;
import static dev.atrium.messaging.MessagingFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Envelope;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import dev.atrium.testing.TestServer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes sharing one database and one real Redis: a device gets live deliveries, typing and its
 * own revocation on whichever node it is connected to.
 */
class ClusterIntegrationTest {
  private static TestServer first;
  private static TestServer second;

  @BeforeAll
  static void start() {
    String redisUrl = System.getenv("ATRIUM_TEST_REDIS_URL");
    Assumptions.assumeTrue(
        redisUrl != null && !redisUrl.isBlank(),
        "No Redis for cluster tests: ./atrium test provides one (or pass -Datrium.test.redisUrl=redis://...)");
    // A channel of its own, so clusters of other test runs on the same Redis stay apart.
    Map<String, String> cluster =
        Map.of("ATRIUM_REDIS_URL", redisUrl, "ATRIUM_CLUSTER_CHANNEL", "atrium-test-" + id());
    first = withSettings(TestServer.builder(), cluster).start();
    second = withSettings(TestServer.builder().sharingDatabaseOf(first), cluster).start();
  }

  private static TestServer.Builder withSettings(
      TestServer.Builder builder, Map<String, String> settings) {
    settings.forEach(builder::set);
    return builder;
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void envelopeSentThroughOneNode_reachesADeviceLiveOnTheOther() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(first);
    try (DeviceSocket bobOnSecond = connectReady(second.client().as(pair.bob()))) {
      for (int i = 1; i <= 5; i++) {
        first
            .client()
            .as(pair.alice())
            .conversations()
            .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("across nodes " + i)));
      }

      List<Envelope> live = receive(bobOnSecond, pair.conversationId(), 5, WAIT);
      assertThat(live)
          .extracting(envelope -> text(Base64.getDecoder().decode(envelope.ciphertext())))
          .containsExactly(
              "across nodes 1",
              "across nodes 2",
              "across nodes 3",
              "across nodes 4",
              "across nodes 5");
      assertThat(live).extracting(Envelope::seq).isSorted();
    }
  }

  @Test
  void memberAddedThroughOneNode_getsWelcomeAndLaterEnvelopesOnTheOther() {
    Session admin = first.newUser("clusteradmin");
    Session carol = first.newUser("carol");
    String group = MessagingFixture.group(first, admin, List.of());
    dev.atrium.testing.Friends.make(first, admin, carol);
    try (DeviceSocket carolOnSecond = connectReady(second.client().as(carol))) {
      AtriumClient adminClient = first.client().as(admin);
      adminClient
          .conversations()
          .send(
              Outgoing.commit(group, id(), 1, bytes("commit: add carol"))
                  .addingAccounts(List.of(carol.account().id()))
                  .withWelcome(bytes("welcome carol"), List.of(carol.device().id())));

      SocketEvent.ItemReceived welcome =
          carolOnSecond.nextEvent(SocketEvent.ItemReceived.class, WAIT);
      assertThat(welcome).as("welcome relayed to the other node").isNotNull();
      assertThat(welcome.item().conversationId()).isEqualTo(group);

      adminClient.conversations().send(Outgoing.application(group, id(), 2, bytes("hello carol")));
      List<Envelope> live = receive(carolOnSecond, group, 1, WAIT);
      assertThat(live)
          .extracting(envelope -> text(Base64.getDecoder().decode(envelope.ciphertext())))
          .containsExactly("hello carol");
    }
  }

  @Test
  void typingOnOneNode_isShownOnTheOther() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(first);
    try (DeviceSocket aliceOnFirst = connectReady(first.client().as(pair.alice()));
        DeviceSocket bobOnSecond = connectReady(second.client().as(pair.bob()))) {
      aliceOnFirst.typing(pair.conversationId());

      SocketEvent.Typing typing = bobOnSecond.nextEvent(SocketEvent.Typing.class, WAIT);
      assertThat(typing).as("typing relayed").isNotNull();
      assertThat(typing.accountId()).isEqualTo(pair.alice().account().id());
    }
  }

  @Test
  void deliveredMarkOnOneNode_reachesTheSenderOnTheOther() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(first);
    first
        .client()
        .as(pair.alice())
        .conversations()
        .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("tick across nodes")));
    try (DeviceSocket aliceOnFirst = connectReady(first.client().as(pair.alice()));
        DeviceSocket bobOnSecond = connectReady(second.client().as(pair.bob()))) {
      receive(bobOnSecond, pair.conversationId(), 1, WAIT);
      bobOnSecond.ack(pair.conversationId(), 2);

      assertThat(
              DeliveryReceiptsIntegrationTest.awaitMark(
                  aliceOnFirst, pair.conversationId(), pair.bob().account().id(), 2))
          .as("delivered relayed")
          .isEqualTo(2);
    }
  }

  @Test
  void deviceRevokedThroughOneNode_isDisconnectedOnTheOther() {
    Session dora = first.newUser("dora");
    Session doraLaptop =
        first.client().login(dora.account().username(), TestServer.PASSWORD, "laptop");
    try (DeviceSocket laptopOnSecond = connectReady(second.client().as(doraLaptop))) {
      first.client().as(dora).revokeDevice(doraLaptop.device().id());

      SocketEvent.Closed closed =
          laptopOnSecond
              .closedFuture()
              .orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
              .join();
      assertThat(closed.code()).as("device revoked").isEqualTo(4001);
    }
  }
}
