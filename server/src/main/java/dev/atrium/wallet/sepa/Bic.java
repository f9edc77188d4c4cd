package dev.atrium.wallet.sepa;

import java.util.Locale;

/**
 * A Business Identifier Code (ISO 9362): four letters for the institution, a two-letter country,
 * two characters for the location and an optional three for the branch. Only the shape can be
 * checked; there is no check digit. Immutable.
 */
public record Bic(String value) {
  private static final String SHAPE = "[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?";

  public Bic {
    if (value == null || !value.matches(SHAPE)) {
      throw new SepaError.InvalidBic("bic", "it must be 8 or 11 characters such as COBADEFFXXX.");
    }
  }

  public static Bic parse(String text, String field) {
    String normal = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    if (!normal.matches(SHAPE)) {
      throw new SepaError.InvalidBic(field, "it must be 8 or 11 characters such as COBADEFFXXX.");
    }
    return new Bic(normal);
  }

  public static boolean isValid(String text) {
    return text != null && text.matches(SHAPE);
  }

  @Override
  public String toString() {
    return value;
  }
}
