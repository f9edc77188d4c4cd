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

/** The operator's mini-program commands work on the running server's data. */
class MiniAppAdminCommandsIntegrationTest {
  private static TestServer server;
  private static AdminCli cli;

  @BeforeAll
  static void start() throws IOException {
    // The listings' *.example webhook hosts resolve nowhere, which the URL policy refuses.
    server =
        TestServer.builder().set("ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true").start();
    cli = AdminCli.of(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listApproveSuspendResumeAndReject_changeWhatUsersAndProviderServersSee() {
    AtriumClient provider = server.newUserClient("provider");
    AtriumClient user = server.newUserClient("user");
    MiniApp app = provider.miniApps().register(MiniAppsIntegrationTest.listing("Ferry"));
    MiniApp other = provider.miniApps().register(MiniAppsIntegrationTest.listing("Bakery"));

    Result pending = cli.admin("miniapp-list");
    Result approved = cli.admin("miniapp-approve", app.appId());
    String listedName = user.miniApps().listing(app.appId()).name();
    Result suspended = cli.admin("miniapp-suspend", app.appId(), "Complaints from users.");
    int providerWhileSuspended =
        catchStatus(() -> server.client().withToken(app.credentials()).miniApps().providerApp());
    Result resumed = cli.admin("miniapp-resume", app.appId());
    Result rejected = cli.admin("miniapp-reject", other.appId(), "Not a real bakery.");
    Result resumeAgain = cli.admin("miniapp-resume", app.appId());
    Result badStatus = cli.admin("miniapp-list", "--status", "bogus");

    assertThat(pending.exitCode()).isZero();
    assertThat(pending.out()).contains(app.appId() + "  pending_review  Ferry  food  owner ");
    assertThat(approved.out()).contains(app.appId() + " is approved.");
    assertThat(listedName).isEqualTo("Ferry");
    assertThat(suspended.out()).contains(app.appId() + " is suspended.");
    assertThat(providerWhileSuspended).isEqualTo(403);
    assertThat(resumed.out()).contains(app.appId() + " is approved.");
    assertThat(server.client().withToken(app.credentials()).miniApps().providerApp().status())
        .isEqualTo("approved");
    assertThat(rejected.out()).contains(other.appId() + " is rejected.");
    assertThat(provider.miniApps().get(other.appId()).statusReason())
        .isEqualTo("Not a real bakery.");
    assertThat(resumeAgain.exitCode()).isEqualTo(1);
    assertThat(resumeAgain.err()).contains("Refused:");
    assertThat(badStatus.exitCode()).isEqualTo(2);
    assertThat(cli.admin("miniapp-list", "--status", "approved").out()).contains(app.appId());
  }

  private static int catchStatus(Runnable call) {
    return dev.atrium.testing.ApiCalls.catchApi(call).status();
  }
}
