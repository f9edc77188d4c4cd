package dev.atrium.platform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad request gets the error contract with the right status and code, never a 5xx.
 */
class ErrorContractIntegrationTest {
  private static final String JSON = "application/json";
  private static TestServer server;
  private static AtriumClient anonymous;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("ATRIUM_REQUEST_BODY_BYTES_MAX", "4096")
            .set("wallet.sandboxTopUpEnabled", "true")
            .set("security.argon2.memoryKibibytes", "8192")
            .set("security.argon2.iterations", "1")
            .route(
                api ->
                    api.infrastructure(
                        "GET",
                        "/test/failure",
                        ctx -> {
                          throw new IllegalStateException("a bug on purpose");
                        }))
            .start();
    anonymous = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void malformedJson_is400MalformedJson() {
    RawResponse response = post("/api/v1/accounts", "{\"username\": \"abc\",");

    assertError(response, 400, "malformed_json");
  }

  @Test
  void emptyJsonBody_is400MalformedJson() {
    assertError(post("/api/v1/sessions", ""), 400, "malformed_json");
  }

  @Test
  void jsonThatIsNotAnObject_is400() {
    assertError(post("/api/v1/sessions", "[1,2,3]"), 400, "malformed_json");
    assertError(post("/api/v1/sessions", "null"), 400, "malformed_json");
  }

  @Test
  void wrongType_is400NamingTheField() {
    RawResponse number =
        post("/api/v1/accounts", "{\"username\": 42, \"password\": \"x\", \"displayName\": \"y\"}");
    RawResponse object =
        post("/api/v1/sessions", "{\"username\": \"abc\", \"password\": {\"a\": 1}}");

    assertError(number, 400, "invalid_type");
    assertThat(number.json().at("/error/field").asText()).isEqualTo("username");
    assertThat(number.json().at("/error/message").asText()).contains("username");
    assertError(object, 400, "invalid_type");
    assertThat(object.json().at("/error/field").asText()).isEqualTo("password");
  }

  @Test
  void missingField_is400NamingTheField() {
    RawResponse response =
        post("/api/v1/accounts", "{\"username\": \"someone\", \"displayName\": \"S\"}");

    assertError(response, 400, "missing_field");
    assertThat(response.json().at("/error/field").asText()).isEqualTo("password");
  }

  @Test
  void numberWithFractionOrExponentForAnIntegerField_is400NamingTheField_andMovesNoMoney() {
    AtriumClient client = anonymous.as(server.newUser("fraction"));
    for (String amount : List.of("1.5", "2.99", "1.0", "1e2", "1E2", "100.0e0", "-0.5")) {
      RawResponse response =
          client.raw(
              "POST",
              "/api/v1/wallet/sandbox/top-ups",
              JSON,
              ("{\"amountCents\": " + amount + "}").getBytes(UTF_8),
              Map.of("Idempotency-Key", UUID.randomUUID().toString()));

      assertError(response, 400, "invalid_type");
      assertThat(response.json().at("/error/field").asText()).as(amount).isEqualTo("amountCents");
    }
    assertThat(client.wallet().get().balanceCents()).isZero();
  }

  @Test
  void otherScalarsForAnIntegerField_are400InvalidType_notCoercedAndNot500() {
    AtriumClient client = anonymous.as(server.newUser("scalars"));
    List<String> values =
        List.of("\"100\"", "true", "false", "99999999999999999999", "1e400", "[1]", "{}");
    for (String amount : values) {
      RawResponse response =
          client.raw(
              "POST",
              "/api/v1/wallet/sandbox/top-ups",
              JSON,
              ("{\"amountCents\": " + amount + "}").getBytes(UTF_8),
              Map.of("Idempotency-Key", UUID.randomUUID().toString()));

      assertError(response, 400, "invalid_type");
      assertThat(response.json().at("/error/field").asText()).as(amount).isEqualTo("amountCents");
    }
    assertThat(client.wallet().get().balanceCents()).isZero();
  }

  @Test
  void fractionalTransferAmount_is400InvalidType() {
    AtriumClient client = anonymous.as(server.newUser("transfer"));
    String body = "{\"conversationId\": \"c\", \"amountCents\": 1.5, \"pin\": \"135790\"}";

    RawResponse response =
        client.raw(
            "POST",
            "/api/v1/wallet/transfers",
            JSON,
            body.getBytes(UTF_8),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));

    assertError(response, 400, "invalid_type");
    assertThat(response.json().at("/error/field").asText()).isEqualTo("amountCents");
  }

  @Test
  void nulInAnyStringField_is400InvalidText_notA500OnPostgresql() {
    AtriumClient client = anonymous.as(server.newUser("nul"));
    String transfer =
        "{\"conversationId\": \"c\\u0000d\", \"amountCents\": 100, \"pin\": \"135790\"}";
    String rename = "{\"name\": \"Team\\u0000\"}";

    RawResponse transferResponse =
        client.raw(
            "POST",
            "/api/v1/wallet/transfers",
            JSON,
            transfer.getBytes(UTF_8),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    RawResponse renameResponse =
        client.raw("PATCH", "/api/v1/conversations/c_unknown", JSON, rename.getBytes(UTF_8));

    assertError(transferResponse, 400, "invalid_text");
    assertThat(transferResponse.json().at("/error/field").asText()).isEqualTo("conversationId");
    assertError(renameResponse, 400, "invalid_text");
    assertThat(renameResponse.json().at("/error/field").asText()).isEqualTo("name");
  }

  @Test
  void fractionalOrOverflowingIntegerOutsideTheWallet_is400InvalidType() {
    AtriumClient client = anonymous.as(server.newUser("ints"));
    for (String ciphersuite : List.of("1.5", "1.0", "1e0", "4294967297", "\"1\"", "true")) {
      RawResponse response =
          client.raw(
              "PUT",
              "/api/v1/devices/current/identity-key",
              JSON,
              ("{\"ciphersuite\": " + ciphersuite + ", \"signaturePublicKey\": \"AAAA\"}")
                  .getBytes(UTF_8));

      assertError(response, 400, "invalid_type");
      assertThat(response.json().at("/error/field").asText())
          .as(ciphersuite)
          .isEqualTo("ciphersuite");
    }
  }

  @Test
  void renameWithoutName_is400MissingField_evenForAnUnknownConversation() {
    AtriumClient client = anonymous.as(server.newUser("rename"));
    String group = client.conversations().createGroup("Group").id();
    for (String conversation : List.of(group, "no-such-conversation")) {
      for (String body : List.of("{}", "{\"name\": null}")) {
        RawResponse response =
            client.raw(
                "PATCH", "/api/v1/conversations/" + conversation, JSON, body.getBytes(UTF_8));

        assertError(response, 400, "missing_field");
        assertThat(response.json().at("/error/field").asText()).isEqualTo("name");
      }
    }
  }

  @Test
  void renameOfAnUnknownConversationWithAGoodBody_is404() {
    AtriumClient client = anonymous.as(server.newUser("rename404"));

    RawResponse response =
        client.raw(
            "PATCH",
            "/api/v1/conversations/no-such-conversation",
            JSON,
            "{\"name\": \"New\"}".getBytes(UTF_8));

    assertError(response, 404, "not_found");
  }

  @Test
  void requiredFieldsMissingAnywhere_are400MissingField_neverA500() {
    AtriumClient client = anonymous.as(server.newUser("required"));
    record Case(String method, String path, String body, String field) {}
    List<Case> cases =
        List.of(
            new Case(
                "POST",
                "/api/v1/wallet/transfers",
                "{\"conversationId\": \"c\", \"amountCents\": 1}",
                "pin"),
            new Case("POST", "/api/v1/wallet/red-packets", "{}", null),
            new Case(
                "PUT",
                "/api/v1/devices/current/identity-key",
                "{\"ciphersuite\": 1}",
                "signaturePublicKey"),
            new Case(
                "POST",
                "/api/v1/me/password",
                "{\"newPassword\": \"long enough password\"}",
                "currentPassword"),
            new Case("DELETE", "/api/v1/me", "{}", "password"),
            new Case("POST", "/api/v1/sessions", "{\"username\": \"someone\"}", "password"));
    for (Case c : cases) {
      RawResponse response =
          client.raw(
              c.method(),
              c.path(),
              JSON,
              c.body().getBytes(UTF_8),
              Map.of("Idempotency-Key", UUID.randomUUID().toString()));

      assertError(response, 400, "missing_field");
      if (c.field() != null) {
        assertThat(response.json().at("/error/field").asText()).as(c.path()).isEqualTo(c.field());
      }
    }
  }

  @Test
  void deeplyNestedJson_is400Or413_neverA500() {
    // Unknown fields are skipped, so the parser has to walk the nesting, and stops at its depth
    // limit.
    String nestedArrays = "{\"unknown\": " + "[".repeat(4000) + "}";
    String nestedObjects = "{\"unknown\": " + "{\"a\":".repeat(400) + "1" + "}".repeat(401);

    assertError(post("/api/v1/sessions", nestedArrays), 400, "malformed_json");
    assertError(post("/api/v1/sessions", nestedObjects), 400, "malformed_json");
    assertError(post("/api/v1/sessions", "[".repeat(100_000)), 413, "body_too_large");
  }

  @Test
  void bodyRefusedBeforeItIsRead_stillGetsItsAnswer_everyTime() {
    // A body refused on its declared length is never parsed. Closing the connection with its bytes
    // unread makes the kernel send a reset, which can destroy the answer before the client reads
    // it; the server reads moderate bodies to the end instead, so the answer always arrives.
    String overCap = "[".repeat(300_000);
    for (int i = 0; i < 200; i++) {
      assertError(post("/api/v1/sessions", overCap), 413, "body_too_large");
      assertError(
          anonymous.raw("POST", "/api/v1/pos/orders", JSON, "{}".repeat(1_500).getBytes(UTF_8)),
          401,
          "merchant_key_required");
    }
  }

  @Test
  void tenMegabyteBody_is413() {
    byte[] body = new byte[10 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');

    assertError(anonymous.raw("POST", "/api/v1/sessions", JSON, body), 413, "body_too_large");
  }

  @Test
  void missingContentType_withABody_is415() {
    assertError(
        anonymous.raw("POST", "/api/v1/sessions", null, "{}".getBytes(UTF_8)),
        415,
        "unsupported_media_type");
  }

  @Test
  void duplicateKeys_areRejected() {
    assertError(
        post("/api/v1/sessions", "{\"username\": \"a\", \"username\": \"b\", \"password\": \"c\"}"),
        400,
        "malformed_json");
  }

  @Test
  void oversizedBody_is413() {
    String big = "{\"username\": \"" + "a".repeat(10_000) + "\"}";

    assertError(post("/api/v1/sessions", big), 413, "body_too_large");
  }

  @Test
  void oversizedChunkedBody_is413() throws Exception {
    byte[] body = ("{\"username\": \"" + "a".repeat(10_000) + "\"}").getBytes(UTF_8);
    // A publisher of unknown length makes HttpClient send the body chunked, without Content-Length.
    HttpRequest request =
        HttpRequest.newBuilder(server.uri().resolve("/api/v1/sessions"))
            .header("Content-Type", JSON)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("body_too_large");
  }

  @Test
  void wrongContentType_is415() {
    RawResponse response =
        anonymous.raw("POST", "/api/v1/sessions", "text/plain", "{}".getBytes(UTF_8));

    assertError(response, 415, "unsupported_media_type");
  }

  @Test
  void unknownRoute_is404() {
    assertError(anonymous.raw("GET", "/api/v1/no-such-thing", null, null), 404, "not_found");
  }

  @Test
  void wrongMethod_is405() {
    assertError(
        anonymous.raw("PUT", "/api/v1/me", JSON, "{}".getBytes(UTF_8)), 405, "method_not_allowed");
  }

  @Test
  void headRequestsToTheApi_areRefused_insteadOfAnsweredWithoutAuthentication() {
    // Javalin would answer HEAD on any GET route with 200 without running the handler or its
    // checks.
    assertThat(anonymous.raw("HEAD", "/api/v1/me", null, null).status()).isEqualTo(405);
    assertThat(anonymous.raw("HEAD", "/api/v1/no-such-thing", null, null).status()).isEqualTo(405);
  }

  @Test
  void missingToken_is401() {
    assertError(anonymous.raw("GET", "/api/v1/me", null, null), 401, "unauthenticated");
  }

  @Test
  void invalidToken_is401() {
    assertError(
        anonymous.withToken("atr_not-a-real-token").raw("GET", "/api/v1/me", null, null),
        401,
        "unauthenticated");
    assertError(
        anonymous.raw("GET", "/api/v1/me", null, null, Map.of("Authorization", "Basic abc")),
        401,
        "unauthenticated");
  }

  @Test
  void revokedToken_is401() {
    Session session = server.newUser("revoked");
    anonymous.as(session).logout();

    assertError(
        anonymous.as(session).raw("GET", "/api/v1/devices", null, null), 401, "unauthenticated");
  }

  @Test
  void validationFailure_is422() {
    RawResponse response =
        post(
            "/api/v1/accounts",
            "{\"username\": \"a b\", \"password\": \"long enough password\", \"displayName\": \"x\"}");

    assertError(response, 422, "validation_failed");
    assertThat(response.json().at("/error/field").asText()).isEqualTo("username");
  }

  @Test
  void bug_is500WithCorrelationIdThatMatchesTheHeader() {
    RawResponse response = anonymous.raw("GET", "/test/failure", null, null);

    assertError(response, 500, "internal_error");
    String correlationId = response.json().at("/error/correlationId").asText();
    assertThat(correlationId).isNotBlank().isEqualTo(response.header("X-Request-Id"));
    assertThat(response.body())
        .doesNotContain("a bug on purpose")
        .doesNotContain("IllegalStateException");
  }

  @Test
  void clientCorrelationId_isEchoed_whenWellFormed() {
    RawResponse kept =
        anonymous.raw("GET", "/health/live", null, null, Map.of("X-Request-Id", "trace-123"));
    RawResponse replaced =
        anonymous.raw("GET", "/health/live", null, null, Map.of("X-Request-Id", "bad id!"));

    assertThat(kept.header("X-Request-Id")).isEqualTo("trace-123");
    assertThat(replaced.header("X-Request-Id")).isNotEqualTo("bad id!").matches("[0-9a-f]{16}");
  }

  private static RawResponse post(String path, String body) {
    return anonymous.raw("POST", path, JSON, body.getBytes(UTF_8));
  }

  static void assertError(RawResponse response, int status, String code) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    JsonNode error = response.json().path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotBlank();
  }
}
