package dev.atrium.platform.openapi;

import dev.atrium.platform.http.Operation;
import dev.atrium.platform.json.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3.1 document from the registered {@link Operation}s and the records they read
 * and write, so every route under /api/v1 is described by construction.
 */
public final class OpenApiDocument {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
  private static final Map<Integer, String> STATUS_TEXT =
      Map.ofEntries(
          Map.entry(
              400,
              "Malformed request: bad JSON, a wrong type, a missing field or a bad query parameter."),
          Map.entry(
              401,
              "Missing, invalid or revoked credentials: the bearer token, or the password when logging in."),
          Map.entry(403, "Not allowed."),
          Map.entry(404, "Not found, or not visible to the caller."),
          Map.entry(409, "Conflicts with the current state."),
          Map.entry(413, "Request body too large."),
          Map.entry(415, "Body has the wrong media type (see the request body's content)."),
          Map.entry(416, "The requested byte range lies outside the content."),
          Map.entry(422, "Well-formed but invalid values."),
          Map.entry(429, "Rate limited; see the Retry-After header."),
          Map.entry(503, "Overloaded; see the Retry-After header."));

  private static final Map<String, Object> BINARY_SCHEMA =
      Map.of("type", "string", "format", "binary");

  private final Map<String, Object> schemas = new TreeMap<>();

  private OpenApiDocument() {}

  public static String build(List<Operation> operations, String version) {
    return Json.write(new OpenApiDocument().document(operations, version));
  }

  private Map<String, Object> document(List<Operation> operations, String version) {
    Map<String, Object> paths = new TreeMap<>();
    for (Operation operation : operations) {
      @SuppressWarnings("unchecked")
      Map<String, Object> pathItem =
          (Map<String, Object>) paths.computeIfAbsent(operation.path(), p -> new LinkedHashMap<>());
      pathItem.put(operation.method().toLowerCase(Locale.ROOT), operation(operation));
    }
    schemas.put("Error", errorSchema());
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("openapi", "3.1.0");
    document.put(
        "info",
        Map.of(
            "title",
            "Atrium API",
            "version",
            version,
            "description",
            "The HTTP API of an Atrium server. Every error has the shape "
                + "{\"error\":{\"code\":\"snake_case_code\",\"message\":\"...\"}}. Any request may also be "
                + "refused before it reaches an operation, in the same shape: 400 bad_request (a malformed path, "
                + "such as bad percent-encoding or a NUL, or malformed headers), 414 uri_too_long, "
                + "431 headers_too_large, 505 http_version_not_supported."));
    document.put("servers", List.of(Map.of("url", "/")));
    document.put("paths", paths);
    document.put(
        "components",
        Map.of(
            "schemas",
            schemas,
            "securitySchemes",
            Map.of(
                "bearer",
                Map.of(
                    "type",
                    "http",
                    "scheme",
                    "bearer",
                    "description",
                    "A device token from login or registration."))));
    return document;
  }

  private Map<String, Object> operation(Operation operation) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("operationId", operation.operationId());
    result.put("tags", List.of(operation.tag()));
    result.put("summary", operation.summary());
    List<Object> parameters = new ArrayList<>();
    Matcher matcher = PATH_PARAMETER.matcher(operation.path());
    while (matcher.find()) {
      parameters.add(
          Map.of(
              "name",
              matcher.group(1),
              "in",
              "path",
              "required",
              true,
              "schema",
              Map.of("type", "string")));
    }
    for (Operation.QueryParameter query : operation.queryParameters()) {
      parameters.add(queryParameter(query));
    }
    if (!parameters.isEmpty()) {
      result.put("parameters", parameters);
    }
    if (operation.requestType() != null) {
      result.put(
          "requestBody",
          Map.of(
              "required",
              true,
              "content",
              Map.of(Operation.JSON, Map.of("schema", schemaOf(operation.requestType())))));
    } else if (operation.hasRequestBody()) {
      result.put(
          "requestBody",
          Map.of(
              "required",
              true,
              "description",
              "The raw bytes, at most "
                  + operation.requestBodyBytesMax()
                  + " bytes; sent with "
                  + "Content-Length or chunked.",
              "content",
              Map.of(operation.requestMediaType(), Map.of("schema", BINARY_SCHEMA))));
    }
    result.put("responses", responses(operation));
    result.put(
        "security", operation.authenticated() ? List.of(Map.of("bearer", List.of())) : List.of());
    return result;
  }

  private static Map<String, Object> queryParameter(Operation.QueryParameter query) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", query.type());
    if (query.type().equals("integer")) {
      schema.put("format", query.maximum() > Integer.MAX_VALUE ? "int64" : "int32");
      schema.put("minimum", query.minimum());
      schema.put("maximum", query.maximum());
    }
    Map<String, Object> parameter = new LinkedHashMap<>();
    parameter.put("name", query.name());
    parameter.put("in", "query");
    parameter.put("required", false);
    parameter.put("description", query.description());
    parameter.put("schema", schema);
    return parameter;
  }

  private Map<String, Object> responses(Operation operation) {
    Map<String, Object> responses = new LinkedHashMap<>();
    responses.put(
        Integer.toString(operation.successStatus()),
        success(operation, operation.successStatus(), "Success."));
    for (Operation.Response other : operation.otherSuccesses()) {
      responses.put(
          Integer.toString(other.status()),
          success(operation, other.status(), other.description()));
    }
    List<Integer> errors = new ArrayList<>(operation.errorStatuses());
    if (operation.authenticated() && !errors.contains(401)) {
      errors.add(401);
    }
    if (!operation.queryParameters().isEmpty() && !errors.contains(400)) {
      errors.add(400);
    }
    if (operation.hasRequestBody()) {
      int[] bodyErrors =
          operation.requestType() != null ? new int[] {400, 413, 415} : new int[] {413, 415};
      for (int status : bodyErrors) {
        if (!errors.contains(status)) {
          errors.add(status);
        }
      }
    }
    errors.sort(Integer::compare);
    for (int status : errors) {
      responses.put(
          Integer.toString(status),
          Map.of(
              "description", STATUS_TEXT.getOrDefault(status, "Error."),
              "content",
                  Map.of(
                      "application/json",
                      Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
    }
    return responses;
  }

  private Map<String, Object> success(Operation operation, int status, String description) {
    Map<String, Object> success = new LinkedHashMap<>();
    success.put("description", description);
    if (status == 204 || status == 304) {
      return success;
    }
    if (Operation.BINARY.equals(operation.responseMediaType())) {
      success.put("content", Map.of(Operation.BINARY, Map.of("schema", BINARY_SCHEMA)));
    } else if (operation.responseType() != null) {
      success.put(
          "content", Map.of(Operation.JSON, Map.of("schema", schemaOf(operation.responseType()))));
    }
    return success;
  }

  private Map<String, Object> schemaOf(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      Type raw = parameterized.getRawType();
      if (raw == List.class || raw == java.util.Set.class) {
        return Map.of(
            "type", "array", "items", schemaOf(parameterized.getActualTypeArguments()[0]));
      }
      if (raw == Map.class) {
        return Map.of(
            "type",
            "object",
            "additionalProperties",
            schemaOf(parameterized.getActualTypeArguments()[1]));
      }
      return Map.of("type", "object");
    }
    Class<?> type0 = (Class<?>) type;
    if (type0 == String.class) {
      return Map.of("type", "string");
    }
    if (type0 == int.class || type0 == Integer.class) {
      return Map.of("type", "integer", "format", "int32");
    }
    if (type0 == long.class || type0 == Long.class) {
      return Map.of("type", "integer", "format", "int64");
    }
    if (type0 == boolean.class || type0 == Boolean.class) {
      return Map.of("type", "boolean");
    }
    if (type0 == Instant.class) {
      return Map.of("type", "string", "format", "date-time");
    }
    if (type0.isEnum()) {
      return Map.of(
          "type",
          "string",
          "enum",
          Arrays.stream(type0.getEnumConstants()).map(Object::toString).toList());
    }
    if (type0.isRecord()) {
      return recordReference(type0);
    }
    return Map.of("type", "object");
  }

  private Map<String, Object> recordReference(Class<?> recordType) {
    String name = recordType.getSimpleName();
    if (!schemas.containsKey(name)) {
      schemas.put(name, Map.of());
      Map<String, Object> properties = new LinkedHashMap<>();
      List<String> required = new ArrayList<>();
      for (RecordComponent component : recordType.getRecordComponents()) {
        Map<String, Object> property = new LinkedHashMap<>(schemaOf(component.getGenericType()));
        Description description = component.getAnnotation(Description.class);
        if (description != null) {
          property.put("description", description.value());
        }
        properties.put(component.getName(), property);
        if (component.isAnnotationPresent(Required.class) || component.getType().isPrimitive()) {
          required.add(component.getName());
        }
      }
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("type", "object");
      schema.put("properties", properties);
      if (!required.isEmpty()) {
        schema.put("required", required);
      }
      schemas.put(name, schema);
    }
    return Map.of("$ref", "#/components/schemas/" + name);
  }

  private static Map<String, Object> errorSchema() {
    return Map.of(
        "type",
        "object",
        "required",
        List.of("error"),
        "properties",
        Map.of(
            "error",
            Map.of(
                "type",
                "object",
                "required",
                List.of("code", "message"),
                "properties",
                Map.of(
                    "code", Map.of("type", "string", "description", "Stable snake_case code."),
                    "message",
                        Map.of("type", "string", "description", "Human-readable explanation."),
                    "field",
                        Map.of(
                            "type",
                            "string",
                            "description",
                            "The offending field, where one is to blame."),
                    "correlationId",
                        Map.of("type", "string", "description", "Present on 500 errors.")))));
  }
}
