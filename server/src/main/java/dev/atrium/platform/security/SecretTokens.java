package dev.atrium.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Unguessable tokens and identifiers. Secrets (bearer tokens, invite codes) are stored only as
 * their SHA-256: with 256 bits of entropy a fast hash is enough, and lookups stay indexable.
 * Thread-safe.
 */
public final class SecretTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  private SecretTokens() {}

  /**
   * A new 256-bit secret with a short prefix naming its kind (so leaked tokens are recognisable).
   */
  public static String newSecret(String prefix) {
    return prefix + "_" + randomUrlSafe(32);
  }

  /** A 128-bit random identifier, URL-safe, 22 characters. */
  public static String newId() {
    return randomUrlSafe(16);
  }

  public static String randomUrlSafe(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return URL_SAFE.encodeToString(buffer);
  }

  public static String sha256Hex(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
