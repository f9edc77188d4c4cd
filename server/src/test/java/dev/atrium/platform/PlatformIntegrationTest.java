package dev.atrium.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.platform.http.Operation;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PlatformIntegrationTest {
  private static TestServer server;
  private static AtriumClient anonymous;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    anonymous = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void runsOnTheDatabaseUnderTest() {
    assertThat(server.atrium().database().dialect().name().toLowerCase(Locale.ROOT))
        .isEqualTo(TestServer.databaseKind());
  }

  @Test
  void health_liveAndReady() {
    assertThat(anonymous.raw("GET", "/health/live", null, null).status()).isEqualTo(200);
    RawResponse ready = anonymous.raw("GET", "/health/ready", null, null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("status").asText()).isEqualTo("ready");
  }

  @Test
  void metrics_exposeRequestsDatabasePoolAndJvmInPrometheusFormat() {
    anonymous.raw("GET", "/health/live", null, null);

    RawResponse metrics = anonymous.raw("GET", "/metrics", null, null);

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("http_server_requests_seconds_count{")
        .contains("route=\"/health/live\"")
        .contains("hikaricp_connections_active")
        .contains("jvm_memory_used_bytes")
        .contains("process_uptime_seconds");
  }

  @Test
  void openApi_describesEveryApiOperationAsOpenApi31() {
    JsonNode document = anonymous.openApi();

    assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
    List<Operation> operations = registeredOperations();
    assertThat(operations).isNotEmpty();
    for (Operation operation : operations) {
      JsonNode described =
          document
              .path("paths")
              .path(operation.path())
              .path(operation.method().toLowerCase(Locale.ROOT));
      assertThat(described.isObject()).as(operation.method() + " " + operation.path()).isTrue();
      assertThat(described.path("operationId").asText()).isEqualTo(operation.operationId());
      assertThat(described.path("responses").has(Integer.toString(operation.successStatus())))
          .isTrue();
    }
    JsonNode register = document.at("/paths/~1api~1v1~1accounts/post");
    assertThat(register.at("/requestBody/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/RegisterRequest");
    assertThat(document.at("/components/schemas/RegisterRequest/required").toString())
        .contains("username", "password", "displayName");
    assertThat(register.at("/responses/409/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/Error");
    assertThat(document.at("/paths/~1api~1v1~1me/get/security/0").has("bearer")).isTrue();
    document
        .path("paths")
        .fieldNames()
        .forEachRemaining(path -> assertThat(path).startsWith("/api/v1/"));
  }

  @Test
  void openApi_operationsAreAllReachableRoutes() {
    for (Operation operation : registeredOperations()) {
      String path = operation.path().replaceAll("\\{[^}]+}", "x");
      RawResponse response = anonymous.raw(operation.method(), path, null, null);
      assertThat(response.status()).as(operation.method() + " " + path).isNotIn(404, 405, 500);
    }
  }

  @Test
  void requestLog_hasOneLinePerRequest_andNeverPasswordsOrTokens() {
    Logger requestLogger = (Logger) LoggerFactory.getLogger("atrium.request");
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    try {
      String password = "Sup3rSecretPassphrase!";
      Session session = anonymous.register(Registration.of("logged_user", password, "Logged"));
      anonymous.as(session).me();
      anonymous.login("logged_user", password, null);

      List<String> lines = new ArrayList<>();
      appender.list.forEach(event -> lines.add(event.getFormattedMessage()));
      assertThat(lines)
          .noneMatch(line -> line.contains(password))
          .noneMatch(line -> line.contains(session.token()))
          .noneMatch(line -> line.contains(session.token().substring(4, 20)));
      assertThat(appender.list)
          .filteredOn(event -> event.getLoggerName().equals(requestLogger.getName()))
          .extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(
              line ->
                  line.matches(
                      "method=POST route=/api/v1/accounts status=201 durationMs=[0-9.]+ correlationId=[0-9a-f]{16}"))
          .anyMatch(line -> line.startsWith("method=GET route=/api/v1/me status=200"));
    } finally {
      root.detachAppender(appender);
    }
  }

  @Test
  void webClient_isServedAtRoot() {
    RawResponse page = anonymous.raw("GET", "/", null, null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Atrium</title>").contains("<div id=\"app\">");
  }

  @Test
  void webClientAssets_areCachedForever_becauseTheirNamesCarryTheirHash_whileTheApiIsNeverCached() {
    String page = anonymous.raw("GET", "/", null, null).body();
    java.util.regex.Matcher asset =
        java.util.regex.Pattern.compile("/assets/[^\"']+\\.js").matcher(page);
    assertThat(asset.find()).as("index.html references a hashed script").isTrue();

    RawResponse script = anonymous.raw("GET", asset.group(), null, null);

    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(anonymous.raw("GET", "/", null, null).header("Cache-Control")).isEqualTo("no-cache");
    assertThat(anonymous.raw("GET", "/health/live", null, null).header("Cache-Control"))
        .isEqualTo("no-store");
  }

  @Test
  void contactLinkPage_servesTheWebClientToBrowsers_andUnknownPathsStayJson() {
    Map<String, String> browser = Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

    RawResponse link = anonymous.raw("GET", "/c/AbCdEf0123456789_-xyz", null, null, browser);
    RawResponse api = anonymous.raw("GET", "/api/v1/no-such-thing", null, null, browser);
    RawResponse other = anonymous.raw("GET", "/no-such-page", null, null, browser);

    assertThat(link.status()).isEqualTo(200);
    assertThat(link.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(link.body()).contains("<div id=\"app\">");
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.json().path("error").path("code").asText()).isEqualTo("not_found");
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.json().path("error").path("code").asText()).isEqualTo("not_found");
  }

  private static List<Operation> registeredOperations() {
    return server.atrium().operations();
  }
}
