package dev.atrium.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.atrium.sdk.Models.AccountExport;
import dev.atrium.sdk.Models.Device;
import dev.atrium.sdk.Models.Profile;
import dev.atrium.sdk.Models.PublicProfile;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.sdk.Models.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A typed client for an Atrium server's HTTP API. Immutable and thread-safe: {@link #withToken}
 * returns a client acting as one device; clients share one connection pool.
 *
 * <p>Every refusal surfaces as an {@link AtriumApiException} carrying the error contract's code.
 */
public final class AtriumClient {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI baseUri;
  private final String token;

  private AtriumClient(HttpClient http, URI baseUri, String token) {
    this.http = http;
    this.baseUri = baseUri;
    this.token = token;
  }

  /** A client for the server at {@code baseUri}, e.g. {@code http://localhost:8080}. */
  public static AtriumClient connect(URI baseUri) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return new AtriumClient(http, baseUri, null);
  }

  /** The same server, acting as the device that holds {@code deviceToken}. */
  public AtriumClient withToken(String deviceToken) {
    return new AtriumClient(http, baseUri, deviceToken);
  }

  /** The same server, acting as the device of {@code session}. */
  public AtriumClient as(Session session) {
    return withToken(session.token());
  }

  public URI baseUri() {
    return baseUri;
  }

  public String token() {
    return token;
  }

  /** Encrypted attachments: upload blobs, download them by id, withdraw them. */
  public AttachmentsClient attachments() {
    return new AttachmentsClient(this);
  }

  HttpClient http() {
    return http;
  }

  /**
   * A request to {@code path} carrying this client's token, for callers that build their own
   * bodies.
   */
  HttpRequest.Builder request(String path, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path)).timeout(timeout);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  // Identity

  public Session register(Registration registration) {
    return send("POST", "/api/v1/accounts", registration, Session.class);
  }

  public Session login(String username, String password, String deviceName) {
    return send(
        "POST",
        "/api/v1/sessions",
        new Models.Login(username, password, deviceName),
        Session.class);
  }

  /** Logs this device out; its token stops working. */
  public void logout() {
    send("DELETE", "/api/v1/sessions/current", null, Void.class);
  }

  public Profile me() {
    return send("GET", "/api/v1/me", null, Profile.class);
  }

  /** Changes display name and/or language; a null leaves that value as it is. */
  public Profile updateProfile(String displayName, String language) {
    return send(
        "PATCH", "/api/v1/me", new Models.ProfileChange(displayName, language), Profile.class);
  }

  public void changePassword(String currentPassword, String newPassword) {
    send(
        "POST",
        "/api/v1/me/password",
        new Models.PasswordChange(currentPassword, newPassword),
        Void.class);
  }

  public AccountExport export() {
    return send("GET", "/api/v1/me/export", null, AccountExport.class);
  }

  public void deleteAccount(String password) {
    send("DELETE", "/api/v1/me", new Models.PasswordConfirmation(password), Void.class);
  }

  public List<Device> devices() {
    return send("GET", "/api/v1/devices", null, new TypeReference<List<Device>>() {});
  }

  public void revokeDevice(String deviceId) {
    send("DELETE", "/api/v1/devices/" + encode(deviceId), null, Void.class);
  }

  // Logging a new device in by QR code

  /** Called by the new device, without a token: its QR code and the secret to poll with. */
  public Models.DeviceLink createDeviceLink(String deviceName) {
    return send(
        "POST",
        "/api/v1/device-links",
        new Models.DeviceLinkRequest(deviceName),
        Models.DeviceLink.class);
  }

  /** Called by the new device until the status is no longer pending. */
  public Models.DeviceLinkStatus pollDeviceLink(String pollSecret) {
    return send(
        "POST",
        "/api/v1/device-links/poll",
        new Models.DeviceLinkPoll(pollSecret),
        Models.DeviceLinkStatus.class);
  }

  /** Called by a logged-in device that scanned the code, to show what it is asked to approve. */
  public Models.PendingDeviceLink lookupDeviceLink(String code) {
    return send(
        "POST",
        "/api/v1/device-links/lookup",
        new Models.DeviceLinkCode(code),
        Models.PendingDeviceLink.class);
  }

  public void approveDeviceLink(String code) {
    send("POST", "/api/v1/device-links/approve", new Models.DeviceLinkCode(code), Void.class);
  }

  public void declineDeviceLink(String code) {
    send("POST", "/api/v1/device-links/decline", new Models.DeviceLinkCode(code), Void.class);
  }

  public PublicProfile lookup(String username) {
    return send("GET", "/api/v1/users/" + encode(username), null, PublicProfile.class);
  }

  // Features

  /** Conversations and envelopes over HTTP. */
  public ConversationsClient conversations() {
    return new ConversationsClient(this);
  }

  /** Opens this device's WebSocket and waits until it is connected. */
  public DeviceSocket openSocket() {
    return DeviceSocket.connect(http, baseUri, token);
  }

  /** Sends a JSON request and reads the answer as {@code responseType}; for the feature clients. */
  <T> T call(String method, String path, Object body, Class<T> responseType) {
    return send(method, path, body, responseType);
  }

  <T> T call(String method, String path, Object body, TypeReference<T> responseType) {
    return send(method, path, body, responseType);
  }

  public ContactsClient contacts() {
    return new ContactsClient(this);
  }

  public KeysClient keys() {
    return new KeysClient(this);
  }

  public SepaClient sepa() {
    return new SepaClient(this);
  }

  public MerchantClient merchants() {
    return new MerchantClient(this);
  }

  /** Mini-program notifications: templates, opt-ins, the notices chat, sending. */
  public MiniAppNoticesClient miniAppNotices() {
    return new MiniAppNoticesClient(this);
  }

  /** Mini-programs: as provider, user, operator or the app's own server. */
  public MiniAppsClient miniApps() {
    return new MiniAppsClient(this);
  }

  /** Mini-programs as their user: login codes, consents, the access log, storage. */
  public MiniAppUsersClient miniAppUsers() {
    return new MiniAppUsersClient(this);
  }

  /** A mini-program's server, with the app's credentials {@code <appId>.<secret>}. */
  public MiniAppProviderApi miniAppProvider(String credentials) {
    return new MiniAppProviderApi(this, credentials);
  }

  /** The wallet: balance, PIN, chat transfers, red packets, statements. */
  public WalletClient wallet() {
    return new WalletClient(this);
  }

  // Operations

  public boolean isReady() {
    return raw("GET", "/health/ready", null, null).status() == 200;
  }

  public JsonNode openApi() {
    return raw("GET", "/api/openapi.json", null, null).json();
  }

  /**
   * Sends exactly what it is given, with this client's token if it has one, and returns the
   * response whatever its status: for tests of the error contract and for endpoints the SDK does
   * not wrap yet.
   */
  public RawResponse raw(String method, String path, String contentType, byte[] body) {
    return raw(method, path, contentType, body, Map.of());
  }

  public RawResponse raw(
      String method, String path, String contentType, byte[] body, Map<String, String> headers) {
    HttpResponse<String> response =
        transmit(
            request(method, path, contentType, body, headers),
            HttpResponse.BodyHandlers.ofString(),
            path);
    return new RawResponse(response.statusCode(), response.headers(), response.body());
  }

  /**
   * GETs a binary resource (an image) as it is; a refusal becomes an {@link AtriumApiException}.
   */
  ContactModels.Image getBinary(String path) {
    HttpResponse<byte[]> response =
        transmit(
            request("GET", path, null, null, Map.of()),
            HttpResponse.BodyHandlers.ofByteArray(),
            path);
    if (response.statusCode() >= 400) {
      throw toException(
          new RawResponse(
              response.statusCode(),
              response.headers(),
              new String(response.body(), StandardCharsets.UTF_8)));
    }
    return new ContactModels.Image(
        response.headers().firstValue("Content-Type").orElse(null), response.body());
  }

  private HttpRequest request(
      String method, String path, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUri.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    return request.build();
  }

  private <T> HttpResponse<T> transmit(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, String path) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException("Request to " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted during request to " + path, e);
    }
  }

  /** Sends a JSON request as this client and reads the JSON answer; feature clients use it too. */
  <T> T send(String method, String path, Object body, Class<T> responseType) {
    RawResponse response = exchange(method, path, body);
    if (responseType == Void.class || response.body().isEmpty()) {
      return null;
    }
    return read(response, text -> MAPPER.readValue(text, responseType));
  }

  /** Like {@link #send(String, String, Object, Class)} with extra headers (an Idempotency-Key). */
  <T> T send(
      String method, String path, Object body, Map<String, String> headers, Class<T> responseType) {
    byte[] bytes;
    try {
      bytes = body == null ? null : MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot serialise request body", e);
    }
    RawResponse response =
        raw(method, path, bytes == null ? null : "application/json", bytes, headers);
    if (response.status() >= 400) {
      throw toException(response);
    }
    if (responseType == Void.class || response.body().isEmpty()) {
      return null;
    }
    return read(response, text -> MAPPER.readValue(text, responseType));
  }

  <T> T send(String method, String path, Object body, TypeReference<T> responseType) {
    return read(exchange(method, path, body), text -> MAPPER.readValue(text, responseType));
  }

  private RawResponse exchange(String method, String path, Object body) {
    byte[] bytes;
    try {
      bytes = body == null ? null : MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot serialise request body", e);
    }
    RawResponse response = raw(method, path, bytes == null ? null : "application/json", bytes);
    if (response.status() >= 400) {
      throw toException(response);
    }
    return response;
  }

  /** Reads a response body as one type; may throw what Jackson throws. */
  private interface BodyReader<T> {
    T read(String body) throws IOException;
  }

  private static <T> T read(RawResponse response, BodyReader<T> reader) {
    try {
      return reader.read(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("Unexpected response body: " + response.body(), e);
    }
  }

  static AtriumApiException toException(RawResponse response) {
    String code = "http_" + response.status();
    String message = response.body();
    String field = null;
    Long currentEpoch = null;
    String correlationId = response.header("X-Request-Id");
    try {
      JsonNode error = MAPPER.readTree(response.body()).path("error");
      if (error.isObject()) {
        code = error.path("code").asText(code);
        message = error.path("message").asText(message);
        field = error.hasNonNull("field") ? error.get("field").asText() : null;
        currentEpoch = error.hasNonNull("currentEpoch") ? error.get("currentEpoch").asLong() : null;
      }
    } catch (IOException | RuntimeException e) {
      // Not the error contract (a proxy's page, say): keep the raw body as the message.
    }
    Long retryAfter = null;
    String header = response.header("Retry-After");
    if (header != null) {
      try {
        retryAfter = Long.parseLong(header.trim());
      } catch (NumberFormatException e) {
        retryAfter = null;
      }
    }
    return new AtriumApiException(
        response.status(), code, message, field, retryAfter, correlationId, currentEpoch);
  }

  /** Encodes one path segment or query value. */
  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
