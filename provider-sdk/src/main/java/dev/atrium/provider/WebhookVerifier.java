package dev.atrium.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request comes from Atrium and is recent, then parses its event.
 *
 * <p>Atrium signs as Stripe does: the header {@code Atrium-Webhook-Signature: t=<unix
 * seconds>,v1=<hex>} where the hex is HMAC-SHA256 under the app's webhook secret ({@code
 * whsec_...}) of {@code "<t>.<raw body>"}. While a secret is being rotated the header carries one
 * {@code v1} per valid secret, and any one matching is enough. Pass the raw body exactly as
 * received: parsing and re-serialising it changes the bytes and breaks the signature.
 *
 * <p>Immutable and thread-safe; build one per secret set and reuse it.
 */
public final class WebhookVerifier {
  /** How far the signed timestamp may be from now, either way, by default. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** The header names Atrium sends. */
  public static final String SIGNATURE_HEADER = "Atrium-Webhook-Signature";

  public static final String TIMESTAMP_HEADER = "Atrium-Webhook-Timestamp";
  public static final String ID_HEADER = "Atrium-Webhook-Id";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SIGNATURES_MAX = 8;

  private final List<byte[]> secrets;
  private final Duration tolerance;

  /** A verifier for one secret with the default tolerance. */
  public WebhookVerifier(String secret) {
    this(List.of(secret), DEFAULT_TOLERANCE);
  }

  /**
   * A verifier that accepts a signature by any of {@code secrets} (the new and the old one during a
   * rotation on the provider's side), within {@code tolerance} of now.
   */
  public WebhookVerifier(List<String> secrets, Duration tolerance) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("At least one webhook secret is needed");
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("The tolerance cannot be negative");
    }
    List<byte[]> keys = new ArrayList<>();
    for (String secret : secrets) {
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("A webhook secret cannot be empty");
      }
      keys.add(secret.getBytes(StandardCharsets.UTF_8));
    }
    this.secrets = List.copyOf(keys);
    this.tolerance = tolerance;
  }

  /**
   * Verifies a request and returns its event.
   *
   * @param payload the raw request body
   * @param signatureHeader the {@code Atrium-Webhook-Signature} header
   * @param timestampHeader the {@code Atrium-Webhook-Timestamp} header, or null; when given it must
   *     equal the signed {@code t}
   * @param now the current time (pass {@code Instant.now()}; tests pass their own)
   * @throws WebhookSignatureException when the request must not be trusted
   */
  public WebhookEvent verify(
      String payload, String signatureHeader, String timestampHeader, Instant now)
      throws WebhookSignatureException {
    SignatureHeader header = SignatureHeader.parse(signatureHeader);
    if (timestampHeader != null && !timestampHeader.trim().equals(Long.toString(header.t()))) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.MALFORMED_HEADER,
          "The timestamp header differs from the signed timestamp");
    }
    long ageSeconds = now.getEpochSecond() - header.t();
    if (Math.abs(ageSeconds) > tolerance.toSeconds()) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.TIMESTAMP_OUT_OF_TOLERANCE,
          ageSeconds > 0
              ? "The signed timestamp is " + ageSeconds + " s old"
              : "The signed timestamp is " + -ageSeconds + " s in the future");
    }
    byte[] signed = (header.t() + "." + payload).getBytes(StandardCharsets.UTF_8);
    if (!matchesAny(signed, header.signatures())) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.NO_MATCHING_SIGNATURE,
          "No signature matches the webhook secret");
    }
    return parse(payload);
  }

  /** As {@link #verify(String, String, String, Instant)} without a separate timestamp header. */
  public WebhookEvent verify(String payload, String signatureHeader, Instant now)
      throws WebhookSignatureException {
    return verify(payload, signatureHeader, null, now);
  }

  private boolean matchesAny(byte[] signed, List<byte[]> signatures) {
    boolean matched = false;
    for (byte[] secret : secrets) {
      byte[] expected = hmacSha256(secret, signed);
      for (byte[] signature : signatures) {
        // Constant time per comparison, and every pair compared, so timing tells nothing.
        matched |= MessageDigest.isEqual(expected, signature);
      }
    }
    return matched;
  }

  private static WebhookEvent parse(String payload) throws WebhookSignatureException {
    try {
      JsonNode body = MAPPER.readTree(payload);
      String id = body.path("id").asText(null);
      String type = body.path("type").asText(null);
      String created = body.path("created").asText(null);
      String appId = body.path("appId").asText(null);
      if (id == null || type == null || created == null || appId == null) {
        throw new WebhookSignatureException(
            WebhookSignatureException.Reason.MALFORMED_PAYLOAD,
            "The event lacks id, type, created or appId");
      }
      return new WebhookEvent(id, type, Instant.parse(created), appId, body.path("data"));
    } catch (JsonProcessingException | DateTimeParseException e) {
      throw new WebhookSignatureException(
          WebhookSignatureException.Reason.MALFORMED_PAYLOAD, "The event is not valid JSON");
    }
  }

  static byte[] hmacSha256(byte[] secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * The parsed signature header: one timestamp and the {@code v1} signatures, other schemes
   * ignored.
   */
  private record SignatureHeader(long t, List<byte[]> signatures) {
    static SignatureHeader parse(String header) throws WebhookSignatureException {
      if (header == null || header.length() > 2_048) {
        throw malformed("The signature header is missing or too long");
      }
      Long t = null;
      List<byte[]> signatures = new ArrayList<>();
      for (String part : header.split(",", -1)) {
        int equals = part.indexOf('=');
        if (equals < 1) {
          throw malformed("The signature header is not a list of key=value");
        }
        String key = part.substring(0, equals).trim();
        String value = part.substring(equals + 1).trim();
        if (key.equals("t")) {
          if (t != null) {
            throw malformed("The signature header names two timestamps");
          }
          t = parseSeconds(value);
        } else if (key.equals("v1") && signatures.size() < SIGNATURES_MAX) {
          signatures.add(parseHex(value));
        }
      }
      if (t == null || signatures.isEmpty()) {
        throw malformed("The signature header needs t= and at least one v1=");
      }
      return new SignatureHeader(t, signatures);
    }

    private static long parseSeconds(String value) throws WebhookSignatureException {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw malformed("The signed timestamp is not a number of seconds");
      }
    }

    private static byte[] parseHex(String value) throws WebhookSignatureException {
      try {
        return HexFormat.of().parseHex(value);
      } catch (IllegalArgumentException e) {
        throw malformed("A v1 signature is not hexadecimal");
      }
    }

    private static WebhookSignatureException malformed(String message) {
      return new WebhookSignatureException(
          WebhookSignatureException.Reason.MALFORMED_HEADER, message);
    }
  }
}
