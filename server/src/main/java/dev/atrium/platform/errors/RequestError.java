package dev.atrium.platform.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/** Errors in the shape of a request, shared by every feature: they never reach a service. */
public final class RequestError extends OperatingError {
  private final Map<String, Object> details;
  private final Map<String, String> headers;

  private RequestError(int status, String code, String message, Map<String, Object> details) {
    this(status, code, message, details, Map.of());
  }

  private RequestError(
      int status,
      String code,
      String message,
      Map<String, Object> details,
      Map<String, String> headers) {
    super(status, code, message);
    this.details = details;
    this.headers = headers;
  }

  @Override
  public Map<String, Object> details() {
    return details;
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  public static RequestError malformedJson(String why) {
    return new RequestError(
        400, "malformed_json", "The request body is not valid JSON: " + why, Map.of());
  }

  public static RequestError invalidType(String field, String expected) {
    return new RequestError(
        400,
        "invalid_type",
        "Field '" + field + "' must be " + expected + ".",
        Map.of("field", field));
  }

  public static RequestError missingField(String field) {
    return new RequestError(
        400, "missing_field", "Field '" + field + "' is required.", Map.of("field", field));
  }

  /** A string field holds a character no text may: NUL, which PostgreSQL cannot store. */
  public static RequestError invalidText(String field) {
    return new RequestError(
        400,
        "invalid_text",
        "Field '" + field + "' must not contain the NUL character.",
        Map.of("field", field));
  }

  public static RequestError invalidParameter(String parameter, String why) {
    return new RequestError(
        400,
        "invalid_parameter",
        "Parameter '" + parameter + "' " + why,
        Map.of("field", parameter));
  }

  public static RequestError validation(String field, String why) {
    return new RequestError(422, "validation_failed", why, Map.of("field", field));
  }

  public static RequestError bodyTooLarge(long limitBytes) {
    return new RequestError(
        413,
        "body_too_large",
        "The request body exceeds " + limitBytes + " bytes.",
        Map.of("limitBytes", limitBytes));
  }

  public static RequestError unsupportedMediaType(String expected, String contentType) {
    return new RequestError(
        415,
        "unsupported_media_type",
        "Send the body as " + expected + (contentType == null ? "." : ", not " + contentType + "."),
        Map.of());
  }

  /**
   * A request refused by the HTTP layer itself, before any route saw it: a malformed path, a URI or
   * headers over Jetty's limits, an unknown protocol version. The message never echoes the request,
   * which may be what an attacker wants reflected.
   */
  public static RequestError protocol(int status) {
    return switch (status) {
      case 400 ->
          new RequestError(
              400,
              "bad_request",
              "The request is malformed: check the path's percent-encoding (UTF-8, no NUL), the headers and the framing.",
              Map.of());
      case 404 -> notFound();
      case 405 ->
          new RequestError(
              405, "method_not_allowed", "This address does not accept this method.", Map.of());
      case 408 ->
          new RequestError(
              408, "request_timeout", "The request took too long to arrive.", Map.of());
      case 413 ->
          new RequestError(413, "body_too_large", "The request body is too large.", Map.of());
      case 414 -> new RequestError(414, "uri_too_long", "The request's URI is too long.", Map.of());
      case 431 ->
          new RequestError(
              431, "headers_too_large", "The request's headers are too large.", Map.of());
      case 505 ->
          new RequestError(505, "http_version_not_supported", "Use HTTP/1.1 or HTTP/2.", Map.of());
      default -> new RequestError(status, "http_" + status, "The request was refused.", Map.of());
    };
  }

  public static RequestError notFound() {
    return new RequestError(404, "not_found", "There is nothing at this address.", Map.of());
  }

  public static RequestError methodNotAllowed(String method) {
    return new RequestError(
        405, "method_not_allowed", "This address does not accept " + method + ".", Map.of());
  }

  public static RequestError unauthenticated() {
    return new RequestError(
        401, "unauthenticated", "Send a valid bearer token in the Authorization header.", Map.of());
  }

  public static RequestError rateLimited(String what, long retryAfterSeconds) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("retryAfterSeconds", retryAfterSeconds);
    return new RequestError(
        429,
        "rate_limited",
        "Too many " + what + "; try again in " + retryAfterSeconds + " s.",
        details,
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  public static RequestError overloaded(long retryAfterSeconds) {
    return new RequestError(
        503,
        "overloaded",
        "The server is busy; try again in " + retryAfterSeconds + " s.",
        Map.of("retryAfterSeconds", retryAfterSeconds),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }
}
