package dev.atrium.messaging.groups;

import static dev.atrium.messaging.MessagingFixture.WAIT;
import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.drain;
import static dev.atrium.messaging.MessagingFixture.id;
import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.messaging.MessagingFixture;
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
 * A device that lost its group state asks to be added again; any member then commits the removal of
 * its old leaf and welcomes it anew in one commit, and it reads what follows.
 */
class RejoinIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static <T extends SocketEvent> T next(DeviceSocket socket, Class<T> type) {
    T event = socket.nextEvent(type, WAIT);
    assertThat(event).as("a %s event", type.getSimpleName()).isNotNull();
    return event;
  }

  @Test
  void aDeviceAsksToRejoin_aMemberWhoIsNoAdminReaddsIt_andItReceivesTheWelcomeAndWhatFollows() {
    Session admin = server.newUser("rejadmin");
    Session carol = server.newUser("rejcarol");
    Session dave = server.newUser("rejdave");
    String group = MessagingFixture.group(server, admin, List.of(carol, dave));
    AtriumClient carolClient = server.client().as(carol);
    AtriumClient daveClient = server.client().as(dave);

    try (DeviceSocket daveSocket = MessagingFixture.connectReady(daveClient);
        DeviceSocket carolSocket = MessagingFixture.connectReady(carolClient)) {
      carolClient.conversations().requestRejoin(group);

      SocketEvent.RejoinRequested asked = next(daveSocket, SocketEvent.RejoinRequested.class);
      assertThat(asked.conversationId()).isEqualTo(group);
      assertThat(asked.deviceId()).isEqualTo(carol.device().id());
      assertThat(asked.accountId()).isEqualTo(carol.account().id());
      assertThat(daveClient.conversations().get(group).rejoinDeviceIds())
          .containsExactly(carol.device().id());

      long readd =
          daveClient
              .conversations()
              .send(
                  Outgoing.commit(group, id(), 1, bytes("commit: carol again"))
                      .removingDevices(List.of(carol.device().id()))
                      .withWelcome(bytes("welcome again, carol"), List.of(carol.device().id())))
              .seq();
      long after =
          server
              .client()
              .as(admin)
              .conversations()
              .send(Outgoing.application(group, id(), 2, bytes("after carol rejoined")))
              .seq();

      List<SocketEvent> events = drain(carolSocket);
      assertThat(events)
          .as("the Welcome")
          .anyMatch(
              event ->
                  event instanceof SocketEvent.ItemReceived item
                      && item.item().seq() == readd
                      && item.item().kind().equals("welcome"));
      assertThat(events)
          .as("still subscribed: the commit and what follows")
          .filteredOn(SocketEvent.Envelopes.class::isInstance)
          .map(SocketEvent.Envelopes.class::cast)
          .flatMap(SocketEvent.Envelopes::envelopes)
          .map(envelope -> envelope.seq())
          .contains(readd, after);
      assertThat(events)
          .as("not told it was removed")
          .noneMatch(SocketEvent.Membership.class::isInstance);
      var details = daveClient.conversations().get(group);
      assertThat(details.rejoinDeviceIds()).isEmpty();
      assertThat(details.members())
          .filteredOn(member -> member.accountId().equals(carol.account().id()))
          .singleElement()
          .satisfies(member -> assertThat(member.deviceIds()).containsExactly(carol.device().id()));
    }
  }

  @Test
  void withoutARequest_aMemberWhoIsNoAdminMayNotRemoveAnothersDevice_andNoDeviceIsWelcomedTwice() {
    Session admin = server.newUser("rejadmin");
    Session carol = server.newUser("rejcarol");
    Session dave = server.newUser("rejdave");
    String group = MessagingFixture.group(server, admin, List.of(carol, dave));
    AtriumClient daveClient = server.client().as(dave);

    assertThat(
            catchApi(
                    () ->
                        daveClient
                            .conversations()
                            .send(
                                Outgoing.commit(group, id(), 1, bytes("commit: remove"))
                                    .removingDevices(List.of(carol.device().id()))))
                .code())
        .isEqualTo("admin_required");
    assertThat(
            catchApi(
                    () ->
                        daveClient
                            .conversations()
                            .send(
                                Outgoing.commit(group, id(), 1, bytes("commit: not asked"))
                                    .removingDevices(List.of(carol.device().id()))
                                    .withWelcome(bytes("welcome"), List.of(carol.device().id()))))
                .status())
        .isEqualTo(422);
    assertThat(
            catchApi(
                    () ->
                        server
                            .client()
                            .as(admin)
                            .conversations()
                            .send(
                                Outgoing.commit(group, id(), 1, bytes("commit: twice"))
                                    .withWelcome(bytes("welcome"), List.of(carol.device().id()))))
                .status())
        .isEqualTo(422);
  }

  @Test
  void onlyALeafOfTheGroupMayAsk() {
    Session admin = server.newUser("rejadmin");
    Session carol = server.newUser("rejcarol");
    String group = MessagingFixture.group(server, admin, List.of(carol));
    AtriumClient outsider = server.newUserClient("rejoutsider");
    assertThat(catchApi(() -> outsider.conversations().requestRejoin(group)).status())
        .isEqualTo(404);

    Session carolsLaptop =
        server.client().login(carol.account().username(), TestServer.PASSWORD, "laptop");
    var refused =
        catchApi(() -> server.client().as(carolsLaptop).conversations().requestRejoin(group));
    assertThat(refused.status())
        .as("a device never added is added as a new device, not rejoined")
        .isEqualTo(422);
    assertThat(refused.code()).isEqualTo("invalid_membership_change");
    assertThat(
            catchApi(() -> outsider.conversations().requestRejoin("no-such-conversation")).status())
        .isEqualTo(404);
  }
}
