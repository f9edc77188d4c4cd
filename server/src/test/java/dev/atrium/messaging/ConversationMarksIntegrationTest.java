package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.WAIT;
import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.connectReady;
import static dev.atrium.messaging.MessagingFixture.id;
import static dev.atrium.messaging.MessagingFixture.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Mark;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /conversations/{id}/marks: stored delivery and shared read positions, for ticks after
 * reconnecting.
 */
class ConversationMarksIntegrationTest {
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
  void senderWhoWasOffline_learnsDeliveredAndReadPositions_ofTheOtherMember() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    var alice = pair.aliceClient(server).conversations();
    alice.send(Outgoing.application(pair.conversationId(), id(), 1, bytes("one")));
    alice.send(Outgoing.application(pair.conversationId(), id(), 1, bytes("two")));
    try (DeviceSocket bob = connectReady(pair.bobClient(server))) {
      receive(bob, pair.conversationId(), 2, WAIT);
      bob.ack(pair.conversationId(), 3);
      bob.read(pair.conversationId(), 2);
      Map<String, Mark> marks =
          awaitMarks(
              pair.aliceClient(server).conversations()::marks,
              pair.conversationId(),
              m ->
                  m.containsKey(pair.bob().account().id())
                      && m.get(pair.bob().account().id()).deliveredSeq() >= 3
                      && m.get(pair.bob().account().id()).readSeq() != null);
      assertThat(marks)
          .as("only the other member, never the caller")
          .containsOnlyKeys(pair.bob().account().id());
      assertThat(marks.get(pair.bob().account().id()))
          .isEqualTo(new Mark(pair.bob().account().id(), 3, 2L));
    }
  }

  @Test
  void readPosition_isNotShown_whenTheReaderDoesNotShareReadReceipts() {
    MessagingFixture.Pair pair = MessagingFixture.directPair(server);
    pair.bobClient(server).conversations().setShareReadReceipts(false);
    pair.aliceClient(server)
        .conversations()
        .send(Outgoing.application(pair.conversationId(), id(), 1, bytes("x")));
    try (DeviceSocket bob = connectReady(pair.bobClient(server))) {
      receive(bob, pair.conversationId(), 1, WAIT);
      bob.ack(pair.conversationId(), 2);
      bob.read(pair.conversationId(), 2);
      MessagingFixture.awaitCursor(server, pair.bob().device().id(), pair.conversationId(), 2);
      server.atrium().delivery().flushCursors();
      Mark bobs =
          awaitMarks(
                  pair.aliceClient(server).conversations()::marks,
                  pair.conversationId(),
                  m -> m.get(pair.bob().account().id()).deliveredSeq() >= 2)
              .get(pair.bob().account().id());
      assertThat(bobs.readSeq()).as("no read mark invented or leaked").isNull();
      assertThat(bobs.deliveredSeq()).isEqualTo(2);
    }
  }

  @Test
  void groupMarks_takeTheBestDevicePerAccount_andOutsidersGet404() {
    Session admin = server.newUser("markadmin");
    Session carol = server.newUser("markcarol");
    Session dave = server.newUser("markdave");
    String group = MessagingFixture.group(server, admin, List.of(carol, dave));
    server
        .client()
        .as(admin)
        .conversations()
        .send(Outgoing.application(group, id(), 1, bytes("hi")));
    server.client().as(carol).conversations().acknowledge(group, 2);
    MessagingFixture.awaitCursor(server, carol.device().id(), group, 2);

    Map<String, Mark> marks =
        awaitMarks(
            server.client().as(admin).conversations()::marks,
            group,
            m -> m.get(carol.account().id()).deliveredSeq() >= 2);
    assertThat(marks).containsOnlyKeys(carol.account().id(), dave.account().id());
    assertThat(marks.get(carol.account().id()).deliveredSeq()).isEqualTo(2);
    assertThat(marks.get(dave.account().id()).deliveredSeq())
        .as("dave acknowledged nothing")
        .isLessThan(2);
    assertThat(marks.get(dave.account().id()).readSeq()).isNull();

    Session outsider = server.newUser("markoutsider");
    assertThatThrownBy(() -> server.client().as(outsider).conversations().marks(group))
        .isInstanceOfSatisfying(
            AtriumApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(
            server
                .client()
                .openApi()
                .at("/paths/~1api~1v1~1conversations~1{conversationId}~1marks/get/operationId")
                .asText())
        .isEqualTo("getConversationMarks");
  }

  private static Map<String, Mark> awaitMarks(
      java.util.function.Function<String, List<Mark>> fetch,
      String conversationId,
      Predicate<Map<String, Mark>> done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    Map<String, Mark> marks = Map.of();
    while (System.nanoTime() < deadline) {
      server.atrium().delivery().flushCursors();
      marks =
          fetch.apply(conversationId).stream().collect(Collectors.toMap(Mark::accountId, m -> m));
      if (done.test(marks)) {
        return marks;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return marks;
  }
}
