package dev.atrium.identity;

import dev.atrium.platform.errors.RequestError;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of what people type: usernames, passwords, names. Pure functions. */
final class IdentityRules {
  static final int PASSWORD_LENGTH_MIN = 10;
  static final int PASSWORD_LENGTH_MAX = 256;
  static final int DISPLAY_NAME_LENGTH_MAX = 64;
  static final int DEVICE_NAME_LENGTH_MAX = 64;
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.]{3,32}");

  private IdentityRules() {}

  /** Lower-cases and checks a username; usernames are unique regardless of case. */
  static String username(String raw) {
    String normalised = raw.trim().toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(normalised).matches()) {
      throw RequestError.validation(
          "username",
          "A username has 3 to 32 characters: letters a-z, digits, underscore and dot.");
    }
    return normalised;
  }

  /**
   * The same normalisation for lookups, without revealing the rules through errors. A name with a
   * NUL names no account and becomes the empty name, which none has: PostgreSQL refuses NUL in
   * text, so the lookup would fail instead of finding nothing.
   */
  static String usernameForLookup(String raw) {
    return raw == null || raw.indexOf('\0') >= 0 ? "" : raw.trim().toLowerCase(Locale.ROOT);
  }

  static String password(String password, String field) {
    int length = password.codePointCount(0, password.length());
    if (length < PASSWORD_LENGTH_MIN) {
      throw RequestError.validation(
          field, "A password needs at least " + PASSWORD_LENGTH_MIN + " characters.");
    }
    if (length > PASSWORD_LENGTH_MAX) {
      throw RequestError.validation(
          field, "A password has at most " + PASSWORD_LENGTH_MAX + " characters.");
    }
    return password;
  }

  static String displayName(String raw) {
    return text(raw, "displayName", DISPLAY_NAME_LENGTH_MAX);
  }

  static String deviceName(String raw) {
    if (raw == null || raw.isBlank()) {
      return "Unnamed device";
    }
    return text(raw, "deviceName", DEVICE_NAME_LENGTH_MAX);
  }

  static Language language(String raw) {
    if (raw == null) {
      return Language.EN;
    }
    return Language.fromCode(raw)
        .orElseThrow(
            () -> RequestError.validation("language", "Language must be one of en, de, fr, zh."));
  }

  private static String text(String raw, String field, int lengthMax) {
    String trimmed = raw.strip();
    if (trimmed.isEmpty()) {
      throw RequestError.validation(field, "Field '" + field + "' must not be blank.");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > lengthMax) {
      throw RequestError.validation(
          field, "Field '" + field + "' has at most " + lengthMax + " characters.");
    }
    if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
      throw RequestError.validation(
          field, "Field '" + field + "' must not contain control characters.");
    }
    return trimmed;
  }
}
