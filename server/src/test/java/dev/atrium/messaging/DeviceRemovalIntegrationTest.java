package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.drain;
import static dev.atrium.messaging.MessagingFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import dev.atrium.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logging out ends a device for good, like a revocation: the connected members of every group it
 * was a leaf of are told at once, so one of them commits the removal of its leaf, and the group's
 * devices no longer list it.
 */
class DeviceRemovalIntegrationTest {

  @Test
  void aDeviceThatLogsOut_isAnnouncedAsRemovedToItsGroups_andAnyMemberMayCommitItsRemoval() {
    try (TestServer server = TestServer.start()) {
      MessagingFixture.Pair pair = MessagingFixture.directPair(server);
      Session carol = server.newUser("carol");
      String group = MessagingFixture.group(server, pair.alice(), List.of(pair.bob(), carol));
      AtriumClient alice = server.client().as(pair.alice());
      Session aliceLaptop =
          server.client().login(pair.alice().account().username(), TestServer.PASSWORD, "laptop");
      alice
          .conversations()
          .send(
              Outgoing.commit(group, id(), 1, bytes("commit: add the laptop"))
                  .withWelcome(bytes("welcome, laptop"), List.of(aliceLaptop.device().id())));
      AtriumClient bob = server.client().as(pair.bob());
      try (DeviceSocket bobSocket = MessagingFixture.connectReady(bob);
          DeviceSocket carolSocket = MessagingFixture.connectReady(server.client().as(carol))) {
        drain(bobSocket);
        drain(carolSocket);

        server.client().as(aliceLaptop).logout();

        List<SocketEvent.Membership> told =
            drain(bobSocket).stream()
                .filter(SocketEvent.Membership.class::isInstance)
                .map(SocketEvent.Membership.class::cast)
                .toList();
        assertThat(told)
            .as("only the group the laptop was a leaf of, not the direct chat")
            .singleElement()
            .satisfies(
                event -> {
                  assertThat(event.conversationId()).isEqualTo(group);
                  assertThat(event.event()).isEqualTo("device_removed");
                  assertThat(event.accountId()).isEqualTo(pair.alice().account().id());
                });
        assertThat(drain(carolSocket))
            .as("every connected member hears it")
            .anyMatch(
                event ->
                    event instanceof SocketEvent.Membership membership
                        && membership.event().equals("device_removed"));
        assertThat(bob.conversations().get(group).members())
            .filteredOn(member -> member.accountId().equals(pair.alice().account().id()))
            .singleElement()
            .satisfies(
                member ->
                    assertThat(member.deviceIds()).containsExactly(pair.alice().device().id()));

        // Bob is no admin, yet may commit the removal of a device that no longer exists.
        bob.conversations()
            .send(
                Outgoing.commit(group, id(), 2, bytes("commit: the laptop's leaf goes"))
                    .removingDevices(List.of(aliceLaptop.device().id())));
        assertThat(bob.conversations().get(group).conversation().epoch()).isEqualTo(3);
      }
    }
  }
}
