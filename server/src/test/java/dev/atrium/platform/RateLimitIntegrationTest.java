package dev.atrium.platform;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.testing.TestServer;
import org.junit.jupiter.api.Test;

class RateLimitIntegrationTest {

  @Test
  void loginAttemptsPerUsername_areLimitedWithRetryAfter() {
    try (TestServer server =
        TestServer.builder().set("rateLimits.loginPerUsername", "3/1h").start()) {
      String username = server.newUser("limited").account().username();
      AtriumClient client = server.client();
      for (int i = 0; i < 3; i++) {
        assertThat(catchApi(() -> client.login(username, "wrong password!", null)).code())
            .isEqualTo("invalid_credentials");
      }

      AtriumApiException limited = catchApi(() -> client.login(username, PASSWORD, null));

      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.code()).isEqualTo("rate_limited");
      assertThat(limited.retryAfterSeconds()).isBetween(1L, 3600L);
      // Another username is not affected.
      String other = server.newUser("unaffected").account().username();
      assertThat(client.login(other, PASSWORD, null).token()).isNotBlank();
    }
  }

  @Test
  void loginAttemptsPerAddress_areLimited() {
    try (TestServer server = TestServer.builder().set("rateLimits.loginPerIp", "2/1m").start()) {
      AtriumClient client = server.client();
      catchApi(() -> client.login("nobody1", PASSWORD, null));
      catchApi(() -> client.login("nobody2", PASSWORD, null));

      assertThat(catchApi(() -> client.login("nobody3", PASSWORD, null)).status()).isEqualTo(429);
    }
  }

  @Test
  void registrationsPerAddress_areLimited() {
    try (TestServer server =
        TestServer.builder().set("rateLimits.registrationPerIp", "2/1h").start()) {
      AtriumClient client = server.client();
      client.register(Registration.of("reg_one", PASSWORD, "One"));
      client.register(Registration.of("reg_two", PASSWORD, "Two"));

      AtriumApiException limited =
          catchApi(() -> client.register(Registration.of("reg_three", PASSWORD, "Three")));

      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.retryAfterSeconds()).isPositive();
    }
  }

  @Test
  void lookupsPerAccount_areLimited() {
    try (TestServer server =
        TestServer.builder().set("rateLimits.lookupPerAccount", "2/1m").start()) {
      AtriumClient client = server.newUserClient("looker");
      String target = server.newUser("target").account().username();
      client.lookup(target);
      catchApi(() -> client.lookup("nobody_at_all"));

      assertThat(catchApi(() -> client.lookup(target)).code()).isEqualTo("rate_limited");
    }
  }
}
