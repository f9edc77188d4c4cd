package dev.atrium.notifications;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestPushService;
import dev.atrium.testing.TestPushService.Subscription;
import dev.atrium.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the default settings a subscription cannot point the server at its own network: an endpoint
 * must be https and must not resolve to a loopback or private address.
 */
class PushEndpointPolicyIntegrationTest {
  private static TestServer server;
  private static TestPushService pushService;

  @BeforeAll
  static void start() {
    pushService = TestPushService.start();
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
    pushService.close();
  }

  @Test
  void localAndPlainHttpEndpoints_areRefusedByDefault() {
    AtriumClient client = server.client().as(server.newUser("policy"));
    Subscription local = pushService.subscribe();
    String httpsLoopback = local.endpoint().replace("http://", "https://");

    for (String endpoint :
        new String[] {
          local.endpoint(),
          httpsLoopback,
          "https://10.0.0.7/push/x",
          "https://[::1]/push/x",
          "https://169.254.169.254/latest"
        }) {
      RawResponse response =
          client.raw(
              "PUT",
              "/api/v1/devices/current/push-subscription",
              "application/json",
              ("{\"endpoint\":\""
                      + endpoint
                      + "\",\"keys\":{\"p256dh\":\""
                      + local.p256dh()
                      + "\",\"auth\":\""
                      + local.auth()
                      + "\"}}")
                  .getBytes(UTF_8));
      assertThat(response.status()).as(endpoint + ": " + response.body()).isEqualTo(422);
      assertThat(response.body()).contains("\"endpoint\"");
    }
  }
}
