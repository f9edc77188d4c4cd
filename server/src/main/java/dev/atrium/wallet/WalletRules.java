package dev.atrium.wallet;

import dev.atrium.platform.errors.RequestError;

/** Checks of wallet input that need no state. Pure. */
final class WalletRules {
  static final int MEMO_CHARS_MAX = 200;

  private WalletRules() {}

  /** A memo is optional, at most 200 characters, without control characters. */
  static void memo(String memo) {
    if (memo == null) {
      return;
    }
    if (memo.isEmpty()
        || memo.length() > MEMO_CHARS_MAX
        || memo.chars().anyMatch(Character::isISOControl)) {
      throw RequestError.validation(
          "memo", "A memo has 1 to " + MEMO_CHARS_MAX + " characters, no line breaks.");
    }
  }

  /** An id from a path or body: short, URL-safe; anything else cannot exist. */
  static boolean plausibleId(String id) {
    return id != null && id.length() <= 100 && id.matches("[A-Za-z0-9_.:-]+");
  }
}
