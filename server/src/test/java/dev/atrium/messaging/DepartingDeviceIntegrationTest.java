package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.WAIT;
import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.drain;
import static dev.atrium.messaging.MessagingFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import dev.atrium.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A device removed from a group gets what was sent while it was a leaf, up to the commit that
 * removed it, whether it was connected or away at the time; then nothing more.
 */
class DepartingDeviceIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<Long> seqsOf(List<SocketEvent> events, String conversationId) {
    return events.stream()
        .filter(
            event ->
                event instanceof SocketEvent.Envelopes envelopes
                    && envelopes.conversationId().equals(conversationId))
        .flatMap(event -> ((SocketEvent.Envelopes) event).envelopes().stream())
        .map(envelope -> envelope.seq())
        .toList();
  }

  private static boolean toldRemoved(List<SocketEvent> events, String conversationId) {
    return events.stream()
        .anyMatch(
            event ->
                event instanceof SocketEvent.Membership membership
                    && membership.conversationId().equals(conversationId)
                    && "removed".equals(membership.event()));
  }

  private static long cursorRows(Session who, String conversationId) {
    return server
        .atrium()
        .database()
        .read(
            handle ->
                handle.queryLong(
                    "SELECT COUNT(*) FROM device_cursors WHERE device_id = ? AND conversation_id = ?",
                    who.device().id(),
                    conversationId));
  }

  private static void awaitNoCursor(Session who, String conversationId) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (cursorRows(who, conversationId) > 0 && System.nanoTime() < deadline) {
      server.atrium().delivery().flushCursors();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(cursorRows(who, conversationId)).as("the departed device's cursor is gone").isZero();
  }

  /**
   * The admin commits (at epoch 1) the removal of {@code who}'s account and device; returns the
   * commit's seq.
   */
  private static long remove(AtriumClient adminClient, String group, Session who) {
    return adminClient
        .conversations()
        .send(
            Outgoing.commit(group, id(), 1, bytes("commit: remove " + who.account().id()))
                .removingAccounts(List.of(who.account().id()))
                .removingDevices(List.of(who.device().id())))
        .seq();
  }

  @Test
  void removedWhileAway_getsWhatWasSentWhileAMember_thenTheRemoval_andNothingAfter() {
    Session admin = server.newUser("depadmin");
    Session carol = server.newUser("depcarol");
    Session dave = server.newUser("depdave");
    String group = MessagingFixture.group(server, admin, List.of(carol, dave));
    AtriumClient adminClient = server.client().as(admin);
    adminClient
        .conversations()
        .send(Outgoing.application(group, id(), 1, bytes("while carol was away 1")));
    adminClient
        .conversations()
        .send(Outgoing.application(group, id(), 1, bytes("while carol was away 2")));
    long removal = remove(adminClient, group, carol);
    adminClient
        .conversations()
        .send(Outgoing.application(group, id(), 2, bytes("after carol left")));

    server.client().as(dave).keys().registerIdentityKey(1, bytes("dave's signature key"));
    AtriumClient carolClient = server.client().as(carol);
    try (DeviceSocket socket = carolClient.openSocket()) {
      List<SocketEvent> events = drain(socket);

      assertThat(seqsOf(events, group)).containsExactly(2L, 3L, removal);
      assertThat(toldRemoved(events, group)).isTrue();
      assertThat(events).anyMatch(event -> event instanceof SocketEvent.Ready);
      assertThat(server.client().as(admin).conversations().get(group).members())
          .noneMatch(member -> member.deviceIds().contains(carol.device().id()));
      assertThat(carolClient.keys().devices(dave.account().id()))
          .as("checking the credentials in what it catches up on needs the members' keys")
          .hasSize(1);
      socket.ack(group, removal);
      awaitNoCursor(carol, group);
    }
    assertThatThrownBy(() -> carolClient.keys().devices(dave.account().id()))
        .isInstanceOfSatisfying(
            AtriumApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    try (DeviceSocket again = server.client().as(carol).openSocket()) {
      assertThat(seqsOf(drain(again), group))
          .as("nothing once it acknowledged its removal")
          .isEmpty();
    }
    assertThatThrownBy(
            () ->
                server
                    .client()
                    .as(carol)
                    .conversations()
                    .send(Outgoing.application(group, id(), 2, bytes("let me back"))))
        .isInstanceOfSatisfying(
            AtriumApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void removedWhileConnected_getsTheRemovalAndNothingAfter_andItsAcknowledgementEndsTheCursor() {
    Session admin = server.newUser("depadmin");
    Session carol = server.newUser("depcarol");
    String group = MessagingFixture.group(server, admin, List.of(carol));
    AtriumClient adminClient = server.client().as(admin);
    try (DeviceSocket socket = MessagingFixture.connectReady(server.client().as(carol))) {
      long removal = remove(adminClient, group, carol);
      adminClient
          .conversations()
          .send(Outgoing.application(group, id(), 2, bytes("after carol left")));
      List<SocketEvent> events = drain(socket);

      assertThat(seqsOf(events, group)).containsExactly(removal);
      assertThat(toldRemoved(events, group)).isTrue();
      assertThat(cursorRows(carol, group)).as("kept until carol has it").isOne();
      socket.ack(group, removal);
      awaitNoCursor(carol, group);
    }
  }

  @Test
  void removedAndAddedAgainWhileAway_startsOverAtTheNewAdd() {
    Session admin = server.newUser("depadmin");
    Session carol = server.newUser("depcarol");
    String group = MessagingFixture.group(server, admin, List.of(carol));
    AtriumClient adminClient = server.client().as(admin);
    adminClient.conversations().send(Outgoing.application(group, id(), 1, bytes("before")));
    remove(adminClient, group, carol);
    adminClient
        .conversations()
        .send(Outgoing.application(group, id(), 2, bytes("while carol was out")));
    long readd =
        adminClient
            .conversations()
            .send(
                Outgoing.commit(group, id(), 2, bytes("commit: add carol again"))
                    .addingAccounts(List.of(carol.account().id()))
                    .withWelcome(bytes("welcome back"), List.of(carol.device().id())))
            .seq();
    long after =
        adminClient
            .conversations()
            .send(Outgoing.application(group, id(), 3, bytes("welcome back, carol")))
            .seq();

    try (DeviceSocket socket = server.client().as(carol).openSocket()) {
      List<SocketEvent> events = drain(socket);

      assertThat(seqsOf(events, group)).as("from the new add on").containsExactly(after);
      assertThat(toldRemoved(events, group)).isFalse();
      assertThat(events)
          .anyMatch(
              event ->
                  event instanceof SocketEvent.ItemReceived item && item.item().seq() == readd);
    }
  }
}
