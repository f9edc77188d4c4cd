package dev.atrium.miniapps.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Atrium-Webhook-Signature} header, Stripe's scheme: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<body>")>}, with one {@code v1} per secret that currently signs (two
 * during a rotation). Pure and thread-safe.
 */
final class WebhookSignature {
  private WebhookSignature() {}

  static String header(long timestampSeconds, String body, List<String> secrets) {
    StringBuilder header = new StringBuilder("t=").append(timestampSeconds);
    byte[] signed = (timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
    for (String secret : secrets) {
      header.append(",v1=").append(HexFormat.of().formatHex(hmacSha256(secret, signed)));
    }
    return header.toString();
  }

  private static byte[] hmacSha256(String secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
