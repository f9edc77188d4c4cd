package dev.atrium.platform.http;

import dev.atrium.platform.errors.ErrorBody;
import dev.atrium.platform.errors.OperatingError;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the JSON error contract in place of Jetty's HTML error pages, for what Jetty refuses
 * before Javalin routes it: a path with bad percent-encoding or a NUL (400), a URI or headers over
 * the parser's limits (414, 431), an unknown HTTP version (505). Installed on the server (parser
 * errors) and on the servlet context (errors found while building the servlet request), so that no
 * layer answers in HTML. The body never reflects the request, and never carries a stack trace.
 * Stateless and thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final String JSON = "application/json";

  JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  /** Every method gets a body: the contract is the same for a PUT or a DELETE as for a GET. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  /** The body Jetty sends when it refuses a request before there is one to hand to a handler. */
  // Deprecated for removal, yet Jetty 12's HTTP/1 connection still calls it for what its parser
  // refuses (431, 414, 505): without this override those answers would be HTML.
  @SuppressWarnings("removal")
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, JSON);
    fields.put("X-Content-Type-Options", "nosniff");
    return ByteBuffer.wrap(body(status));
  }

  static byte[] body(int status) {
    if (status >= 500 && status != 505) {
      // A failure inside Jetty, not a refusal of the request: the same body as any other bug.
      return Json.write(
              ErrorBody.of("internal_error", "Something went wrong on our side.", Map.of()))
          .getBytes(StandardCharsets.UTF_8);
    }
    OperatingError error = RequestError.protocol(status);
    return Json.write(ErrorBody.of(error.code(), error.getMessage(), error.details()))
        .getBytes(StandardCharsets.UTF_8);
  }
}
