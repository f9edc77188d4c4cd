package dev.atrium.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what a test node really answered with what its OpenAPI document says it answers, so the
 * document cannot drift from the routes: a status a route returned that the document does not list,
 * or a route under /api/ that answered but is not in the document, is a drift.
 *
 * <p>The answers come from the node's own request metrics (one timer per method, matched route and
 * status), so every request of every test is counted without a hook in the server. Each {@link
 * TestServer} checks its answers when it closes and fails the closing test with the list, which
 * works whether the test classes share a JVM or not; every drift is also appended to {@code
 * target/openapi-drift.txt} for a view over the whole run. Stateless; thread-safe.
 */
public final class DocumentedAnswers {
  /** A request the node answered: its method, the matched route template and the status. */
  public record Answer(String method, String route, int status) {
    @Override
    public String toString() {
      return method + " " + route + " -> " + status;
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path DRIFT_FILE = Path.of("target", "openapi-drift.txt");

  /** Routes under /api/ that are deliberately outside the document (the document itself). */
  private static final Set<String> INFRASTRUCTURE_ROUTES = Set.of("/api/openapi.json");

  private DocumentedAnswers() {}

  /** Every distinct answer the node's request metrics have counted. */
  public static Set<Answer> recorded(PrometheusMeterRegistry metrics) {
    Set<Answer> answers =
        new TreeSet<>(
            Comparator.comparing(Answer::route)
                .thenComparing(Answer::method)
                .thenComparingInt(Answer::status));
    for (Timer timer : metrics.find("http.server.requests").timers()) {
      if (timer.count() > 0) {
        answers.add(
            new Answer(
                timer.getId().getTag("method"),
                timer.getId().getTag("route"),
                Integer.parseInt(timer.getId().getTag("status"))));
      }
    }
    return answers;
  }

  /**
   * The answers the document does not describe, one line each. Not checked: requests that matched
   * no route (404 and 405 for unknown paths, which the error contract covers), routes outside
   * /api/, HEAD (refused with 405 on every API path) and 500 (a bug, which the tests report
   * themselves).
   */
  public static List<String> undocumented(Set<Answer> answers, String openApiJson) {
    JsonNode paths = parse(openApiJson).path("paths");
    List<String> drifts = new ArrayList<>();
    for (Answer answer : answers) {
      if (!answer.route().startsWith("/api/")
          || INFRASTRUCTURE_ROUTES.contains(answer.route())
          || answer.method().equals("HEAD")
          || answer.status() == 500) {
        continue;
      }
      JsonNode operation =
          paths.path(answer.route()).path(answer.method().toLowerCase(Locale.ROOT));
      if (operation.isMissingNode()) {
        drifts.add(answer + ": the route answered but is not in the OpenAPI document");
      } else if (!operation.path("responses").has(Integer.toString(answer.status()))) {
        List<String> listed = new ArrayList<>();
        operation.path("responses").fieldNames().forEachRemaining(listed::add);
        drifts.add(
            answer
                + ": status not in the OpenAPI document, which lists "
                + listed
                + " for "
                + operation.path("operationId").asText());
      }
    }
    return drifts;
  }

  /** Appends drifts to target/openapi-drift.txt, naming the test class that caused them. */
  static void remember(List<String> drifts) {
    if (drifts.isEmpty()) {
      return;
    }
    String caller =
        StackWalker.getInstance()
            .walk(
                frames ->
                    frames
                        .map(StackWalker.StackFrame::getClassName)
                        .filter(
                            name ->
                                !name.startsWith("dev.atrium.testing.")
                                    && !name.startsWith("java."))
                        .findFirst()
                        .orElse("?"));
    StringBuilder text = new StringBuilder();
    drifts.forEach(drift -> text.append(caller).append(": ").append(drift).append('\n'));
    try {
      Files.createDirectories(DRIFT_FILE.getParent());
      Files.writeString(DRIFT_FILE, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
