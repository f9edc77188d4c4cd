package dev.atrium.miniapps.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.platform.errors.OperatingError;
import dev.atrium.provider.WebhookEvent;
import dev.atrium.provider.WebhookVerifier;
import dev.atrium.testing.TestServer;
import dev.atrium.testing.TestWebhookReceiver;
import dev.atrium.testing.TestWebhookReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mini-program webhooks end to end: events written in a real transaction, sent by the node's real
 * dispatcher thread over real HTTP to a real receiver, verified with the provider SDK.
 */
class MiniAppWebhooksIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Map<String, String> urls = new ConcurrentHashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private TestServer server(String... settings) {
    TestServer.Builder builder =
        TestServer.builder().set("ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true");
    for (int i = 0; i < settings.length; i += 2) {
      builder.set(settings[i], settings[i + 1]);
    }
    return track(connect(builder.start()));
  }

  /** Answers the port from this test's table of URLs, as the registry will from its own. */
  private TestServer connect(TestServer server) {
    server
        .atrium()
        .miniappWebhooks()
        .endpointsFrom(
            appId -> Optional.ofNullable(urls.get(appId)).map(WebhookEndpoints.Endpoint::new));
    return server;
  }

  private <T extends AutoCloseable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private static String enqueue(TestServer server, String appId, String type, Object data) {
    MiniAppWebhooksModule webhooks = server.atrium().miniappWebhooks();
    return server
        .atrium()
        .database()
        .inTransaction(tx -> webhooks.outbox().enqueue(tx, appId, type, data));
  }

  private static WebhookDelivery awaitEvent(
      TestServer server, String appId, String eventId, Predicate<WebhookDelivery> condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    WebhookDelivery event = server.atrium().miniappWebhooks().log().get(appId, eventId);
    while (!condition.test(event)) {
      assertThat(System.nanoTime()).as("waiting for %s", event).isLessThan(deadline);
      Thread.sleep(10);
      event = server.atrium().miniappWebhooks().log().get(appId, eventId);
    }
    return event;
  }

  @Test
  void event_isDeliveredWithinMillisecondsAndVerifiesWithTheProviderSdk() throws Exception {
    // A poll interval of a minute: only the wake-up after the commit can explain a fast delivery.
    TestServer server = server("ATRIUM_MINIAPPS_WEBHOOKS_POLL_INTERVAL_MILLIS", "60000");
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    urls.put("app_food", receiver.url());
    String secret = server.atrium().miniappWebhooks().secrets().rotate("app_food");
    assertThat(secret).startsWith("whsec_");

    long before = System.nanoTime();
    String eventId =
        enqueue(
            server,
            "app_food",
            WebhookEventTypes.PAYMENT_SUCCEEDED,
            Map.of("orderId", "ord_1", "amountCents", 1250));
    Received request = receiver.next(WAIT);
    long latencyMillis = (request.arrivedAtNanos() - before) / 1_000_000;

    assertThat(latencyMillis).as("enqueue to receipt, ms").isLessThan(1_000);
    System.out.println("webhook enqueue-to-receipt latency: " + latencyMillis + " ms");
    WebhookEvent event =
        new WebhookVerifier(secret)
            .verify(
                request.body(),
                request.header("Atrium-Webhook-Signature"),
                request.header("Atrium-Webhook-Timestamp"),
                Instant.now());
    assertThat(event.id()).isEqualTo(eventId).isEqualTo(request.header("Atrium-Webhook-Id"));
    assertThat(event.type()).isEqualTo("payment.succeeded");
    assertThat(event.appId()).isEqualTo("app_food");
    assertThat(event.data().path("amountCents").asLong()).isEqualTo(1250);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    WebhookDelivery delivered =
        awaitEvent(server, "app_food", eventId, e -> e.status() == WebhookStatus.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(1);
    assertThat(delivered.lastStatusCode()).isEqualTo(200);
  }

  @Test
  void eventOfARolledBackTransaction_isNeverSent() throws Exception {
    TestServer server = server();
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    urls.put("app_food", receiver.url());
    server.atrium().miniappWebhooks().secrets().rotate("app_food");
    MiniAppWebhooksModule webhooks = server.atrium().miniappWebhooks();

    assertThatThrownBy(
            () ->
                server
                    .atrium()
                    .database()
                    .inTransaction(
                        tx -> {
                          webhooks.outbox().enqueue(tx, "app_food", "payment.failed", Map.of());
                          throw new IllegalStateException("the payment failed to commit");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(receiver.next(Duration.ofMillis(1_500))).isNull();
    assertThat(webhooks.log().list("app_food", 10, null, null).events()).isEmpty();
  }

  @Test
  void failingReceiver_isRetriedWithGrowingDelays_andGetsTheEventOnceItAnswers() throws Exception {
    TestServer server =
        server(
            "ATRIUM_MINIAPPS_WEBHOOKS_POLL_INTERVAL_MILLIS", "10",
            "ATRIUM_MINIAPPS_WEBHOOKS_RETRY_DELAYS_MILLIS", "100,250,600");
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    urls.put("app_food", receiver.url());
    server.atrium().miniappWebhooks().secrets().rotate("app_food");
    receiver.answer(500);

    String eventId = enqueue(server, "app_food", "refund.succeeded", Map.of("refundId", "r1"));
    List<Long> arrivals = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Received request = receiver.next(WAIT);
      assertThat(request.header("Atrium-Webhook-Id")).isEqualTo(eventId);
      arrivals.add(request.arrivedAtNanos());
    }
    long firstGapMillis = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
    long secondGapMillis = (arrivals.get(2) - arrivals.get(1)) / 1_000_000;
    // 100 ms and 250 ms, each jittered by at most 20 percent.
    assertThat(firstGapMillis).isBetween(70L, 400L);
    assertThat(secondGapMillis).isGreaterThan(firstGapMillis).isGreaterThanOrEqualTo(190L);
    WebhookDelivery failing = server.atrium().miniappWebhooks().log().get("app_food", eventId);
    assertThat(failing.status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(failing.lastStatusCode()).isEqualTo(500);

    receiver.answer(204);
    WebhookDelivery delivered =
        awaitEvent(server, "app_food", eventId, e -> e.status() == WebhookStatus.DELIVERED);
    assertThat(delivered.attempts()).isGreaterThanOrEqualTo(4);
    assertThat(delivered.lastStatusCode()).isEqualTo(204);
    assertThat(delivered.lastError()).isNull();
  }

  @Test
  void receiverThatIsDown_getsTheEventWhenItComesBack() throws Exception {
    TestServer server =
        server(
            "ATRIUM_MINIAPPS_WEBHOOKS_POLL_INTERVAL_MILLIS", "10",
            "ATRIUM_MINIAPPS_WEBHOOKS_RETRY_DELAYS_MILLIS", "50,100,200");
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    urls.put("app_bikes", receiver.url());
    server.atrium().miniappWebhooks().secrets().rotate("app_bikes");
    receiver.stop();

    String eventId = enqueue(server, "app_bikes", "consent.revoked", Map.of("userId", "u1"));
    WebhookDelivery failing = awaitEvent(server, "app_bikes", eventId, e -> e.attempts() >= 2);
    assertThat(failing.status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(failing.lastStatusCode()).isNull();
    assertThat(failing.lastError()).startsWith("unreachable");

    receiver.resume();
    Received request = receiver.next(WAIT);
    assertThat(request.header("Atrium-Webhook-Id")).isEqualTo(eventId);
    awaitEvent(server, "app_bikes", eventId, e -> e.status() == WebhookStatus.DELIVERED);
  }

  @Test
  void pendingEvent_survivesARestartOfTheServer() throws Exception {
    TestServer first =
        TestServer.builder()
            .set("ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true")
            .set("ATRIUM_MINIAPPS_WEBHOOKS_POLL_INTERVAL_MILLIS", "20")
            .set("ATRIUM_MINIAPPS_WEBHOOKS_RETRY_DELAYS_MILLIS", "100")
            .start();
    connect(first);
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    urls.put("app_food", receiver.url());
    String secret = first.atrium().miniappWebhooks().secrets().rotate("app_food");
    receiver.stop();
    String eventId = enqueue(first, "app_food", "account.deleted", Map.of("userId", "u9"));
    awaitEvent(first, "app_food", eventId, e -> e.attempts() >= 1);

    TestServer second;
    try {
      second = track(connect(first.restart()));
    } catch (RuntimeException e) {
      first.close();
      throw e;
    }
    receiver.resume();

    Received request = receiver.next(WAIT);
    assertThat(
            new WebhookVerifier(secret)
                .verify(request.body(), request.header("Atrium-Webhook-Signature"), Instant.now())
                .id())
        .isEqualTo(eventId);
    awaitEvent(second, "app_food", eventId, e -> e.status() == WebhookStatus.DELIVERED);
  }

  @Test
  void loopbackUrl_isRefusedAtSendTimeUnlessPrivateNetworksAreAllowed() throws Exception {
    TestServer server =
        track(
            connect(
                TestServer.builder()
                    .set("ATRIUM_MINIAPPS_WEBHOOKS_POLL_INTERVAL_MILLIS", "20")
                    .set("ATRIUM_MINIAPPS_WEBHOOKS_RETRY_DELAYS_MILLIS", "100")
                    .start()));
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    // Stored as if registration had allowed it; the dispatcher checks again before each request.
    urls.put("app_food", receiver.url());
    server.atrium().miniappWebhooks().secrets().rotate("app_food");

    String eventId = enqueue(server, "app_food", "payment.succeeded", Map.of());
    WebhookDelivery refused = awaitEvent(server, "app_food", eventId, e -> e.attempts() >= 2);

    assertThat(refused.status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(refused.lastError()).startsWith("URL refused");
    assertThat(receiver.drain()).isEmpty();
    assertThatThrownBy(() -> WebhookUrlPolicy.validate(receiver.url(), false, "webhookUrl"))
        .isInstanceOf(OperatingError.class);
    assertThat(WebhookUrlPolicy.validate(receiver.url(), true, "webhookUrl").getPort())
        .isPositive();
  }

  @Test
  void replay_sendsTheSameEventAgain_andOnlyForItsOwnApp() throws Exception {
    TestServer server = server();
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    urls.put("app_food", receiver.url());
    String secret = server.atrium().miniappWebhooks().secrets().rotate("app_food");
    String eventId = enqueue(server, "app_food", "payment.succeeded", Map.of("orderId", "o7"));
    Received first = receiver.next(WAIT);
    awaitEvent(server, "app_food", eventId, e -> e.status() == WebhookStatus.DELIVERED);
    WebhookDeliveryLog log = server.atrium().miniappWebhooks().log();

    WebhookDelivery replayed = log.replay("app_food", eventId);
    Received second = receiver.next(WAIT);

    assertThat(replayed.status()).isEqualTo(WebhookStatus.PENDING);
    assertThat(second.header("Atrium-Webhook-Id")).isEqualTo(eventId);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(
            new WebhookVerifier(secret)
                .verify(second.body(), second.header("Atrium-Webhook-Signature"), Instant.now())
                .id())
        .isEqualTo(eventId);
    awaitEvent(server, "app_food", eventId, e -> e.status() == WebhookStatus.DELIVERED);
    assertThatThrownBy(() -> log.replay("app_other", eventId))
        .isInstanceOf(WebhookError.EventNotFound.class);
    assertThatThrownBy(() -> log.replay("app_food", "evt_unknown"))
        .isInstanceOf(WebhookError.EventNotFound.class);
  }

  @Test
  void deliveryLog_pagesNewestFirst_filtersByStatus_andKeepsAppsApart() throws Exception {
    // No endpoint for these apps: every event stays pending.
    TestServer server = server();
    WebhookDeliveryLog log = server.atrium().miniappWebhooks().log();
    String oldest = enqueue(server, "app_a", "payment.succeeded", Map.of("n", 1));
    Thread.sleep(2);
    String middle = enqueue(server, "app_a", "payment.failed", Map.of("n", 2));
    Thread.sleep(2);
    String newest = enqueue(server, "app_a", "refund.succeeded", Map.of("n", 3));
    enqueue(server, "app_b", "payment.succeeded", Map.of("n", 4));

    WebhookPage first = log.list("app_a", 2, null, null);
    assertThat(first.events()).extracting(WebhookDelivery::id).containsExactly(newest, middle);
    WebhookPage second = log.list("app_a", 2, first.nextCursor(), null);
    assertThat(second.events()).extracting(WebhookDelivery::id).containsExactly(oldest);
    assertThat(second.nextCursor()).isNull();
    assertThat(log.list("app_a", 10, null, WebhookStatus.PENDING).events()).hasSize(3);
    assertThat(log.list("app_a", 10, null, WebhookStatus.DELIVERED).events()).isEmpty();
    assertThatThrownBy(() -> log.get("app_b", newest))
        .isInstanceOf(WebhookError.EventNotFound.class);
    assertThatThrownBy(() -> log.list("app_a", 0, null, null)).isInstanceOf(OperatingError.class);
    assertThatThrownBy(() -> log.list("app_b", 10, newest, null))
        .isInstanceOf(OperatingError.class);
  }

  @Test
  void appOverItsPendingBound_losesItsOldestPendingEventToFailed() {
    TestServer server = server("ATRIUM_MINIAPPS_WEBHOOKS_PENDING_PER_APP_MAX", "2");
    WebhookDeliveryLog log = server.atrium().miniappWebhooks().log();
    String first = enqueue(server, "app_a", "payment.succeeded", Map.of());
    enqueue(server, "app_a", "payment.succeeded", Map.of());
    enqueue(server, "app_a", "payment.succeeded", Map.of());

    WebhookDelivery dropped = log.get("app_a", first);
    assertThat(dropped.status()).isEqualTo(WebhookStatus.FAILED);
    assertThat(dropped.lastError()).startsWith("dropped");
    assertThat(log.list("app_a", 10, null, WebhookStatus.PENDING).events()).hasSize(2);
  }

  @Test
  void eventNeverAccepted_isMarkedFailedWhenTheRetryWindowEnds() throws Exception {
    TestServer server =
        server(
            "ATRIUM_MINIAPPS_WEBHOOKS_POLL_INTERVAL_MILLIS", "20",
            "ATRIUM_MINIAPPS_WEBHOOKS_RETRY_DELAYS_MILLIS", "200",
            "ATRIUM_MINIAPPS_WEBHOOKS_RETRY_WINDOW_SECONDS", "1");
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    urls.put("app_food", receiver.url());
    server.atrium().miniappWebhooks().secrets().rotate("app_food");
    receiver.answer(503);

    String eventId = enqueue(server, "app_food", "payment.succeeded", Map.of());
    WebhookDelivery failed =
        awaitEvent(server, "app_food", eventId, e -> e.status() == WebhookStatus.FAILED);

    assertThat(failed.lastStatusCode()).isEqualTo(503);
    assertThat(failed.attempts()).isBetween(3, 10);
  }

  @Test
  void rotatedSecret_signsAlongsideThePreviousOneDuringTheGrace() throws Exception {
    TestServer server = server();
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    urls.put("app_food", receiver.url());
    String old = server.atrium().miniappWebhooks().secrets().rotate("app_food");
    String current = server.atrium().miniappWebhooks().secrets().rotate("app_food");

    enqueue(server, "app_food", "payment.succeeded", Map.of());
    Received request = receiver.next(WAIT);

    String signature = request.header("Atrium-Webhook-Signature");
    assertThat(signature.split(",v1=")).hasSize(3);
    assertThat(new WebhookVerifier(old).verify(request.body(), signature, Instant.now()))
        .isNotNull();
    assertThat(new WebhookVerifier(current).verify(request.body(), signature, Instant.now()))
        .isNotNull();
    assertThat(current).isNotEqualTo(old);
  }
}
