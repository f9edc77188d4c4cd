package dev.atrium.messaging;

import dev.atrium.messaging.groups.MessagingError;
import dev.atrium.platform.errors.RequestError;
import java.util.Base64;

/** Base64 for binary fields of JSON, with failures reported as a 400 that names the field. */
final class Base64s {
  private Base64s() {}

  static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] decode(String text, String field, int bytesMax) {
    if (text == null) {
      throw RequestError.missingField(field);
    }
    // Base64 grows by 4/3; reject before decoding what cannot fit.
    if (text.length() > (bytesMax / 3 + 1) * 4 + 4) {
      throw new MessagingError.CiphertextTooLarge(field, bytesMax);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw RequestError.invalidType(field, "base64");
    }
    if (bytes.length > bytesMax) {
      throw new MessagingError.CiphertextTooLarge(field, bytesMax);
    }
    if (bytes.length == 0) {
      throw RequestError.validation(field, "Field '" + field + "' must not be empty.");
    }
    return bytes;
  }
}
