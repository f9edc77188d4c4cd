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
  private static final String BODY_READ_ATTRIBUTE = "atrium.bodyRead";

  /**
   * Refused bodies up to this size are read to their end (and dropped) before the answer goes out;
   * larger ones are left unread and the connection is closed.
   */
  static final long DISCARDED_BODY_BYTES_MAX = 1_048_576;

  private Requests() {}

  /** Parses the JSON body into {@code type}; 413 past the body cap, 400 for bad JSON. */
  public static <T> T body(Context ctx, Class<T> type) {
    return Json.parse(bodyBytes(ctx), type);
  }

  /**
   * The raw body, read at most up to the configured cap, so a lying client cannot exhaust memory.
   */
  public static byte[] bodyBytes(Context ctx) {
    long limit = ctx.attribute(BODY_LIMIT_ATTRIBUTE);
    ctx.attribute(BODY_READ_ATTRIBUTE, true);
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
   * The raw body of a route registered with {@link Api#upload}, as a stream: nothing is buffered in
   * memory, and reading past the route's cap throws the route's refusal.
   */
  public static InputStream uploadBody(Context ctx) throws IOException {
    UploadRoute route = ctx.attribute(UPLOAD_ROUTE_ATTRIBUTE);
    Invariants.check(route != null, "uploadBody is only for routes registered with Api.upload");
    ctx.attribute(BODY_READ_ATTRIBUTE, true);
    return new CappedInputStream(
        ctx.req().getInputStream(), route.bodyBytesMax(), route.tooLarge());
  }

  /**
   * Reads and drops a body nobody read, before a refusal is written. A server that closes the
   * connection with request bytes still unread makes the kernel answer with a TCP reset, and a
   * reset that reaches the client before it has read the refusal destroys the refusal: the client
   * sees a broken connection instead of a 401 or 413. Bodies larger than {@link
   * #DISCARDED_BODY_BYTES_MAX} are not worth the traffic and stay unread, and a client that asked
   * with {@code Expect: 100-continue} is never invited to send its body at all.
   */
  static void discardUnreadBody(Context ctx) {
    if (Boolean.TRUE.equals(ctx.attribute(BODY_READ_ATTRIBUTE))) {
      return;
    }
    ctx.attribute(BODY_READ_ATTRIBUTE, true);
    long declared = ctx.req().getContentLengthLong();
    boolean chunked = declared < 0 && ctx.header("Transfer-Encoding") != null;
    boolean expectsContinue = "100-continue".equalsIgnoreCase(ctx.header("Expect"));
    if ((declared <= 0 && !chunked) || declared > DISCARDED_BODY_BYTES_MAX || expectsContinue) {
      return;
    }
    byte[] buffer = new byte[16_384];
    long total = 0;
    try {
      InputStream in = ctx.req().getInputStream();
      int read;
      // Reads block at most for the connector's idle timeout, so a stalled client cannot hold on.
      while (total <= DISCARDED_BODY_BYTES_MAX && (read = in.read(buffer)) >= 0) {
        total += read;
      }
    } catch (IOException | RuntimeException e) {
      // The client went away or the stream was already closed: nothing to answer to, nothing lost.
    }
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
