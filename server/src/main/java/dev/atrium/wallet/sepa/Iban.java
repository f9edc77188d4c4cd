package dev.atrium.wallet.sepa;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;

/**
 * An International Bank Account Number checked by ISO 13616: known country, that country's length,
 * alphanumeric, and the mod-97 check digits. Stored and printed in electronic form (no spaces,
 * upper case). Immutable.
 */
public record Iban(String value) {
  /** ISO 13616 lengths of the SEPA countries and territories (SWIFT IBAN registry). */
  private static final Map<String, Integer> SEPA_LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AT", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("CH", 21),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DK", 18),
          Map.entry("EE", 20),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GI", 23),
          Map.entry("GR", 27),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("MC", 27),
          Map.entry("MT", 31),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("PL", 28),
          Map.entry("PT", 25),
          Map.entry("RO", 24),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("VA", 22));

  /** The longest IBAN of any country (ISO 13616); longer input is refused before any work. */
  static final int LENGTH_MAX = 34;

  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  public Iban {
    String why = problem(value);
    if (why != null) {
      throw new SepaError.InvalidIban("iban", why);
    }
  }

  /** Accepts the printed form too ("DE89 3704 0044 0532 0130 00", any case). */
  public static Iban parse(String text, String field) {
    if (text == null) {
      throw new SepaError.InvalidIban(field, "it is missing.");
    }
    String electronic = text.replace(" ", "").toUpperCase(Locale.ROOT);
    String why = problem(electronic);
    if (why != null) {
      throw new SepaError.InvalidIban(field, why);
    }
    return new Iban(electronic);
  }

  public static boolean isValid(String text) {
    return text != null && problem(text.replace(" ", "").toUpperCase(Locale.ROOT)) == null;
  }

  public String countryCode() {
    return value.substring(0, 2);
  }

  /** Groups of four for people to read; never for machines. */
  public String printed() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i += 4) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(value, i, Math.min(value.length(), i + 4));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return value;
  }

  /** Null when valid, else why not, in words a person can act on. */
  private static String problem(String electronic) {
    if (electronic == null || electronic.isEmpty()) {
      return "it is missing.";
    }
    if (electronic.length() > LENGTH_MAX || !electronic.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]+")) {
      return "it must be a two-letter country code, two check digits and up to 30 letters or digits.";
    }
    Integer length = SEPA_LENGTHS.get(electronic.substring(0, 2));
    if (length == null) {
      return "country " + electronic.substring(0, 2) + " is not in the SEPA area.";
    }
    if (electronic.length() != length) {
      return "an IBAN from "
          + electronic.substring(0, 2)
          + " has "
          + length
          + " characters, not "
          + electronic.length()
          + ".";
    }
    if (Mod97.remainder(electronic.substring(4) + electronic.substring(0, 4)) != 1) {
      return "the check digits do not match; check for a typing error.";
    }
    return null;
  }

  /** ISO 7064 MOD 97-10 as used by IBAN and the ISO 11649 creditor reference. */
  static final class Mod97 {
    private Mod97() {}

    /** Letters count as 10 (A) to 35 (Z); the input must be upper-case alphanumeric. */
    static int remainder(String rearranged) {
      StringBuilder digits = new StringBuilder(rearranged.length() * 2);
      for (int i = 0; i < rearranged.length(); i++) {
        digits.append(Character.digit(rearranged.charAt(i), 36));
      }
      return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
    }
  }
}
