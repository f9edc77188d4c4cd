package dev.atrium.delivery;

import java.util.Locale;
import java.util.Optional;

/** The MLS message types the server relays (RFC 9420 §6): it routes them, never reads them. */
public enum EnvelopeKind {
  APPLICATION,
  PROPOSAL,
  COMMIT;

  public static Optional<EnvelopeKind> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
