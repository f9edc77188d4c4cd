package dev.atrium.miniapps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.provider.AtriumProvider;
import dev.atrium.provider.AtriumProvider.Order;
import dev.atrium.provider.AtriumProvider.OrderRequest;
import dev.atrium.provider.AtriumProviderException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** Providers create payment orders for their users, idempotent on their own order number. */
class MiniAppOrdersIntegrationTest {
  private static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .clock(CLOCK)
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .set("ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void provider_createsAnOrder_andARetryAnswersTheSameOrder() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = linkedApp(owner, "Noodles");
    String openId = openIdOf(server.newUser("user"), app);
    AtriumProvider provider = provider(app);

    OrderRequest request = new OrderRequest("T-1", 1250, "EUR", "Ramen", openId, null);
    Order order = provider.createOrder(request);

    assertThat(order.orderId()).startsWith("mo_");
    assertThat(order)
        .isEqualTo(
            new Order(
                order.orderId(),
                "T-1",
                1250,
                "EUR",
                "Ramen",
                openId,
                "created",
                CLOCK.millis() + 900_000));
    assertThat(provider.createOrder(request)).isEqualTo(order);
    assertThat(provider.getOrder(order.orderId())).isEqualTo(order);
    AtriumProviderException reused =
        refusal(
            () ->
                provider.createOrder(new OrderRequest("T-1", 1300, "EUR", "Ramen", openId, null)));
    assertThat(reused.status()).isEqualTo(409);
    assertThat(reused.code()).isEqualTo("out_trade_no_reused");
  }

  @Test
  void orders_ofOtherApps_andUsersOfOtherApps_areNotFound() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp mine = linkedApp(owner, "Mine");
    MiniApp theirs = linkedApp(server.newUserClient("other"), "Theirs");
    Session user = server.newUser("user");
    Order their =
        provider(theirs)
            .createOrder(new OrderRequest("T-9", 100, "EUR", "Tea", openIdOf(user, theirs), null));

    AtriumProviderException foreignOrder = refusal(() -> provider(mine).getOrder(their.orderId()));
    assertThat(foreignOrder.status()).isEqualTo(404);
    assertThat(foreignOrder.code()).isEqualTo("order_not_found");
    AtriumProviderException foreignUser =
        refusal(
            () ->
                provider(mine)
                    .createOrder(new OrderRequest("T-1", 100, "EUR", "Tea", their.openId(), null)));
    assertThat(foreignUser.status()).isEqualTo(404);
    assertThat(foreignUser.code()).isEqualTo("miniapp_user_not_found");
  }

  @Test
  void anAppWithoutMerchant_cannotCreateOrders() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = owner.miniApps().register(MiniAppsIntegrationTest.listing("Unlinked"));
    server.client().withToken(OPERATOR_TOKEN).miniApps().approve(app.appId());
    String openId = openIdOf(server.newUser("user"), app);

    AtriumProviderException refused =
        refusal(
            () ->
                provider(app)
                    .createOrder(new OrderRequest("T-1", 100, "EUR", "Tea", openId, null)));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("merchant_not_linked");
  }

  @Test
  void fieldsOutOfBounds_areRefusedWith422() {
    MiniApp app = linkedApp(server.newUserClient("provider"), "Bounds");
    String openId = openIdOf(server.newUser("user"), app);
    AtriumProvider provider = provider(app);

    for (OrderRequest bad :
        new OrderRequest[] {
          new OrderRequest("T-1", 0, "EUR", "Tea", openId, null),
          new OrderRequest("T-1", 10_000_001, "EUR", "Tea", openId, null),
          new OrderRequest("T-1", 100, "USD", "Tea", openId, null),
          new OrderRequest("T-1", 100, "EUR", "x".repeat(129), openId, null),
          new OrderRequest("", 100, "EUR", "Tea", openId, null),
          new OrderRequest("T-1", 100, "EUR", "Tea", openId, 7201),
        }) {
      assertThat(refusal(() -> provider.createOrder(bad)).status())
          .as(bad.toString())
          .isEqualTo(422);
    }
  }

  @Test
  void anUnpaidOrder_showsExpiredAfterItsTime() {
    MiniApp app = linkedApp(server.newUserClient("provider"), "Expiry");
    String openId = openIdOf(server.newUser("user"), app);
    AtriumProvider provider = provider(app);
    Order order = provider.createOrder(new OrderRequest("T-1", 100, "EUR", "Tea", openId, 60));

    CLOCK.advance(Duration.ofSeconds(61));

    assertThat(provider.getOrder(order.orderId()).status()).isEqualTo("expired");
  }

  private static MiniApp linkedApp(AtriumClient owner, String name) {
    MiniApp app = owner.miniApps().register(MiniAppsIntegrationTest.listing(name));
    server.client().withToken(OPERATOR_TOKEN).miniApps().approve(app.appId());
    String shop = owner.merchants().apply(name + " Shop", "Berlin", "5812").id();
    server.client().withToken(OPERATOR_TOKEN).merchants().approve(shop);
    owner.miniApps().linkMerchant(app.appId(), shop);
    return app;
  }

  private static AtriumProvider provider(MiniApp app) {
    return new AtriumProvider(server.uri().toString(), app.appId(), app.secret());
  }

  /** How the login part hands an app a user's openId (its code exchange). */
  private static String openIdOf(Session user, MiniApp app) {
    return server.atrium().miniappNotices().users().openIdOf(user.account().id(), app.appId());
  }

  private static AtriumProviderException refusal(ThrowingSupplier<?> call) {
    AtriumProviderException thrown = catchThrowableOfType(AtriumProviderException.class, call::get);
    assertThat(thrown).isNotNull();
    return thrown;
  }
}
