package dev.atrium.platform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Session;
import dev.atrium.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Drives every operation of the server's own OpenAPI document with malformed input: wrong JSON
 * types, fractions and exponents for integers, huge strings and numbers, NUL and invalid UTF-8,
 * nulls, missing and non-object bodies, oversized headers and paths, and other users' ids, as a
 * registered user and anonymously. Every answer must be a 2xx or a 4xx in the JSON error contract,
 * within a per-request timeout; all failures are collected and reported together. Deterministic:
 * the inputs are fixed, and the few random ones come from a fixed seed.
 */
class ApiFuzzIntegrationTest {
  private static final long SEED = 20261207L;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final long RUN_MILLIS_MAX = TimeUnit.MINUTES.toMillis(3);
  private static final int BODY_EXCERPT_CHARS = 160;
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
  private static final Pattern ERROR_CODE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  // Far beyond every field's limit; refused before it is read on merchant routes (401), whose
  // answer must still arrive (the server reads such a body to its end before answering).
  private static final String HUGE_STRING = "a".repeat(100_000);
  private static final String LONG_SEGMENT = "x".repeat(10_000);
  private static final String LONG_HEADER = "k".repeat(10_240);

  private static TestServer server;
  private static HttpClient http;
  private static String token;
  private static Map<String, String> ownIds;
  private static Map<String, String> otherUsersIds;
  private static JsonNode document;

  private final Random random = new Random(SEED);
  private final List<String> failures = new ArrayList<>();
  private int requestCount;
  private long deadlineMillis;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.builder().set("ATRIUM_WALLET_SANDBOX_TOP_UP_ENABLED", "true").start();
    http = freshClient();
    Session fuzzer = server.newUser("fuzzer");
    token = fuzzer.token();
    ownIds = idsOf(server.client().as(fuzzer), fuzzer);
    Session other = server.newUser("other");
    otherUsersIds = idsOf(server.client().as(other), other);
    HttpResponse<String> served =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/api/openapi.json"))
                .timeout(REQUEST_TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    document = MAPPER.readTree(served.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Ids of things a user owns, by the path parameter names that take them. */
  private static Map<String, String> idsOf(AtriumClient client, Session session) {
    Map<String, String> ids = new HashMap<>();
    ids.put("accountId", session.account().id());
    ids.put("username", session.account().username());
    ids.put("deviceId", session.device().id());
    ids.put("conversationId", client.conversations().createGroup("fuzz group").id());
    ids.put("token", client.conversations().createInviteLink(ids.get("conversationId")));
    ids.put("attachmentId", client.attachments().upload(new byte[] {1, 2, 3}).id());
    String shopName = "Fuzz Shop " + session.account().username();
    ids.put("merchantId", client.merchants().apply(shopName, "Berlin", "5812").id());
    return ids;
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyOperation_answersMalformedInputWithTheErrorContract_neverA5xxOrAHang() {
    deadlineMillis = System.currentTimeMillis() + RUN_MILLIS_MAX;
    List<Operation> operations = operations();
    assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(50);
    for (Operation operation : operations) {
      if (System.currentTimeMillis() > deadlineMillis) {
        failures.add(
            "stopped at "
                + operation.id()
                + ": the fuzz run took longer than "
                + RUN_MILLIS_MAX
                + " ms");
        break;
      }
      fuzz(operation);
      keepFuzzerLoggedIn();
    }
    if (!failures.isEmpty()) {
      fail(
          failures.size()
              + " of "
              + requestCount
              + " fuzzed requests broke the contract (seed "
              + SEED
              + "):\n  "
              + String.join("\n  ", failures));
    }
  }

  private void fuzz(Operation operation) {
    Map<String, String> bodyFields =
        operation.bodySchema() == null ? null : baseFields(operation.bodySchema(), 0);
    send(
        operation,
        "base values, anonymous",
        path(operation, Map.of()),
        null,
        body(bodyFields),
        Map.of());
    send(
        operation,
        "base values, garbage token",
        path(operation, Map.of()),
        "atr_garbage",
        body(bodyFields),
        Map.of());
    send(operation, "base values", path(operation, Map.of()), token, body(bodyFields), Map.of());
    fuzzPathParameters(operation, bodyFields);
    fuzzQueryParameters(operation, bodyFields);
    fuzzHeaders(operation, bodyFields);
    if (bodyFields != null) {
      fuzzWholeBody(operation, bodyFields);
      fuzzBodyFields(operation, bodyFields);
    }
  }

  private void fuzzPathParameters(Operation operation, Map<String, String> bodyFields) {
    for (String parameter : operation.pathParameters()) {
      List<String> values =
          new ArrayList<>(
              List.of(
                  "%00",
                  "a%00b",
                  "%C3%28",
                  "%FF%FE",
                  "%ED%A0%80",
                  "a%2Fb",
                  "%20",
                  "99999999999999999999999999",
                  "1.5",
                  "1e3",
                  "-1",
                  "%E2%82%AC",
                  LONG_SEGMENT));
      values.add(otherUsersIds.getOrDefault(parameter, otherUsersIds.get("conversationId")));
      for (String value : values) {
        send(
            operation,
            "path " + parameter + "=" + excerpt(value, 40),
            path(operation, Map.of(parameter, value)),
            token,
            body(bodyFields),
            Map.of());
      }
    }
  }

  private void fuzzQueryParameters(Operation operation, Map<String, String> bodyFields) {
    List<String> values =
        List.of(
            "1.5",
            "1e3",
            "-1",
            "0",
            "99999999999999999999",
            "abc",
            "%00",
            "%C3%28",
            "",
            "a".repeat(2000),
            "2147483648",
            "-2147483649");
    for (String parameter : operation.queryParameters()) {
      for (String value : values) {
        send(
            operation,
            "query " + parameter + "=" + excerpt(value, 40),
            path(operation, Map.of()) + "?" + parameter + "=" + value,
            token,
            body(bodyFields),
            Map.of());
      }
    }
  }

  private void fuzzHeaders(Operation operation, Map<String, String> bodyFields) {
    String path = path(operation, Map.of());
    send(operation, "10 KB Authorization", path, LONG_HEADER, body(bodyFields), Map.of());
    send(operation, "600-char Authorization", path, "k".repeat(600), body(bodyFields), Map.of());
    send(operation, "Authorization without a token", path, "", body(bodyFields), Map.of());
    send(
        operation,
        "10 KB Idempotency-Key",
        path,
        token,
        body(bodyFields),
        Map.of("Idempotency-Key", LONG_HEADER));
    send(
        operation,
        "1,000-char Idempotency-Key",
        path,
        token,
        body(bodyFields),
        Map.of("Idempotency-Key", "i".repeat(1000)));
    send(
        operation,
        "empty Idempotency-Key",
        path,
        token,
        body(bodyFields),
        Map.of("Idempotency-Key", ""));
  }

  private void fuzzWholeBody(Operation operation, Map<String, String> bodyFields) {
    String path = path(operation, Map.of());
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    bodies.put("empty body", new byte[0]);
    bodies.put("null body", bytes("null"));
    bodies.put("array instead of object", bytes("[" + new String(body(bodyFields), UTF_8) + "]"));
    bodies.put("empty array", bytes("[]"));
    bodies.put("string body", bytes("\"x\""));
    bodies.put("number body", bytes("1.5e308"));
    bodies.put("empty object", bytes("{}"));
    bodies.put("every field null", body(nullFields(bodyFields)));
    bodies.put("unknown extra field", body(with(bodyFields, "unexpectedField", "1")));
    bodies.put("10,000 nested arrays", bytes("[".repeat(10_000) + "]".repeat(10_000)));
    bodies.put(
        "invalid UTF-8 body", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
    bodies.put("truncated JSON", bytes("{\"a\":"));
    send(operation, "missing body", path, token, null, Map.of());
    bodies.forEach((input, bytes) -> send(operation, input, path, token, bytes, Map.of()));
  }

  private void fuzzBodyFields(Operation operation, Map<String, String> bodyFields) {
    String path = path(operation, Map.of());
    JsonNode properties = resolve(operation.bodySchema()).path("properties");
    for (String field : bodyFields.keySet()) {
      for (Map.Entry<String, Malformed> value :
          malformedValues(properties.path(field)).entrySet()) {
        String raw = new String(value.getValue().json(), StandardCharsets.ISO_8859_1);
        send(
            operation,
            "field " + field + "=" + value.getKey(),
            path,
            token,
            body(with(bodyFields, field, raw), field),
            Map.of(),
            value.getValue().mustBeRefused());
      }
    }
  }

  /** A value that does not fit a field; one of the wrong JSON type must never be accepted. */
  private record Malformed(byte[] json, boolean mustBeRefused) {}

  /** Values that do not fit the field's schema, keyed by a readable name. */
  private Map<String, Malformed> malformedValues(JsonNode schema) {
    JsonNode resolved = resolve(schema);
    String type = resolved.has("enum") ? "enum" : resolved.path("type").asText("object");
    boolean integer = type.equals("integer");
    boolean string = type.equals("string") || type.equals("enum");
    boolean record = schema.has("$ref");
    boolean number = integer || string || type.equals("boolean") || type.equals("array") || record;
    boolean notString = integer || type.equals("boolean") || type.equals("array") || record;
    Map<String, Malformed> values = new LinkedHashMap<>();
    values.put("null", new Malformed(bytes("null"), false));
    values.put("100k-char string", new Malformed(bytes("\"" + HUGE_STRING + "\""), notString));
    values.put("NUL in string", new Malformed(bytes("\"a\\u0000b\""), notString));
    values.put(
        "invalid UTF-8 in string",
        new Malformed(new byte[] {'"', 'a', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"'}, true));
    values.put("lone surrogate", new Malformed(bytes("\"\\uD800\""), notString));
    values.put(
        "object",
        new Malformed(
            bytes("{\"a\":1}"),
            integer || string || type.equals("boolean") || type.equals("array")));
    values.put(
        "array",
        new Malformed(bytes("[1]"), (!type.equals("array") && !type.equals("object")) || record));
    values.put(
        "boolean",
        new Malformed(
            bytes("true"), (!type.equals("boolean") && !type.equals("object")) || record));
    values.put("1.5", new Malformed(bytes("1.5"), number));
    values.put("1e3", new Malformed(bytes("1e3"), number));
    values.put("huge integer", new Malformed(bytes("99999999999999999999999999999"), number));
    values.put("-huge integer", new Malformed(bytes("-99999999999999999999999999999"), number));
    values.put("huge exponent", new Malformed(bytes("1e400"), number));
    values.put(
        "long max",
        new Malformed(
            bytes("9223372036854775807"),
            number && !(integer && "int64".equals(resolved.path("format").asText()))));
    values.put("-1", new Malformed(bytes("-1"), number && !integer));
    values.put("empty string", new Malformed(bytes("\"\""), notString));
    values.put("numeric string", new Malformed(bytes("\"12\""), notString));
    if (type.equals("array")) {
      values.put("array of nulls", new Malformed(bytes("[null]"), false));
      values.put("array of objects", new Malformed(bytes("[{}]"), false));
      values.put("array of fractions", new Malformed(bytes("[1.5]"), false));
      values.put(
          "20,000-element array",
          new Malformed(bytes("[" + "\"a\",".repeat(19_999) + "\"a\"]"), false));
    }
    values.put("seeded random value", new Malformed(bytes(randomJson(0)), false));
    return values;
  }

  private String randomJson(int depth) {
    return switch (random.nextInt(depth > 2 ? 5 : 7)) {
      case 0 -> Long.toString(random.nextLong());
      case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) + "";
      case 2 -> MAPPER.valueToTree(randomString()).toString();
      case 3 -> random.nextBoolean() ? "true" : "false";
      case 4 -> "null";
      case 5 -> "[" + randomJson(depth + 1) + "," + randomJson(depth + 1) + "]";
      default -> "{\"" + randomString() + "\":" + randomJson(depth + 1) + "}";
    };
  }

  private String randomString() {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(20);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(
          random.nextInt(4) == 0 ? random.nextInt(0x20) : 0x20 + random.nextInt(0x2FFF));
    }
    return text.toString();
  }

  /** A plausible value for every property of the request schema, as raw JSON text. */
  private Map<String, String> baseFields(JsonNode schema, int depth) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : resolve(schema).path("properties").properties()) {
      fields.put(property.getKey(), baseValue(property.getKey(), property.getValue(), depth));
    }
    return fields;
  }

  private String baseValue(String name, JsonNode schema, int depth) {
    JsonNode resolved = resolve(schema);
    if (resolved.has("enum")) {
      return MAPPER.valueToTree(resolved.path("enum").path(0).asText()).toString();
    }
    return switch (resolved.path("type").asText("object")) {
      case "string" -> MAPPER.valueToTree(stringValue(name, resolved)).toString();
      case "integer" -> "1";
      case "boolean" -> "true";
      case "array" ->
          depth > 2 ? "[]" : "[" + baseValue(name, resolved.path("items"), depth + 1) + "]";
      default -> depth > 2 ? "{}" : new String(body(baseFields(resolved, depth + 1)), UTF_8);
    };
  }

  private static String stringValue(String name, JsonNode schema) {
    if ("date-time".equals(schema.path("format").asText())) {
      return "2026-01-01T00:00:00Z";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith("accountid")) {
      return otherUsersIds.get("accountId");
    }
    if (lower.equals("username")) {
      return otherUsersIds.get("username");
    }
    if (lower.endsWith("conversationid")) {
      return ownIds.get("conversationId");
    }
    return "fuzz";
  }

  private JsonNode resolve(JsonNode schema) {
    String reference = schema.path("$ref").asText("");
    if (reference.isEmpty()) {
      return schema;
    }
    return document
        .path("components")
        .path("schemas")
        .path(reference.substring(reference.lastIndexOf('/') + 1));
  }

  private void send(
      Operation operation,
      String input,
      String path,
      String bearer,
      byte[] body,
      Map<String, String> headers) {
    send(operation, input, path, bearer, body, headers, false);
  }

  /**
   * Sends one request and records what is wrong with the answer. A request that failed without an
   * answer is sent once more on a fresh connection: the server closes a connection after some
   * refusals, and the client may have picked that connection from its pool just before.
   */
  private void send(
      Operation operation,
      String input,
      String path,
      String bearer,
      byte[] body,
      Map<String, String> headers,
      boolean mustBeRefused) {
    requestCount++;
    String what =
        operation.id()
            + " ("
            + operation.method()
            + " "
            + operation.path()
            + ") with "
            + input
            + (bearer == null ? " [anonymous]" : "");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.uri() + path))
            .timeout(REQUEST_TIMEOUT)
            .method(
                operation.method(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header(
          "Content-Type",
          operation.binaryMediaType() != null ? operation.binaryMediaType() : "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (!headers.containsKey("Idempotency-Key")) {
      // A fresh key lets the wallet's money-moving operations get as far as reading the body.
      request.header("Idempotency-Key", "fuzz-" + requestCount);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        throw e;
      } catch (IOException e) {
        response = freshClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
      }
      check(what, response, mustBeRefused);
    } catch (HttpTimeoutException e) {
      failures.add(what + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (IOException e) {
      failures.add(what + ": connection failed without an answer, twice: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpClient freshClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(REQUEST_TIMEOUT)
        .build();
  }

  private void check(String what, HttpResponse<String> response, boolean mustBeRefused) {
    int status = response.statusCode();
    if (status >= 200 && status < 300 && mustBeRefused) {
      failures.add(
          what
              + ": "
              + status
              + " accepted a value of the wrong type: "
              + excerpt(response.body(), BODY_EXCERPT_CHARS));
      return;
    }
    if (status < 400 && status >= 200) {
      return;
    }
    String problem =
        status >= 500
            ? "server error"
            : status < 200 ? "unexpected status" : contractViolation(response);
    if (problem != null) {
      failures.add(
          what
              + ": "
              + status
              + " "
              + problem
              + ": "
              + response.headers().firstValue("Content-Type").orElse("no content type")
              + " "
              + excerpt(response.body(), BODY_EXCERPT_CHARS));
    }
  }

  /** What is wrong with a 4xx answer, or null when it is the error contract. */
  private static String contractViolation(HttpResponse<String> response) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return "not JSON";
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(response.body());
    } catch (IOException e) {
      return "unparseable JSON";
    }
    JsonNode error = body == null ? null : body.path("error");
    if (error == null || !error.isObject() || body.size() != 1) {
      return "not {\"error\":{...}}";
    }
    if (!error.path("code").isTextual()
        || !ERROR_CODE.matcher(error.path("code").asText()).matches()) {
      return "no snake_case error.code";
    }
    if (!error.path("message").isTextual() || error.path("message").asText().isBlank()) {
      return "no error.message";
    }
    if (error.has("field") && !error.path("field").isTextual()) {
      return "error.field is not a string";
    }
    return null;
  }

  /** Logs the fuzzer in again when an operation (logout, device revocation) ended its session. */
  private void keepFuzzerLoggedIn() {
    try {
      HttpResponse<String> me =
          http.send(
              HttpRequest.newBuilder(server.uri().resolve("/api/v1/me"))
                  .header("Authorization", "Bearer " + token)
                  .timeout(REQUEST_TIMEOUT)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (me.statusCode() == 401) {
        token = server.client().login(ownIds.get("username"), TestServer.PASSWORD, "fuzz").token();
      }
    } catch (IOException e) {
      failures.add("checking the fuzzer's session failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String path(Operation operation, Map<String, String> overrides) {
    Matcher matcher = PATH_PARAMETER.matcher(operation.path());
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value =
          overrides.containsKey(name)
              ? overrides.get(name)
              : URLEncoder.encode(
                  ownIds.getOrDefault(name, otherUsersIds.getOrDefault(name, "fuzz")), UTF_8);
      matcher.appendReplacement(path, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(path);
    return path.toString();
  }

  private List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        operations.add(Operation.of(path.getKey(), method.getKey(), method.getValue()));
      }
    }
    // Operations that end the fuzzer's session or account go last, so the others run while it is
    // logged in.
    operations.sort(Comparator.comparing(operation -> operation.method().equals("DELETE")));
    return operations;
  }

  /** One operation of the document, as the fuzzer needs it. */
  private record Operation(
      String id,
      String method,
      String path,
      List<String> pathParameters,
      List<String> queryParameters,
      JsonNode bodySchema,
      String binaryMediaType) {
    static Operation of(String path, String method, JsonNode operation) {
      List<String> pathParameters = new ArrayList<>();
      List<String> queryParameters = new ArrayList<>();
      for (JsonNode parameter : operation.path("parameters")) {
        (parameter.path("in").asText().equals("path") ? pathParameters : queryParameters)
            .add(parameter.path("name").asText());
      }
      JsonNode content = operation.path("requestBody").path("content");
      JsonNode schema =
          content.has("application/json") ? content.path("application/json").path("schema") : null;
      return new Operation(
          operation.path("operationId").asText(),
          method.toUpperCase(Locale.ROOT),
          path,
          pathParameters,
          queryParameters,
          schema,
          rawMediaType(content));
    }
  }

  /** The raw media type an upload route takes (octet-stream, zip), or null for JSON or none. */
  private static String rawMediaType(JsonNode content) {
    for (var names = content.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("application/json")) {
        return name;
      }
    }
    return null;
  }

  private static Map<String, String> with(Map<String, String> fields, String name, String rawJson) {
    Map<String, String> changed = new LinkedHashMap<>(fields);
    changed.put(name, rawJson);
    return changed;
  }

  private static Map<String, String> nullFields(Map<String, String> fields) {
    Map<String, String> nulls = new LinkedHashMap<>();
    fields.keySet().forEach(name -> nulls.put(name, "null"));
    return nulls;
  }

  /** A JSON object from raw field texts; null for an operation without a JSON body. */
  private static byte[] body(Map<String, String> fields) {
    return fields == null ? null : body(fields, null);
  }

  /**
   * A JSON object from raw field texts. The text of {@code rawField} is taken byte for byte
   * (ISO-8859-1), so that it can carry invalid UTF-8; the others are encoded as UTF-8.
   */
  private static byte[] body(Map<String, String> fields, String rawField) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('{');
    boolean first = true;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.writeBytes(bytes(MAPPER.valueToTree(field.getKey()).toString() + ":"));
      out.writeBytes(
          field.getKey().equals(rawField)
              ? field.getValue().getBytes(StandardCharsets.ISO_8859_1)
              : bytes(field.getValue()));
    }
    out.write('}');
    return out.toByteArray();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static String excerpt(String text, int chars) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() <= chars
        ? flat
        : flat.substring(0, chars) + "…(" + text.length() + " chars)";
  }
}
