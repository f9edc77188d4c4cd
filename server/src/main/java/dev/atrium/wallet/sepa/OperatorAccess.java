package dev.atrium.wallet.sepa;

import dev.atrium.platform.security.SecretTokens;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The check of the admin HTTP routes: the caller sends the operator token as a bearer token and its
 * SHA-256 must equal the configured admin.tokenSha256. Without a configured hash every call is
 * refused. Thread-safe.
 */
public final class OperatorAccess {
  private static final int HEADER_CHARS_MAX = 512;
  private final String tokenSha256;

  public OperatorAccess(String tokenSha256) {
    this.tokenSha256 = tokenSha256;
  }

  /** Throws 401 operator_token_required unless the request carries the operator token. */
  public void require(Context ctx) {
    String header = ctx.header("Authorization");
    if (tokenSha256 == null
        || header == null
        || header.length() > HEADER_CHARS_MAX
        || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new SepaError.OperatorOnly();
    }
    String presented = SecretTokens.sha256Hex(header.substring(7).trim());
    // Constant time, so the comparison does not leak how much of the hash matched.
    if (!MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.US_ASCII),
        tokenSha256.getBytes(StandardCharsets.US_ASCII))) {
      throw new SepaError.OperatorOnly();
    }
  }
}
