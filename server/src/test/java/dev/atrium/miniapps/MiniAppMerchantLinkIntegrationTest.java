package dev.atrium.miniapps;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MiniAppModels.MerchantLink;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A mini-program's payments land in one of its owner's approved merchant accounts. */
class MiniAppMerchantLinkIntegrationTest {
  private static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .set("ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static AtriumClient operator() {
    return server.client().withToken(OPERATOR_TOKEN);
  }

  @Test
  void owner_linksAnApprovedMerchantOfTheirOwn() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = owner.miniApps().register(MiniAppsIntegrationTest.listing("Noodles"));
    String shop = owner.merchants().apply("Noodle Bar", "Berlin", "5812").id();
    operator().merchants().approve(shop);

    assertThat(catchApi(() -> owner.miniApps().merchant(app.appId())).code())
        .isEqualTo("merchant_not_linked");
    MerchantLink linked = owner.miniApps().linkMerchant(app.appId(), shop);

    assertThat(linked).isEqualTo(new MerchantLink(app.appId(), shop, "Noodle Bar"));
    assertThat(owner.miniApps().merchant(app.appId())).isEqualTo(linked);
  }

  @Test
  void pendingOrForeignMerchants_andForeignApps_areRefused() {
    AtriumClient owner = server.newUserClient("provider");
    AtriumClient stranger = server.newUserClient("stranger");
    MiniApp app = owner.miniApps().register(MiniAppsIntegrationTest.listing("Bikes"));
    String pending = owner.merchants().apply("Bike Shed", "Berlin", "5940").id();
    String theirs = stranger.merchants().apply("Other Shop", "Berlin", "5940").id();
    operator().merchants().approve(theirs);

    AtriumApiException notApproved =
        catchApi(() -> owner.miniApps().linkMerchant(app.appId(), pending));
    assertThat(notApproved.status()).isEqualTo(409);
    assertThat(notApproved.code()).isEqualTo("merchant_not_approved");
    assertThat(catchApi(() -> owner.miniApps().linkMerchant(app.appId(), theirs)).status())
        .isEqualTo(404);
    assertThat(catchApi(() -> stranger.miniApps().linkMerchant(app.appId(), theirs)).code())
        .isEqualTo("miniapp_not_found");
    assertThat(catchApi(() -> owner.miniApps().linkMerchant(app.appId(), "")).status())
        .isEqualTo(422);
  }
}
