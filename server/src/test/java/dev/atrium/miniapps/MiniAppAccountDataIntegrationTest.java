package dev.atrium.miniapps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MiniAppModels.Listing;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.testing.ApiCalls;
import dev.atrium.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Export and deletion of a provider's account, and loopback origins in development mode. */
class MiniAppAccountDataIntegrationTest {
  static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .set("ATRIUM_MINIAPPS_DEVELOPMENT_MODE", "true")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void export_listsTheApps_andDeletingTheOwnerSuspendsThem() {
    AtriumClient provider = server.newUserClient("provider");
    MiniApp app = provider.miniApps().register(MiniAppsIntegrationTest.listing("Pharmacy"));
    server.client().withToken(OPERATOR_TOKEN).miniApps().approve(app.appId());

    String exported = provider.export().sections().get("miniapps").get(0).path("appId").asText();
    provider.deleteAccount(TestServer.PASSWORD);

    assertThat(exported).isEqualTo(app.appId());
    assertThat(
            ApiCalls.catchApi(
                    () -> server.client().withToken(app.credentials()).miniApps().providerApp())
                .status())
        .isEqualTo(403);
    assertThat(server.client().withToken(OPERATOR_TOKEN).miniApps().withStatus("suspended").items())
        .extracting(MiniApp::appId)
        .contains(app.appId());
  }

  @Test
  void developmentMode_acceptsLoopbackOrigins_butStillNotOtherHttp() {
    AtriumClient provider = server.newUserClient("provider");
    Listing base = MiniAppsIntegrationTest.listing("Local");

    MiniApp local =
        provider
            .miniApps()
            .register(
                new Listing(
                    base.name(),
                    base.icon(),
                    base.category(),
                    base.description(),
                    base.languages(),
                    List.of("http://localhost:5173", "http://127.0.0.1", "http://shop.localhost"),
                    base.scopes(),
                    "http://localhost:9000/hooks"));
    int remoteHttp =
        ApiCalls.catchApi(
                () ->
                    provider
                        .miniApps()
                        .register(
                            new Listing(
                                base.name(),
                                base.icon(),
                                base.category(),
                                base.description(),
                                base.languages(),
                                List.of("http://example.com"),
                                base.scopes(),
                                null)))
            .status();

    assertThat(local.domains())
        .containsExactly("http://localhost:5173", "http://127.0.0.1", "http://shop.localhost");
    assertThat(local.webhookUrl()).isEqualTo("http://localhost:9000/hooks");
    assertThat(remoteHttp).isEqualTo(422);
  }
}
