package dev.atrium.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownIntegrationTest {

  @Test
  void stop_letsInFlightRequestsFinish() throws Exception {
    CountDownLatch requestStarted = new CountDownLatch(1);
    TestServer server =
        TestServer.builder()
            .route(
                api ->
                    api.infrastructure(
                        "GET",
                        "/test/slow",
                        ctx -> {
                          requestStarted.countDown();
                          Thread.sleep(1_000);
                          ctx.result("finished");
                        }))
            .start();
    AtriumClient client = server.client();

    CompletableFuture<RawResponse> inFlight =
        CompletableFuture.supplyAsync(() -> client.raw("GET", "/test/slow", null, null));
    assertThat(requestStarted.await(10, TimeUnit.SECONDS)).isTrue();
    server.close();

    RawResponse response = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("finished");
  }
}
