package dev.atrium.miniapps;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.miniapps.webhooks.MiniAppWebhooksModule;
import dev.atrium.platform.security.SecretTokens;
import dev.atrium.provider.AtriumProvider;
import dev.atrium.provider.AtriumProvider.WebhookDeliveryEvent;
import dev.atrium.provider.AtriumProviderException;
import dev.atrium.provider.WebhookEvent;
import dev.atrium.provider.WebhookVerifier;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MiniAppModels.Listing;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.testing.TestServer;
import dev.atrium.testing.TestWebhookReceiver;
import dev.atrium.testing.TestWebhookReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks wired to the registry: the URL a provider registers is where the real dispatcher sends,
 * the secret shown at registration verifies with the provider SDK, the delivery log and replay
 * answer on the provider and owner routes, and a suspended app's events wait.
 */
class MiniAppWebhookWiringIntegrationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private <T extends AutoCloseable> T track(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private TestServer server(boolean allowPrivateNetworks) {
    return track(
        TestServer.builder()
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .set(
                "ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS",
                Boolean.toString(allowPrivateNetworks))
            .set("ATRIUM_MINIAPPS_WEBHOOKS_RETRY_DELAYS_MILLIS", "200")
            // The registry's own rule wants https except on localhost in development mode, and
            // the receiver listens on http://127.0.0.1.
            .set("ATRIUM_MINIAPPS_DEVELOPMENT_MODE", Boolean.toString(allowPrivateNetworks))
            .start());
  }

  private static String enqueue(TestServer server, String appId, String type) {
    MiniAppWebhooksModule webhooks = server.atrium().miniappWebhooks();
    return server
        .atrium()
        .database()
        .inTransaction(
            tx -> webhooks.outbox().enqueue(tx, appId, type, Map.of("orderId", "ord_1")));
  }

  private static WebhookEvent verified(String secret, Received request) throws Exception {
    return new WebhookVerifier(secret)
        .verify(
            request.body(),
            request.header("Atrium-Webhook-Signature"),
            request.header("Atrium-Webhook-Timestamp"),
            Instant.now());
  }

  @Test
  void registeredUrl_receivesSignedEvents_andTheLogAndReplayAnswerTheProvider() throws Exception {
    TestServer server = server(true);
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app =
        owner
            .miniApps()
            .register(withWebhook(MiniAppsIntegrationTest.listing("Hooks"), receiver.url()));
    assertThat(app.webhookSecret()).startsWith("whsec_");
    assertThat(owner.miniApps().get(app.appId()).webhookSecret()).isNull();
    server.client().withToken(OPERATOR_TOKEN).miniApps().approve(app.appId());
    AtriumProvider provider =
        new AtriumProvider(server.uri().toString(), app.appId(), app.secret());

    String eventId = enqueue(server, app.appId(), "payment.succeeded");
    WebhookEvent event = verified(app.webhookSecret(), receiver.next(WAIT));
    assertThat(event.id()).isEqualTo(eventId);
    assertThat(event.appId()).isEqualTo(app.appId());

    List<WebhookDeliveryEvent> log = awaitDelivered(provider, eventId);
    assertThat(log).extracting(WebhookDeliveryEvent::id).containsExactly(eventId);
    assertThat(provider.listWebhookEvents(10, null, "pending").items()).isEmpty();
    WebhookDeliveryEvent replayed = provider.replayWebhookEvent(eventId);
    assertThat(replayed.status()).isEqualTo("pending");
    assertThat(verified(app.webhookSecret(), receiver.next(WAIT)).id()).isEqualTo(eventId);

    String rotated = owner.miniApps().rotateWebhookSecret(app.appId()).webhookSecret();
    assertThat(rotated).startsWith("whsec_").isNotEqualTo(app.webhookSecret());
    String second = enqueue(server, app.appId(), "refund.succeeded");
    assertThat(verified(rotated, receiver.next(WAIT)).id()).isEqualTo(second);
    assertThat(owner.miniApps().webhookEvents(app.appId(), 10, null).items())
        .extracting(dev.atrium.sdk.MiniAppModels.WebhookEvent::id)
        .contains(eventId, second);
  }

  @Test
  void logAndReplay_areScopedToTheCallersApp() {
    TestServer server = server(true);
    AtriumClient owner = server.newUserClient("provider");
    AtriumClient stranger = server.newUserClient("stranger");
    MiniApp mine = owner.miniApps().register(MiniAppsIntegrationTest.listing("Mine"));
    MiniApp theirs = stranger.miniApps().register(MiniAppsIntegrationTest.listing("Theirs"));
    server.client().withToken(OPERATOR_TOKEN).miniApps().approve(mine.appId());
    server.client().withToken(OPERATOR_TOKEN).miniApps().approve(theirs.appId());
    String theirEvent = enqueue(server, theirs.appId(), "payment.succeeded");
    AtriumProvider provider =
        new AtriumProvider(server.uri().toString(), mine.appId(), mine.secret());

    assertThat(provider.listWebhookEvents(10, null, null).items()).isEmpty();
    assertThatThrownBy(() -> provider.replayWebhookEvent(theirEvent))
        .isInstanceOfSatisfying(
            AtriumProviderException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(catchApi(() -> stranger.miniApps().webhookEvents(mine.appId(), 10, null)).status())
        .isEqualTo(404);
    assertThat(catchApi(() -> stranger.miniApps().rotateWebhookSecret(mine.appId())).status())
        .isEqualTo(404);
    assertThat(
            catchApi(() -> owner.miniApps().replayWebhookEvent(mine.appId(), theirEvent)).status())
        .isEqualTo(404);
    AtriumProvider wrong = new AtriumProvider(server.uri().toString(), mine.appId(), "mas_wrong");
    assertThatThrownBy(() -> wrong.listWebhookEvents(10, null, null))
        .isInstanceOfSatisfying(
            AtriumProviderException.class,
            e -> assertThat(e.code()).isEqualTo("miniapp_credentials_required"));
    assertThatThrownBy(() -> provider.listWebhookEvents(10, null, "lost"))
        .isInstanceOfSatisfying(
            AtriumProviderException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void suspendedApp_eventsWaitUntilResumed() throws Exception {
    TestServer server = server(true);
    TestWebhookReceiver receiver = track(TestWebhookReceiver.start());
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app =
        owner
            .miniApps()
            .register(withWebhook(MiniAppsIntegrationTest.listing("Paused"), receiver.url()));
    AtriumClient operator = server.client().withToken(OPERATOR_TOKEN);
    operator.miniApps().approve(app.appId());
    operator.miniApps().suspend(app.appId(), "Under investigation.");

    String eventId = enqueue(server, app.appId(), "payment.succeeded");
    assertThat(receiver.next(Duration.ofMillis(800))).isNull();
    assertThat(owner.miniApps().webhookEvents(app.appId(), 10, "pending").items()).hasSize(1);

    operator.miniApps().resume(app.appId());
    assertThat(verified(app.webhookSecret(), receiver.next(WAIT)).id()).isEqualTo(eventId);
  }

  @Test
  void privateOrUnresolvableWebhookUrls_areRefusedWhenPrivateNetworksAreNotAllowed() {
    TestServer server = server(false);
    AtriumClient owner = server.newUserClient("provider");
    Listing listing = MiniAppsIntegrationTest.listing("Strict");

    for (String url :
        List.of(
            "https://127.0.0.1/hook",
            "https://10.0.0.7/hook",
            "https://[::1]/hook",
            "https://169.254.169.254/latest",
            "https://nowhere.invalid/hook")) {
      AtriumApiException refused =
          catchApi(() -> owner.miniApps().register(withWebhook(listing, url)));
      assertThat(refused.status()).as(url).isEqualTo(422);
      assertThat(refused.field()).as(url).isEqualTo("webhookUrl");
    }
    MiniApp app = owner.miniApps().register(withWebhook(listing, null));
    AtriumApiException edit =
        catchApi(
            () ->
                owner
                    .miniApps()
                    .edit(app.appId(), withWebhook(emptyListing(), "https://192.168.1.1/hook")));
    assertThat(edit.status()).isEqualTo(422);
    assertThat(edit.field()).isEqualTo("webhookUrl");
  }

  private static List<WebhookDeliveryEvent> awaitDelivered(AtriumProvider provider, String eventId)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<WebhookDeliveryEvent> items = provider.listWebhookEvents(10, null, "delivered").items();
      if (items.stream().anyMatch(e -> e.id().equals(eventId))) {
        return items;
      }
      assertThat(System.nanoTime()).as("waiting for delivery").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Listing emptyListing() {
    return new Listing(null, null, null, null, null, null, null, null);
  }

  private static Listing withWebhook(Listing l, String webhookUrl) {
    return new Listing(
        l.name(),
        l.icon(),
        l.category(),
        l.description(),
        l.languages(),
        l.domains(),
        l.scopes(),
        webhookUrl);
  }
}
