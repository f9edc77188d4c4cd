package dev.atrium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The port every feature pushes through, used as a feature without a conversation would use it: a
 * notice to given accounts reaches each of their connected devices, on this node and on the others
 * of the cluster, and no one else's.
 */
class LiveEventsIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noticeToAccounts_reachesEveryConnectedDeviceOfThoseAccounts_andNoOneElse() throws Exception {
    try (TestServer server = TestServer.builder().start()) {
      Session alice = server.newUser("alice");
      Session aliceLaptop =
          server.client().login(alice.account().username(), TestServer.PASSWORD, "laptop");
      Session bob = server.newUser("bob");
      try (DeviceFrames alicePhone = DeviceFrames.open(server.uri(), alice.token());
          DeviceFrames laptop = DeviceFrames.open(server.uri(), aliceLaptop.token());
          DeviceFrames bobPhone = DeviceFrames.open(server.uri(), bob.token())) {
        for (DeviceFrames device : List.of(alicePhone, laptop, bobPhone)) {
          assertThat(device.next("ready")).isNotNull();
        }

        server
            .atrium()
            .delivery()
            .events()
            .toAccounts(
                List.of(alice.account().id()), Map.of("type", "notice", "text", "a new comment"));

        assertThat(alicePhone.next("notice").path("text").asText()).isEqualTo("a new comment");
        assertThat(laptop.next("notice").path("text").asText()).isEqualTo("a new comment");
        assertThat(bobPhone.nextWithin("notice", 500)).isNull();
      }
    }
  }

  @Test
  void noticeToAccounts_reachesADeviceConnectedToAnotherNode() throws Exception {
    String redisUrl = System.getenv("ATRIUM_TEST_REDIS_URL");
    Assumptions.assumeTrue(redisUrl != null && !redisUrl.isBlank(), "No Redis for cluster tests");
    String channel = "atrium-test-" + UUID.randomUUID();
    try (TestServer first =
            TestServer.builder()
                .set("ATRIUM_REDIS_URL", redisUrl)
                .set("ATRIUM_CLUSTER_CHANNEL", channel)
                .start();
        TestServer second =
            TestServer.builder()
                .sharingDatabaseOf(first)
                .set("ATRIUM_REDIS_URL", redisUrl)
                .set("ATRIUM_CLUSTER_CHANNEL", channel)
                .start()) {
      Session carol = first.newUser("carol");
      try (DeviceFrames onSecond = DeviceFrames.open(second.uri(), carol.token())) {
        assertThat(onSecond.next("ready")).isNotNull();

        first
            .atrium()
            .delivery()
            .events()
            .toAccounts(List.of(carol.account().id()), Map.of("type", "notice"));

        assertThat(onSecond.next("notice")).isNotNull();
      }
    }
  }

  /** A device's socket that keeps the frames it receives. */
  private static final class DeviceFrames implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>(10_000);
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static DeviceFrames open(URI base, String token) throws Exception {
      DeviceFrames frames = new DeviceFrames();
      frames.socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .header("Authorization", "Bearer " + token)
              .buildAsync(URI.create(base.toString().replace("http", "ws") + "/api/v1/ws"), frames)
              .get(10, TimeUnit.SECONDS);
      return frames;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          received.offer(JSON.readTree(partial.toString()));
        } catch (java.io.IOException e) {
          throw new AssertionError("The server sent a frame that is not JSON", e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    JsonNode next(String type) throws InterruptedException {
      return nextWithin(type, 10_000);
    }

    /** The next frame of this type within the time, skipping others; null when none came. */
    JsonNode nextWithin(String type, long millis) throws InterruptedException {
      long deadline = System.currentTimeMillis() + millis;
      for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
        JsonNode frame = received.poll(left, TimeUnit.MILLISECONDS);
        if (frame != null && frame.path("type").asText().equals(type)) {
          return frame;
        }
      }
      return null;
    }

    @Override
    public void close() {
      socket
          .sendClose(WebSocket.NORMAL_CLOSURE, "done")
          .orTimeout(5, TimeUnit.SECONDS)
          .exceptionally(e -> null)
          .join();
    }
  }
}
