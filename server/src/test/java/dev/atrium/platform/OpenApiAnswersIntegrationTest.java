package dev.atrium.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.testing.DocumentedAnswers;
import dev.atrium.testing.DocumentedAnswers.Answer;
import dev.atrium.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document lists the answers routes really give, and the check every test server runs
 * when it closes ({@link DocumentedAnswers}) catches a document that does not.
 */
class OpenApiAnswersIntegrationTest {
  private static TestServer server;
  private static JsonNode document;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    document = server.client().openApi();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void sendEnvelope_listsTheReplayedRetry_as200() {
    JsonNode responses =
        operation("/api/v1/conversations/{conversationId}/envelopes", "post").path("responses");

    assertThat(fieldNames(responses)).contains("200", "201");
    assertThat(responses.at("/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/SentView");
  }

  @Test
  void login_listsWrongCredentials_as401() {
    assertThat(fieldNames(operation("/api/v1/sessions", "post").path("responses"))).contains("401");
  }

  @Test
  void listEnvelopes_describesItsAfterAndLimitQueryParameters() {
    JsonNode listEnvelopes = operation("/api/v1/conversations/{conversationId}/envelopes", "get");
    List<String> queryParameters = new ArrayList<>();
    for (JsonNode parameter : listEnvelopes.path("parameters")) {
      if (parameter.path("in").asText().equals("query")) {
        queryParameters.add(parameter.path("name").asText());
        assertThat(parameter.path("schema").path("type").asText()).isEqualTo("integer");
        assertThat(parameter.path("required").asBoolean()).isFalse();
      }
    }

    assertThat(queryParameters).containsExactly("after", "limit");
    assertThat(fieldNames(listEnvelopes.path("responses"))).contains("400");
  }

  @Test
  void aStatusTheDocumentDoesNotList_isADrift() {
    String json = server.client().raw("GET", "/api/openapi.json", null, null).body();

    List<String> drifts =
        DocumentedAnswers.undocumented(
            Set.of(
                new Answer("POST", "/api/v1/sessions", 201),
                new Answer("POST", "/api/v1/sessions", 418)),
            json);

    assertThat(drifts).singleElement().asString().contains("POST /api/v1/sessions -> 418", "login");
  }

  @Test
  void aServedApiRouteMissingFromTheDocument_isADrift() {
    String json = server.client().raw("GET", "/api/openapi.json", null, null).body();

    List<String> drifts =
        DocumentedAnswers.undocumented(
            Set.of(
                new Answer("GET", "/api/v1/secret-route", 200),
                new Answer("DELETE", "/api/v1/sessions", 204)),
            json);

    assertThat(drifts)
        .hasSize(2)
        .allSatisfy(drift -> assertThat(drift).contains("not in the OpenAPI document"));
  }

  @Test
  void unmatchedRequests_head_serverErrors_andTheDocumentItself_areNotDrifts() {
    String json = server.client().raw("GET", "/api/openapi.json", null, null).body();

    List<String> drifts =
        DocumentedAnswers.undocumented(
            Set.of(
                new Answer("GET", "unmatched", 404),
                new Answer("HEAD", "/api/v1/me", 405),
                new Answer("GET", "/api/v1/me", 500),
                new Answer("GET", "/api/openapi.json", 200),
                new Answer("GET", "/health/live", 200)),
            json);

    assertThat(drifts).isEmpty();
  }

  @Test
  void theNodesOwnTraffic_isRecordedByMethodRouteAndStatus() {
    server.client().raw("GET", "/api/v1/me", null, null);

    assertThat(DocumentedAnswers.recorded(server.atrium().metrics()))
        .contains(new Answer("GET", "/api/v1/me", 401));
  }

  private static JsonNode operation(String path, String method) {
    JsonNode operation = document.path("paths").path(path).path(method);
    assertThat(operation.isObject()).as(method + " " + path).isTrue();
    return operation;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
