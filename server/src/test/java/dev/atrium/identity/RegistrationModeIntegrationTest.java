package dev.atrium.identity;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationModeIntegrationTest {

  @Test
  void closedServer_refusesRegistration() {
    try (TestServer server =
        TestServer.builder().set("ATRIUM_REGISTRATION_MODE", "closed").start()) {
      AtriumApiException refused =
          catchApi(() -> server.client().register(Registration.of("closed1", PASSWORD, "C")));

      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.code()).isEqualTo("registration_closed");
    }
  }

  @Test
  void inviteOnlyServer_acceptsEachInviteOnce() {
    try (TestServer server =
        TestServer.builder().set("ATRIUM_REGISTRATION_MODE", "invite-only").start()) {
      AtriumClient client = server.client();
      String invite =
          server.atrium().identity().service().createInvites(1, null, "for tests").getFirst();

      assertThat(catchApi(() -> client.register(Registration.of("noinvite", PASSWORD, "N"))).code())
          .isEqualTo("invite_required");
      assertThat(
              catchApi(
                      () ->
                          client.register(
                              Registration.of("badinvite", PASSWORD, "B")
                                  .withInviteCode("inv_nope")))
                  .code())
          .isEqualTo("invite_invalid");
      assertThat(
              client
                  .register(Registration.of("invited", PASSWORD, "I").withInviteCode(invite))
                  .token())
          .isNotBlank();
      assertThat(
              catchApi(
                      () ->
                          client.register(
                              Registration.of("invited2", PASSWORD, "I").withInviteCode(invite)))
                  .code())
          .isEqualTo("invite_invalid");
      assertThat(client.login("invited", PASSWORD, null).token()).isNotBlank();
    }
  }

  @Test
  void inviteOnly_takenUsername_doesNotUseUpTheInvite() {
    try (TestServer server =
        TestServer.builder().set("ATRIUM_REGISTRATION_MODE", "invite-only").start()) {
      AtriumClient client = server.client();
      List<String> invites = server.atrium().identity().service().createInvites(2, null, null);
      client.register(Registration.of("first", PASSWORD, "F").withInviteCode(invites.get(0)));

      assertThat(
              catchApi(
                      () ->
                          client.register(
                              Registration.of("first", PASSWORD, "F")
                                  .withInviteCode(invites.get(1))))
                  .code())
          .isEqualTo("username_taken");
      assertThat(
              client
                  .register(Registration.of("second", PASSWORD, "S").withInviteCode(invites.get(1)))
                  .token())
          .isNotBlank();
    }
  }

  @Test
  void expiredInvite_isRefused() {
    try (TestServer server =
        TestServer.builder().set("ATRIUM_REGISTRATION_MODE", "invite-only").start()) {
      String invite = server.atrium().identity().service().createInvites(1, -1L, null).getFirst();

      assertThat(
              catchApi(
                      () ->
                          server
                              .client()
                              .register(
                                  Registration.of("late", PASSWORD, "L").withInviteCode(invite)))
                  .code())
          .isEqualTo("invite_invalid");
    }
  }

  @Test
  void registrationMode_isPublicSoTheClientShowsTheInviteFieldOnlyWhenNeeded() {
    for (String mode : List.of("open", "invite-only", "closed")) {
      try (TestServer server = TestServer.builder().set("ATRIUM_REGISTRATION_MODE", mode).start()) {
        RawResponse answer = server.client().raw("GET", "/api/v1/registration", null, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("mode").asText()).isEqualTo(mode);
      }
    }
  }

  @Test
  void registrationMode_followsTheOperatorsChange() {
    try (TestServer server = TestServer.builder().set("ATRIUM_REGISTRATION_MODE", "open").start()) {
      server.atrium().identity().service().setRegistrationMode(RegistrationMode.INVITE_ONLY);

      assertThat(
              server
                  .client()
                  .raw("GET", "/api/v1/registration", null, null)
                  .json()
                  .path("mode")
                  .asText())
          .isEqualTo("invite-only");
    }
  }

  @Test
  void operatorModeChange_overridesTheConfiguredDefault() {
    try (TestServer server = TestServer.builder().set("ATRIUM_REGISTRATION_MODE", "open").start()) {
      server.atrium().identity().service().setRegistrationMode(RegistrationMode.CLOSED);

      assertThat(
              catchApi(() -> server.client().register(Registration.of("toolate", PASSWORD, "T")))
                  .code())
          .isEqualTo("registration_closed");
    }
  }
}
