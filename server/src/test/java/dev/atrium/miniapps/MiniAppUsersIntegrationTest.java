package dev.atrium.miniapps;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.miniapps.webhooks.WebhookDelivery;
import dev.atrium.platform.json.Json;
import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MiniAppModels.Listing;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.sdk.MiniAppModels.ScopeRequest;
import dev.atrium.sdk.MiniAppProviderApi;
import dev.atrium.sdk.MiniAppUserModels.Exchanged;
import dev.atrium.sdk.MiniAppUserModels.UsedApp;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import dev.atrium.testing.TestWebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One-tap login with pseudonymous ids, consents and the access log, per-user storage, and what
 * deleting an account tells mini-programs: through the real server and the SDK.
 */
class MiniAppUsersIntegrationTest {
  private static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static MutableClock clock;
  private static TestServer server;
  private static TestWebhookReceiver receiver;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    receiver = TestWebhookReceiver.start();
    server =
        TestServer.builder()
            .clock(clock)
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .set("ATRIUM_MINIAPPS_DEVELOPMENT_MODE", "true")
            .set("ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true")
            .set("ATRIUM_MINIAPPS_USERS_STORAGE_ITEMS_MAX", "3")
            .set("ATRIUM_MINIAPPS_USERS_STORAGE_VALUE_BYTES_MAX", "64")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    receiver.close();
  }

  @Test
  void loginCode_isExchangedForAPseudonymStableForTheAppAndDifferentAcrossApps() {
    MiniApp food = approvedApp("profile", "storage");
    MiniApp taxi = approvedApp("profile");
    AtriumClient user = server.newUserClient("user");
    AtriumClient other = server.newUserClient("other");

    Exchanged first = provider(food).exchange(user.miniAppUsers().login(food.appId()).code());
    Exchanged again = provider(food).exchange(user.miniAppUsers().login(food.appId()).code());
    Exchanged atTaxi = provider(taxi).exchange(user.miniAppUsers().login(taxi.appId()).code());
    Exchanged otherUser = provider(food).exchange(other.miniAppUsers().login(food.appId()).code());

    assertThat(first.openId()).matches("ou_[a-z2-7]{32}");
    assertThat(again.openId()).isEqualTo(first.openId());
    assertThat(atTaxi.openId()).isNotEqualTo(first.openId());
    assertThat(otherUser.openId()).isNotEqualTo(first.openId());
    assertThat(first.grantedScopes()).isEmpty();
    assertThat(user.miniAppUsers().login(food.appId()).expiresAt())
        .isEqualTo(clock.instant().plusSeconds(300));
  }

  @Test
  void replayedExpiredForeignAndUnknownCodes_allGetTheSame400() {
    MiniApp food = approvedApp("profile");
    MiniApp taxi = approvedApp("profile");
    AtriumClient user = server.newUserClient("user");
    String used = user.miniAppUsers().login(food.appId()).code();
    provider(food).exchange(used);
    String foreign = user.miniAppUsers().login(taxi.appId()).code();
    String expired = user.miniAppUsers().login(food.appId()).code();
    clock.advance(Duration.ofSeconds(301));

    for (String code : List.of(used, foreign, expired, "mlc_unknown", "")) {
      AtriumApiException refused = catchApi(() -> provider(food).exchange(code));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.code()).isEqualTo("invalid_login_code");
    }
    // The foreign code is still good for its own app: trying it elsewhere did not burn it.
    String fresh = user.miniAppUsers().login(taxi.appId()).code();
    assertThat(provider(taxi).exchange(fresh).openId()).startsWith("ou_");
  }

  @Test
  void profileNeedsConsent_isLogged_andRevocationStopsItAtOnceWithAWebhook() throws Exception {
    MiniApp app = approvedApp("profile", "location");
    server.atrium().miniappWebhooks().secrets().rotate(app.appId());
    AtriumClient user = server.newUserClient("user");
    String openId = provider(app).exchange(user.miniAppUsers().login(app.appId()).code()).openId();

    AtriumApiException before = catchApi(() -> user.miniAppUsers().profile(app.appId()));
    user.miniAppUsers().grant(app.appId(), "profile");
    var profile = user.miniAppUsers().profile(app.appId());
    AtriumApiException unrequested =
        catchApi(() -> user.miniAppUsers().grant(approvedApp("storage").appId(), "profile"));
    AtriumApiException locationBefore =
        catchApi(() -> user.miniAppUsers().logLocation(app.appId()));
    user.miniAppUsers().grant(app.appId(), "location");
    clock.advance(Duration.ofMillis(5));
    user.miniAppUsers().logLocation(app.appId());

    assertThat(before.status()).isEqualTo(403);
    assertThat(before.code()).isEqualTo("consent_required");
    assertThat(profile.openId()).isEqualTo(openId);
    assertThat(profile.displayName()).isNotBlank();
    assertThat(unrequested.status()).isEqualTo(400);
    assertThat(unrequested.code()).isEqualTo("scope_not_requested");
    assertThat(locationBefore.code()).isEqualTo("consent_required");
    assertThat(user.miniAppUsers().accessLog(app.appId(), 10, null).items())
        .extracting(access -> access.kind())
        .containsExactly("location", "profile");
    UsedApp used =
        user.miniAppUsers().used().items().stream()
            .filter(item -> item.appId().equals(app.appId()))
            .findFirst()
            .orElseThrow();
    assertThat(used.grants()).extracting(grant -> grant.scope()).contains("profile", "location");
    assertThat(
            provider(app).exchange(user.miniAppUsers().login(app.appId()).code()).grantedScopes())
        .containsExactly("location", "profile");

    user.miniAppUsers().revoke(app.appId(), "profile");

    assertThat(catchApi(() -> user.miniAppUsers().profile(app.appId())).code())
        .isEqualTo("consent_required");
    JsonNode event = awaitEvent("consent.revoked", app.appId());
    assertThat(event.path("data").path("openId").asText()).isEqualTo(openId);
    assertThat(event.path("data").path("scopes").get(0).asText()).isEqualTo("profile");
    user.miniAppUsers().revokeAll(app.appId());
    assertThat(catchApi(() -> user.miniAppUsers().logLocation(app.appId())).status())
        .isEqualTo(403);
    assertThat(events(app.appId(), "consent.revoked")).hasSize(2);
  }

  @Test
  void storage_isBoundedAndIsolatedBetweenAppsAndUsers_andProvidersReachItByOpenId() {
    MiniApp app = approvedApp("storage");
    MiniApp otherApp = approvedApp("storage");
    MiniApp noStorage = approvedApp("profile");
    AtriumClient user = server.newUserClient("user");
    AtriumClient other = server.newUserClient("other");
    String openId = provider(app).exchange(user.miniAppUsers().login(app.appId()).code()).openId();
    String foreignOpenId =
        provider(otherApp).exchange(user.miniAppUsers().login(otherApp.appId()).code()).openId();

    user.miniAppUsers().storagePut(app.appId(), "cart", "[1,2]");
    provider(app).storagePut(openId, "tier.level", "gold");
    user.miniAppUsers().storagePut(app.appId(), "c", "x");

    assertThat(user.miniAppUsers().storageKeys(app.appId()).keys())
        .containsExactly("c", "cart", "tier.level");
    assertThat(provider(app).storageGet(openId, "cart").value()).isEqualTo("[1,2]");
    assertThat(user.miniAppUsers().storageGet(app.appId(), "tier.level").value()).isEqualTo("gold");
    assertThat(code(() -> user.miniAppUsers().storagePut(app.appId(), "d", "x")))
        .isEqualTo("409 storage_full");
    user.miniAppUsers().storagePut(app.appId(), "c", "replacing is fine when full");
    assertThat(code(() -> user.miniAppUsers().storagePut(app.appId(), "c", "x".repeat(65))))
        .isEqualTo("413 storage_value_too_large");
    assertThat(code(() -> user.miniAppUsers().storagePut(app.appId(), "bad key!", "x")))
        .isEqualTo("400 invalid_storage_key");
    assertThat(other.miniAppUsers().storageKeys(app.appId()).keys()).isEmpty();
    assertThat(user.miniAppUsers().storageKeys(otherApp.appId()).keys()).isEmpty();
    assertThat(code(() -> provider(app).storageKeys(foreignOpenId)))
        .isEqualTo("404 miniapp_user_not_found");
    assertThat(code(() -> provider(otherApp).storageGet(openId, "cart")))
        .isEqualTo("404 miniapp_user_not_found");
    assertThat(code(() -> user.miniAppUsers().storageKeys(noStorage.appId())))
        .isEqualTo("403 storage_not_requested");
    provider(app).storageDelete(openId, "cart");
    assertThat(code(() -> user.miniAppUsers().storageGet(app.appId(), "cart")))
        .isEqualTo("404 storage_item_not_found");
  }

  @Test
  void deletingTheAccount_erasesItsPseudonymsAndTellsEveryAppItUsed() {
    MiniApp food = approvedApp("profile", "storage");
    MiniApp taxi = approvedApp("storage");
    AtriumClient user = server.newUserClient("leaving");
    String foodId =
        provider(food).exchange(user.miniAppUsers().login(food.appId()).code()).openId();
    String taxiId =
        provider(taxi).exchange(user.miniAppUsers().login(taxi.appId()).code()).openId();
    user.miniAppUsers().grant(food.appId(), "profile");
    user.miniAppUsers().profile(food.appId());
    provider(taxi).storagePut(taxiId, "ride", "r1");

    JsonNode section = user.export().sections().get("miniappUsage");
    user.deleteAccount(TestServer.PASSWORD);

    assertThat(section.path("apps")).hasSize(2);
    assertThat(section.path("grants")).hasSize(1);
    assertThat(section.path("accessLog")).hasSize(1);
    assertThat(section.path("storage")).hasSize(1);
    assertThat(events(food.appId(), "account.deleted"))
        .extracting(event -> event.path("data").path("openId").asText())
        .containsExactly(foodId);
    assertThat(events(taxi.appId(), "account.deleted"))
        .extracting(event -> event.path("data").path("openId").asText())
        .containsExactly(taxiId);
    assertThat(code(() -> provider(taxi).storageKeys(taxiId)))
        .isEqualTo("404 miniapp_user_not_found");
    long left =
        server
            .atrium()
            .database()
            .read(
                handle ->
                    handle.queryLong(
                        "SELECT COUNT(*) FROM miniapp_users WHERE open_id IN (?, ?)",
                        foodId,
                        taxiId));
    assertThat(left).isZero();
  }

  private static MiniApp approvedApp(String... scopes) {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app =
        owner
            .miniApps()
            .register(
                new Listing(
                    "App " + SecretTokens.randomUrlSafe(4),
                    null,
                    "food",
                    "A test app.",
                    List.of("en"),
                    List.of("https://api.example.org"),
                    List.of(scopes).stream()
                        .map(scope -> new ScopeRequest(scope, "For the test."))
                        .toList(),
                    receiver.url()));
    server.client().withToken(OPERATOR_TOKEN).miniApps().approve(app.appId());
    return app;
  }

  private static MiniAppProviderApi provider(MiniApp app) {
    return server.client().miniAppProvider(app.credentials());
  }

  private static String code(Runnable call) {
    AtriumApiException refused = catchApi(call);
    return refused.status() + " " + refused.code();
  }

  private static List<JsonNode> events(String appId, String type) {
    return server.atrium().miniappWebhooks().log().list(appId, 50, null, null).events().stream()
        .filter(event -> event.type().equals(type))
        .map(WebhookDelivery::body)
        .map(MiniAppUsersIntegrationTest::tree)
        .toList();
  }

  private static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The event as the provider's endpoint received it, over HTTP. */
  private static JsonNode awaitEvent(String type, String appId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      TestWebhookReceiver.Received received = receiver.next(Duration.ofMillis(200));
      if (received != null) {
        JsonNode body = tree(received.body());
        if (body.path("type").asText().equals(type) && body.path("appId").asText().equals(appId)) {
          return body;
        }
      }
    }
    throw new AssertionError("No " + type + " webhook for " + appId);
  }
}
