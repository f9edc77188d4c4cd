package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.id;
import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.KeyModels.DeviceKey;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.Friends;
import dev.atrium.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Members of one group see each other's device keys without being contacts, and the keys of the
 * group's former members; outsiders never do, and a leaver no longer sees the others.
 */
class GroupKeyVisibilityIntegrationTest {

  @Test
  void groupMembers_seeEachOthersKeys_andAFormerMembersKeys_butTheLeaverAndOutsidersDoNot() {
    try (TestServer server = TestServer.start()) {
      Session admin = server.newUser("keyadmin");
      Session first = server.newUser("keyfirst");
      Session second = server.newUser("keysecond");
      String group = MessagingFixture.group(server, admin, List.of(first, second));
      AtriumClient secondClient = server.client().as(second);
      secondClient.keys().registerIdentityKey(1, bytes("second's signature key"));
      AtriumClient firstClient = server.client().as(first);
      firstClient.keys().registerIdentityKey(1, bytes("first's signature key"));
      AtriumClient outsider = server.newUserClient("keyoutsider");

      List<DeviceKey> seen = firstClient.keys().devices(second.account().id());

      assertThat(seen).extracting(DeviceKey::deviceId).containsExactly(second.device().id());
      assertThat(catchApi(() -> outsider.keys().devices(second.account().id())).status())
          .isEqualTo(404);

      secondClient.conversations().leave(group);
      assertThat(firstClient.keys().devices(second.account().id()))
          .as("a commit adding the leaver may still be on its way to the remaining members")
          .extracting(DeviceKey::deviceId)
          .containsExactly(second.device().id());
      server
          .client()
          .as(admin)
          .conversations()
          .send(
              Outgoing.commit(group, id(), 1, bytes("remove leaver"))
                  .removingDevices(List.of(second.device().id())));
      assertThat(firstClient.keys().devices(second.account().id())).hasSize(1);
      assertThat(catchApi(() -> secondClient.keys().devices(first.account().id())).status())
          .as("the leaver no longer sees the members")
          .isEqualTo(404);
      assertThat(catchApi(() -> outsider.keys().devices(second.account().id())).status())
          .isEqualTo(404);
    }
  }

  @Test
  void aMemberAddedAfterSomeoneLeft_seesTheLeaversKeys_andAReAddedMemberIsNoLongerFormer() {
    try (TestServer server = TestServer.start()) {
      Session admin = server.newUser("keyadmin");
      Session leaver = server.newUser("keyleaver");
      Session newcomer = server.newUser("keynewcomer");
      String group = MessagingFixture.group(server, admin, List.of(leaver));
      AtriumClient leaverClient = server.client().as(leaver);
      leaverClient.keys().registerIdentityKey(1, bytes("leaver's signature key"));
      leaverClient.conversations().leave(group);
      AtriumClient adminClient = server.client().as(admin);
      Friends.make(server, admin, newcomer);
      adminClient
          .conversations()
          .send(
              Outgoing.commit(group, id(), 1, bytes("add newcomer"))
                  .addingAccounts(List.of(newcomer.account().id())));

      assertThat(server.client().as(newcomer).keys().devices(leaver.account().id()))
          .as("the leaver's leaf may still be in the tree the newcomer joins")
          .hasSize(1);

      adminClient
          .conversations()
          .send(
              Outgoing.commit(group, id(), 2, bytes("add the leaver again"))
                  .addingAccounts(List.of(leaver.account().id())));
      long formerRows =
          server
              .atrium()
              .database()
              .read(
                  handle ->
                      handle.queryLong(
                          "SELECT COUNT(*) FROM conversation_former_members WHERE account_id = ?",
                          leaver.account().id()));
      assertThat(formerRows).isZero();
      assertThat(server.client().as(newcomer).keys().devices(leaver.account().id())).hasSize(1);
    }
  }
}
