package dev.atrium.miniapps;

import dev.atrium.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudonymous id ({@code openId}) an app knows a user by: {@code ou_} + base32 of the first
 * 160 bits of HMAC-SHA256(server key, accountId ‖ 0x00 ‖ appId). Stable for the pair; without the
 * server key, two apps cannot tell whether their users are the same person (there is no unionid).
 * The key is 32 random bytes created by the first node that needs it and shared through the
 * database. Thread-safe.
 */
final class Pseudonyms {
  static final String PREFIX = "ou_";
  private static final int KEY_BYTES = 32;
  private static final int ID_BYTES = 20;
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database database;
  private final MiniAppUsersStore store;
  private final Clock clock;
  private volatile SecretKeySpec key;

  Pseudonyms(Database database, MiniAppUsersStore store, Clock clock) {
    this.database = database;
    this.store = store;
    this.clock = clock;
  }

  /** The account's openId for the app. */
  String openId(String accountId, String appId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key());
      mac.update(accountId.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      byte[] digest = mac.doFinal(appId.getBytes(StandardCharsets.UTF_8));
      return PREFIX + base32(digest, ID_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  /** Whether {@code text} has the shape of an openId, checked before any lookup. */
  static boolean looksLikeOpenId(String text) {
    return text != null && text.matches("ou_[a-z2-7]{32}");
  }

  private SecretKeySpec key() {
    SecretKeySpec current = key;
    if (current == null) {
      current = new SecretKeySpec(Base64.getDecoder().decode(loadOrCreate()), "HmacSHA256");
      key = current;
    }
    return current;
  }

  /** Another node may store its key first; every node then reads back the one stored. */
  private String loadOrCreate() {
    return database.inTransaction(
        handle -> {
          if (store.pseudonymKey(handle).isEmpty()) {
            byte[] fresh = new byte[KEY_BYTES];
            RANDOM.nextBytes(fresh);
            store.insertPseudonymKeyIfAbsent(
                handle, Base64.getEncoder().encodeToString(fresh), clock.millis());
          }
          return store.pseudonymKey(handle).orElseThrow();
        });
  }

  private static String base32(byte[] bytes, int length) {
    StringBuilder out = new StringBuilder();
    long bits = 0;
    int count = 0;
    for (int i = 0; i < length; i++) {
      bits = (bits << 8) | (bytes[i] & 0xff);
      count += 8;
      while (count >= 5) {
        out.append(BASE32[(int) (bits >>> (count - 5)) & 31]);
        count -= 5;
      }
    }
    return out.toString();
  }
}
