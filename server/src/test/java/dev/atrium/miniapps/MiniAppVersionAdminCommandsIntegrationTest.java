package dev.atrium.miniapps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.testing.AdminCli;
import dev.atrium.testing.AdminCli.Result;
import dev.atrium.testing.TestServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator reviews bundle versions with {@code atrium admin} on the running server's data. */
class MiniAppVersionAdminCommandsIntegrationTest {
  private static TestServer server;
  private static AdminCli cli;

  @BeforeAll
  static void start() throws IOException {
    // The listing's *.example webhook host resolves nowhere; the URL policy is tested elsewhere.
    server =
        TestServer.builder().set("ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true").start();
    cli = AdminCli.of(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listApproveAndReject_versionsInReview() {
    AtriumClient provider = server.newUserClient("provider");
    MiniApp app = provider.miniApps().register(MiniAppsIntegrationTest.listing("Ferry"));
    cli.admin("miniapp-approve", app.appId());
    provider
        .miniApps()
        .upload(app.appId(), MiniAppBundlesIntegrationTest.bundle(app.appId(), 1, "a"));

    Result inReview = cli.admin("miniapp-versions");
    Result approved = cli.admin("miniapp-approve-version", app.appId(), "1");
    Result again = cli.admin("miniapp-approve-version", app.appId(), "1");
    provider
        .miniApps()
        .upload(app.appId(), MiniAppBundlesIntegrationTest.bundle(app.appId(), 2, "b"));
    Result rejected = cli.admin("miniapp-reject-version", app.appId(), "2", "Blank page.");
    Result ofApp = cli.admin("miniapp-versions", "--app", app.appId());

    assertThat(inReview.exitCode()).isZero();
    assertThat(inReview.out()).contains(app.appId() + "  1  1.0.1  in_review  ");
    assertThat(approved.out()).contains(app.appId() + " version 1 is approved.");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(rejected.out()).contains(app.appId() + " version 2 is rejected.");
    assertThat(provider.miniApps().version(app.appId(), 2).statusReason()).isEqualTo("Blank page.");
    assertThat(ofApp.out())
        .contains(app.appId() + "  2  1.0.2  rejected")
        .contains(app.appId() + "  1  1.0.1  approved");
    assertThat(provider.miniApps().release(app.appId(), 1).status()).isEqualTo("live");
  }
}
