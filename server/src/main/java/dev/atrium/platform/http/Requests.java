package dev.atrium.platform.http;

import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.json.Json;
import dev.atrium.platform.limits.Invariants;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reading requests safely: bounded bodies, strict JSON, and typed parameters with 400s. */
public final class Requests {
  static final String BODY_LIMIT_ATTRIBUTE = "atrium.bodyBytesMax";
  static final String UPLOAD_ROUTE_ATTRIBUTE = "atrium.uploadRoute";

  private Requests() {}

  /** Parses the JSON body into {@code type}; 413 past the body cap, 400 for bad JSON. */
  public static <T> T body(Context ctx, Class<T> type) {
    return Json.parse(bodyBytes(ctx), type);
  }

  /** The raw body, read at most up to the configured cap, so a lying client cannot exhaust memory. */
  public static byte[] bodyBytes(Context ctx) {
    long limit = ctx.attribute(BODY_LIMIT_ATTRIBUTE);
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw RequestError.bodyTooLarge(limit);
      }
      return bytes;
    } catch (IOException e) {
      throw RequestError.malformedJson("the body could not be read");
    }
  }

  /**
   * The raw body of a route registered with {@link Api#upload}, as a stream: nothing is buffered
   * in memory, and reading past the route's cap throws the route's refusal.
   */
  public static InputStream uploadBody(Context ctx) throws IOException {
    UploadRoute route = ctx.attribute(UPLOAD_ROUTE_ATTRIBUTE);
    Invariants.check(route != null, "uploadBody is only for routes registered with Api.upload");
    return new CappedInputStream(ctx.req().getInputStream(), route.bodyBytesMax(), route.tooLarge());
  }

  /** The body's declared Content-Length, or -1 when the client sends it chunked. */
  public static long declaredBodyBytes(Context ctx) {
    return ctx.req().getContentLengthLong();
  }

  /** A required, non-blank string field of a request body. */
  public static String required(String value, String field) {
    if (value == null) {
      throw RequestError.missingField(field);
    }
    return value;
  }

  public static <T> T required(T value, String field) {
    if (value == null) {
      throw RequestError.missingField(field);
    }
    return value;
  }

  /** An integer query parameter within [min, max], or the default when absent. */
  public static int queryInt(Context ctx, String name, int defaultValue, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw RequestError.invalidParameter(name, "must be an integer.");
    }
    if (value < min || value > max) {
      throw RequestError.invalidParameter(name, "must be between " + min + " and " + max + ".");
    }
    return value;
  }

  public static String correlationId(Context ctx) {
    String id = ctx.attribute(HttpServer.CORRELATION_ATTRIBUTE);
    return id == null ? "-" : id;
  }
}
