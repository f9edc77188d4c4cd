package dev.atrium.messaging;

import static dev.atrium.messaging.MessagingFixture.bytes;
import static dev.atrium.messaging.MessagingFixture.id;
import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.KeyModels.DeviceKey;
import dev.atrium.sdk.MessagingModels.Outgoing;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Members of one group see each other's device keys without being contacts; outsiders never do. */
class GroupKeyVisibilityIntegrationTest {

  @Test
  void groupMembers_seeEachOthersKeys_andLoseSightWhenTheGroupIsLeft() {
    try (TestServer server = TestServer.start()) {
      Session admin = server.newUser("keyadmin");
      Session first = server.newUser("keyfirst");
      Session second = server.newUser("keysecond");
      String group = MessagingFixture.group(server, admin, List.of(first, second));
      AtriumClient secondClient = server.client().as(second);
      secondClient.keys().registerIdentityKey(1, bytes("second's signature key"));
      AtriumClient firstClient = server.client().as(first);
      AtriumClient outsider = server.newUserClient("keyoutsider");

      List<DeviceKey> seen = firstClient.keys().devices(second.account().id());

      assertThat(seen).extracting(DeviceKey::deviceId).containsExactly(second.device().id());
      assertThat(catchApi(() -> outsider.keys().devices(second.account().id())).status()).isEqualTo(404);

      secondClient.conversations().leave(group);
      server.client().as(admin).conversations().send(Outgoing.commit(group, id(), 1, bytes("remove leaver"))
          .removingDevices(List.of(second.device().id())));
      assertThat(catchApi(() -> firstClient.keys().devices(second.account().id())).status()).isEqualTo(404);
    }
  }
}
