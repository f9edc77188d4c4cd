package dev.atrium.app;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.AdminCli;
import dev.atrium.testing.AdminCli.Result;
import dev.atrium.testing.TestServer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `atrium admin` works on the same data as a running server, which sees the changes at once. */
class AdminCommandsIntegrationTest {
  private static TestServer server;
  private static AdminCli cli;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start();
    cli = AdminCli.of(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Result admin(String... arguments) {
    return cli.admin(arguments);
  }

  @Test
  void invite_andRegistrationMode_letInvitedPeopleRegisterOnce() {
    Result modeSet = admin("registration-mode", "invite-only");
    Result invites = admin("invite", "--count", "2", "--note", "for the team");
    AtriumClient client = server.client();

    assertThat(modeSet.exitCode()).isZero();
    assertThat(modeSet.out().trim()).isEqualTo("invite-only");
    assertThat(admin("registration-mode").out().trim()).isEqualTo("invite-only");
    List<String> codes = invites.out().lines().toList();
    assertThat(codes).hasSize(2).allMatch(code -> code.startsWith("inv_"));
    assertThat(catchApi(() -> client.register(Registration.of("uninvited", PASSWORD, "U"))).code())
        .isEqualTo("invite_required");
    assertThat(
            client
                .register(
                    Registration.of("invited_one", PASSWORD, "I").withInviteCode(codes.get(0)))
                .token())
        .isNotBlank();
    assertThat(
            catchApi(
                    () ->
                        client.register(
                            Registration.of("invited_two", PASSWORD, "I")
                                .withInviteCode(codes.get(0))))
                .code())
        .isEqualTo("invite_invalid");

    assertThat(admin("registration-mode", "open").exitCode()).isZero();
  }

  @Test
  void listUsers_showsAccountsByUsername() {
    server.newUser("listed");

    Result result = admin("list-users", "--limit", "1000");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("USERNAME").containsPattern("listed_\\d+ +active");
  }

  @Test
  void disableUser_revokesEveryDevice_andBlocksLoginUntilEnabled() {
    Session session = server.newUser("troll");
    String username = session.account().username();
    AtriumClient client = server.client();

    Result disabled = admin("disable-user", username);

    assertThat(disabled.exitCode()).isZero();
    assertThat(catchApi(() -> client.as(session).me()).status()).isEqualTo(401);
    assertThat(catchApi(() -> client.login(username, PASSWORD, null)).code())
        .isEqualTo("account_disabled");
    assertThat(admin("enable-user", username).exitCode()).isZero();
    assertThat(client.login(username, PASSWORD, null).token()).isNotBlank();
  }

  @Test
  void badInput_isReportedWithoutAStackTrace() {
    Result unknownUser = admin("disable-user", "no_such_user");
    Result badMode = admin("registration-mode", "sometimes");
    Result badCount = admin("invite", "--count", "0");

    assertThat(unknownUser.exitCode()).isEqualTo(1);
    assertThat(unknownUser.err()).contains("Refused").doesNotContain("Exception");
    assertThat(badMode.exitCode()).isEqualTo(2);
    assertThat(badMode.err()).contains("open, invite-only or closed");
    assertThat(badCount.exitCode()).isEqualTo(2);
  }
}
