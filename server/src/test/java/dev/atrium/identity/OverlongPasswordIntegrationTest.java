package dev.atrium.identity;

import static dev.atrium.testing.TestServer.PASSWORD;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A password longer than any that can be set (over 1,024 bytes) is answered exactly like a wrong
 * password wherever one is checked, never with a 500 and a stack trace in the log.
 */
class OverlongPasswordIntegrationTest {
  private static final String JSON = "application/json";
  // 2,000 bytes of ASCII, and 1,200 bytes of UTF-8 in 300 emoji (600 UTF-16 chars).
  private static final List<String> OVERLONG =
      List.of("p".repeat(2_000), "\uD83D\uDE00".repeat(300));

  private static TestServer server;
  private static AtriumClient anonymous;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("security.argon2.memoryKibibytes", "8192")
            .set("security.argon2.iterations", "1")
            .start();
    anonymous = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void loginWithOverlongPassword_is401InvalidCredentials_forKnownAndUnknownUsernames() {
    Session known = server.newUser("overlong");
    for (String password : OVERLONG) {
      for (String username : List.of(known.account().username(), "nobody_here")) {
        RawResponse response =
            anonymous.raw(
                "POST",
                "/api/v1/sessions",
                JSON,
                Json.object("username", username, "password", password));

        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("invalid_credentials");
      }
    }
    assertThat(anonymous.login(known.account().username(), PASSWORD, "still works").token())
        .isNotBlank();
  }

  @Test
  void changePasswordWithOverlongCurrentPassword_is403WrongPassword() {
    AtriumClient client = server.newUserClient("change");
    for (String password : OVERLONG) {
      RawResponse response =
          client.raw(
              "POST",
              "/api/v1/me/password",
              JSON,
              Json.object("currentPassword", password, "newPassword", "a new long password"));

      assertThat(response.status()).as(response.body()).isEqualTo(403);
      assertThat(response.errorCode()).isEqualTo("wrong_password");
    }
  }

  @Test
  void changePasswordToAnOverlongPassword_is422() {
    AtriumClient client = server.newUserClient("change");
    for (String password : OVERLONG) {
      RawResponse response =
          client.raw(
              "POST",
              "/api/v1/me/password",
              JSON,
              Json.object("currentPassword", PASSWORD, "newPassword", password));

      assertThat(response.status()).as(response.body()).isEqualTo(422);
      assertThat(response.errorCode()).isEqualTo("validation_failed");
    }
  }

  @Test
  void deleteAccountWithOverlongPassword_is403WrongPassword_andKeepsTheAccount() {
    AtriumClient client = server.newUserClient("delete");
    for (String password : OVERLONG) {
      RawResponse response =
          client.raw("DELETE", "/api/v1/me", JSON, Json.object("password", password));

      assertThat(response.status()).as(response.body()).isEqualTo(403);
      assertThat(response.errorCode()).isEqualTo("wrong_password");
    }
    assertThat(client.me().username()).isNotBlank();
  }

  @Test
  void registerWithOverlongPassword_is422() {
    for (String password : OVERLONG) {
      RawResponse response =
          anonymous.raw(
              "POST",
              "/api/v1/accounts",
              JSON,
              Json.object("username", "longpass", "password", password, "displayName", "L"));

      assertThat(response.status()).as(response.body()).isEqualTo(422);
      assertThat(response.errorCode()).isEqualTo("validation_failed");
    }
  }

  /** Builds small JSON objects of string fields. */
  private static final class Json {
    static byte[] object(String... namesAndValues) {
      Map<String, String> fields = new java.util.LinkedHashMap<>();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        fields.put(namesAndValues[i], namesAndValues[i + 1]);
      }
      return dev.atrium.platform.json.Json.write(fields).getBytes(UTF_8);
    }
  }
}
