package dev.atrium.messaging.groups;

import static dev.atrium.messaging.MessagingFixture.WAIT;
import static dev.atrium.messaging.MessagingFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.messaging.MessagingFixture;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.KeyModels.KeyPackage;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import dev.atrium.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A new device's first key packages are announced to the connected devices of the account's
 * conversations, so a member can add it to each group at once; later uploads are not announced, and
 * nobody outside those conversations hears of it.
 */
class DeviceAnnouncementIntegrationTest {

  @Test
  void firstKeyPackages_ofANewDevice_areAnnouncedToItsConversations_once() {
    try (TestServer server = TestServer.start()) {
      MessagingFixture.Pair pair = MessagingFixture.directPair(server);
      Session carol = server.newUser("carol");
      String group = MessagingFixture.group(server, pair.alice(), List.of(pair.bob()));
      MessagingFixture.group(server, pair.bob(), List.of(carol)); // carol shares nothing with alice
      AtriumClient outsider = server.client().as(carol);
      try (DeviceSocket bobSocket = MessagingFixture.connectReady(pair.bobClient(server));
          DeviceSocket outsiderSocket = MessagingFixture.connectReady(outsider)) {
        Session aliceLaptop =
            server.client().login(pair.alice().account().username(), TestServer.PASSWORD, "laptop");
        AtriumClient laptop = server.client().as(aliceLaptop);
        laptop.keys().registerIdentityKey(1, bytes("laptop signature key"));

        laptop
            .keys()
            .upload(
                List.of(new KeyPackage(1, bytes("kp 1")), new KeyPackage(1, bytes("kp 2"))),
                new KeyPackage(1, bytes("last resort")));

        List<SocketEvent.DeviceAdded> announced = deviceAdded(bobSocket, 2, WAIT);
        assertThat(announced)
            .extracting(SocketEvent.DeviceAdded::conversationId)
            .containsExactlyInAnyOrder(pair.conversationId(), group);
        assertThat(announced)
            .allSatisfy(
                event -> {
                  assertThat(event.accountId()).isEqualTo(pair.alice().account().id());
                  assertThat(event.deviceId()).isEqualTo(aliceLaptop.device().id());
                });

        laptop.keys().upload(List.of(new KeyPackage(1, bytes("kp 3"))), null);
        assertThat(deviceAdded(bobSocket, 1, Duration.ofSeconds(1)))
            .as("a top-up is not announced")
            .isEmpty();
        assertThat(deviceAdded(outsiderSocket, 1, Duration.ofSeconds(1)))
            .as("outsiders hear nothing")
            .isEmpty();
      }
    }
  }

  private static List<SocketEvent.DeviceAdded> deviceAdded(
      DeviceSocket socket, int count, Duration timeout) {
    List<SocketEvent.DeviceAdded> seen = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (seen.size() < count && System.nanoTime() < deadline) {
      if (socket.nextEvent(Duration.ofMillis(100)) instanceof SocketEvent.DeviceAdded event) {
        seen.add(event);
      }
    }
    return seen;
  }
}
