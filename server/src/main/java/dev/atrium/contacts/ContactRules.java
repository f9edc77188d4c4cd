package dev.atrium.contacts;

import dev.atrium.platform.errors.RequestError;
import java.util.regex.Pattern;

/** Validation of what people send: request notes, cursors, tokens. Pure functions. */
final class ContactRules {
  static final int NOTE_LENGTH_MAX = 280;

  /** Account ids and tokens are URL-safe base64; anything else cannot name a row. */
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private ContactRules() {}

  /** The note, stripped; null when absent or blank. */
  static String note(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String note = raw.strip();
    if (note.codePointCount(0, note.length()) > NOTE_LENGTH_MAX) {
      throw RequestError.validation(
          "note", "A note has at most " + NOTE_LENGTH_MAX + " characters.");
    }
    if (note.codePoints().anyMatch(Character::isISOControl)) {
      throw RequestError.validation(
          "note", "A note must not contain control characters or line breaks.");
    }
    return note;
  }

  static boolean isIdentifier(String text) {
    return text != null && IDENTIFIER.matcher(text).matches();
  }

  /** An account-id cursor ("after") from a query parameter; empty when absent. */
  static String accountCursor(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    if (!isIdentifier(raw)) {
      throw RequestError.invalidParameter("after", "must be a cursor from a previous page.");
    }
    return raw;
  }
}
