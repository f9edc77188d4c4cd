package dev.atrium.platform;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that Jetty refuses before Javalin sees them (bad paths, huge URIs and headers) still get
 * the JSON error contract. They are written as raw bytes, because HTTP clients refuse to send most
 * of them.
 */
class ProtocolErrorIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void encodedNulInThePath_is400InTheErrorContract() throws IOException {
    assertContract(get("/api/v1/users/a%00b", Map.of()), 400, "bad_request");
  }

  @Test
  void invalidUtf8InThePath_is400InTheErrorContract() throws IOException {
    assertContract(get("/api/v1/users/%C3%28", Map.of()), 400, "bad_request");
    assertContract(get("/api/v1/users/%FF", Map.of()), 400, "bad_request");
  }

  @Test
  void tenThousandCharacterPathSegment_is414InTheErrorContract() throws IOException {
    assertContract(get("/api/v1/users/" + "a".repeat(10_000), Map.of()), 414, "uri_too_long");
  }

  @Test
  void hugeHeaders_are431InTheErrorContract() throws IOException {
    String huge = "x".repeat(10_240);

    assertContract(
        get("/api/v1/me", Map.of("Authorization", "Bearer " + huge)), 431, "headers_too_large");
    assertContract(
        get("/api/v1/wallet", Map.of("Idempotency-Key", huge)), 431, "headers_too_large");
  }

  @Test
  void malformedRequestLine_isRefusedInTheErrorContract() throws IOException {
    assertContract(
        send("GET /api/v1/me HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        505,
        "http_version_not_supported");
    assertContract(
        send("GET /api/v1/me\u0001 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        400,
        "bad_request");
  }

  @Test
  void badPathsWithOtherMethods_alsoGetABody() throws IOException {
    String request =
        "PUT /api/v1/users/%C3%28 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";

    assertContract(send(request), 400, "bad_request");
  }

  @Test
  void protocolErrorsOutsideTheApi_areAlsoTheContract_neverAStackTraceOrHtml() throws IOException {
    Response badPath = get("/assets/%C3%28", Map.of());
    Response longPath = get("/" + "a".repeat(10_000), Map.of());

    assertContract(badPath, 400, "bad_request");
    assertContract(longPath, 414, "uri_too_long");
  }

  private static void assertContract(Response response, int status, String code) {
    assertThat(response.status()).as(response.raw()).isEqualTo(status);
    assertThat(response.headers().get("content-type"))
        .as(response.raw())
        .startsWith("application/json");
    assertThat(response.body())
        .doesNotContain("<html")
        .doesNotContain("Exception")
        .doesNotContain("at org.");
    JsonNode error = response.json().path("error");
    assertThat(error.path("message").asText()).isNotBlank();
    if (code != null) {
      assertThat(error.path("code").asText()).as(response.raw()).isEqualTo(code);
    } else {
      assertThat(error.path("code").asText()).matches("[a-z_]+");
    }
  }

  private static Response get(String target, Map<String, String> headers) throws IOException {
    StringBuilder request =
        new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
    headers.forEach(
        (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    request.append("Connection: close\r\n\r\n");
    return send(request.toString());
  }

  private static Response send(String request) throws IOException {
    try (Socket socket =
        new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), server.uri().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request.getBytes(ISO_8859_1));
        out.flush();
      } catch (SocketException e) {
        // The server may answer and close before reading everything; the answer is still there.
      }
      return Response.parse(readAll(socket.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        bytes.write(buffer, 0, n);
      }
    } catch (SocketException e) {
      // A reset after the response still leaves the response in hand.
    }
    return bytes.toByteArray();
  }

  private record Response(int status, Map<String, String> headers, String body, String raw) {
    static Response parse(byte[] bytes) {
      String raw = new String(bytes, UTF_8);
      int end = raw.indexOf("\r\n\r\n");
      assertThat(end).as("a complete response: " + raw).isPositive();
      String[] lines = raw.substring(0, end).split("\r\n", -1);
      int status = Integer.parseInt(lines[0].split(" ", -1)[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      String body = raw.substring(end + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = unchunk(body);
      }
      return new Response(
          status, headers, body, raw.length() > 2000 ? raw.substring(0, 2000) : raw);
    }

    JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON: " + raw, e);
      }
    }

    private static String unchunk(String chunked) {
      StringBuilder body = new StringBuilder();
      int at = 0;
      while (true) {
        int lineEnd = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
        if (size == 0) {
          return body.toString();
        }
        body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
    }
  }
}
