package dev.atrium.provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The client a mini-program's backend uses to call Atrium's provider API ({@code
 * /api/v1/provider/...}) with its app id and secret ({@code Authorization: Bearer
 * <appId>.<secret>}). Refusals throw {@link AtriumProviderException} carrying the server's error
 * code. Immutable and thread-safe; one instance per app is enough.
 */
public final class AtriumProvider {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final URI baseUrl;
  private final String appId;
  private final String authorization;
  private final HttpClient http;

  /**
   * @param baseUrl the server, such as {@code https://atrium.example.org}
   * @param appId the app's id ({@code ma...})
   * @param secret the app's API secret, shown once when it was registered or rotated
   */
  public AtriumProvider(String baseUrl, String appId, String secret) {
    String base = Objects.requireNonNull(baseUrl, "baseUrl");
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.appId = Objects.requireNonNull(appId, "appId");
    this.authorization = "Bearer " + appId + "." + Objects.requireNonNull(secret, "secret");
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  public String appId() {
    return appId;
  }

  // Login

  /** A user's pseudonymous id for this app, for the one-time code the bridge's login() gave. */
  public record LoginIdentity(String openId) {}

  /** Exchanges a one-time login code (single use, valid 5 minutes) for the user's openId. */
  public LoginIdentity exchangeLoginCode(String code) {
    return send(
        "POST",
        "/api/v1/provider/login-codes/exchange",
        JSON.createObjectNode().put("code", code),
        LoginIdentity.class);
  }

  // Webhook delivery log

  /** One event of the delivery log, with its body exactly as signed and sent. */
  public record WebhookDeliveryEvent(
      String id,
      String type,
      String status,
      String createdAt,
      int attempts,
      String nextAttemptAt,
      String lastAttemptAt,
      Integer lastStatusCode,
      String lastError,
      String deliveredAt,
      String body) {}

  /** One page of the delivery log, newest first; {@code nextCursor} is null at the end. */
  public record WebhookEventPage(List<WebhookDeliveryEvent> items, String nextCursor) {
    public WebhookEventPage {
      items = items == null ? List.of() : List.copyOf(items);
    }
  }

  /**
   * One page of the app's webhook events. {@code cursor} is the previous page's {@code nextCursor}
   * (null for the first), {@code status} one of pending, delivered, failed (null for all).
   */
  public WebhookEventPage listWebhookEvents(int limit, String cursor, String status) {
    List<String> query = new ArrayList<>();
    query.add("limit=" + limit);
    if (cursor != null) {
      query.add("cursor=" + encode(cursor));
    }
    if (status != null) {
      query.add("status=" + encode(status));
    }
    return send(
        "GET",
        "/api/v1/provider/webhooks/events?" + String.join("&", query),
        null,
        WebhookEventPage.class);
  }

  /** Sends an event again: attempts restart, the id and body stay the same. */
  public WebhookDeliveryEvent replayWebhookEvent(String eventId) {
    return send(
        "POST",
        "/api/v1/provider/webhooks/events/" + encode(eventId) + "/replay",
        null,
        WebhookDeliveryEvent.class);
  }

  // Payment orders

  /**
   * What to charge one of the app's users. {@code outTradeNo} is your own order number and the
   * idempotency key: sending the same fields again answers the same order. {@code expiresInSeconds}
   * is 60-7200, or null for the server's default (900).
   */
  public record OrderRequest(
      String outTradeNo,
      long amountCents,
      String currency,
      String description,
      String openId,
      Integer expiresInSeconds) {}

  /**
   * A payment order; {@code status} is created, paid or expired, {@code expiresAt} epoch
   * milliseconds.
   */
  public record Order(
      String orderId,
      String outTradeNo,
      long amountCents,
      String currency,
      String description,
      String openId,
      String status,
      long expiresAt) {}

  /**
   * Creates an order the user can pay in the app (the bridge's requestPayment(orderId)); the money
   * lands in the app's merchant account. Refusals: 404 miniapp_user_not_found, 409
   * merchant_not_linked, 409 out_trade_no_reused, 422 for a field out of bounds.
   */
  public Order createOrder(OrderRequest order) {
    Objects.requireNonNull(order, "order");
    var body =
        JSON.createObjectNode()
            .put("outTradeNo", order.outTradeNo())
            .put("amountCents", order.amountCents())
            .put("currency", order.currency())
            .put("description", order.description())
            .put("openId", order.openId());
    if (order.expiresInSeconds() != null) {
      body.put("expiresInSeconds", order.expiresInSeconds());
    }
    return send("POST", "/api/v1/provider/orders", body, Order.class);
  }

  /** One of the app's orders (404 order_not_found for an unknown or another app's id). */
  public Order getOrder(String orderId) {
    return send("GET", "/api/v1/provider/orders/" + encode(orderId), null, Order.class);
  }

  // HTTP

  private <T> T send(String method, String path, Object body, Class<T> type) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", authorization)
            .header("Accept", "application/json");
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() / 100 != 2) {
        throw refusal(response);
      }
      return JSON.readValue(response.body(), type);
    } catch (IOException e) {
      throw new AtriumProviderException(0, AtriumProviderException.UNREACHABLE, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AtriumProviderException(0, AtriumProviderException.UNREACHABLE, "Interrupted", e);
    }
  }

  private static AtriumProviderException refusal(HttpResponse<byte[]> response) {
    String code = "http_" + response.statusCode();
    String message = "HTTP " + response.statusCode();
    try {
      JsonNode error = JSON.readTree(response.body()).path("error");
      if (error.hasNonNull("code")) {
        code = error.get("code").asText();
        message = error.path("message").asText(message);
      }
    } catch (IOException e) {
      // Not the error contract (a proxy's page, say): the status alone tells what happened.
    }
    return new AtriumProviderException(response.statusCode(), code, message, null);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
