package dev.atrium.wallet.sepa;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO 11649 structured creditor reference ("RF" + two check digits + up to 21 letters or
 * digits). We give each user one for top-ups: banks carry it unchanged in the structured remittance
 * field, and its check digits let us tell a typing error from another user's reference. Immutable.
 */
record CreditorReference(String value) {
  static final int BODY_LENGTH_MAX = 21;
  private static final Pattern SHAPE = Pattern.compile("RF[0-9]{2}[A-Z0-9]{1,21}");

  public CreditorReference {
    if (value == null || !SHAPE.matcher(value).matches() || !checks(value)) {
      throw new IllegalArgumentException("Not an ISO 11649 creditor reference: " + value);
    }
  }

  /** Adds "RF" and the check digits to a body of 1 to 21 upper-case letters or digits. */
  public static CreditorReference of(String body) {
    if (body == null || !body.matches("[A-Z0-9]{1," + BODY_LENGTH_MAX + "}")) {
      throw new IllegalArgumentException(
          "A creditor reference body is 1-21 upper-case letters or digits");
    }
    int check = 98 - Iban.Mod97.remainder(body + "RF00");
    return new CreditorReference("RF" + (check < 10 ? "0" : "") + check + body);
  }

  /**
   * The reference in {@code text} if it is exactly one (spaces and case ignored) with valid check
   * digits.
   */
  public static Optional<CreditorReference> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String electronic = text.replace(" ", "").toUpperCase(Locale.ROOT);
    if (!SHAPE.matcher(electronic).matches() || !checks(electronic)) {
      return Optional.empty();
    }
    return Optional.of(new CreditorReference(electronic));
  }

  /**
   * The first valid reference with a body of exactly {@code bodyLength} characters written anywhere
   * in free text, such as "Top-up RF71 SB6Y ..." in an unstructured remittance field. Spaces are
   * ignored, since banking apps and people group references in fours.
   */
  public static Optional<CreditorReference> find(String text, int bodyLength) {
    if (text == null || bodyLength < 1 || bodyLength > BODY_LENGTH_MAX) {
      return Optional.empty();
    }
    String joined = text.replace(" ", "").toUpperCase(Locale.ROOT);
    Matcher matcher = Pattern.compile("RF[0-9]{2}[A-Z0-9]{" + bodyLength + "}").matcher(joined);
    int from = 0;
    while (from < joined.length() && matcher.find(from)) {
      Optional<CreditorReference> found = parse(matcher.group());
      if (found.isPresent()) {
        return found;
      }
      from = matcher.start() + 1;
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }

  private static boolean checks(String electronic) {
    return Iban.Mod97.remainder(electronic.substring(4) + electronic.substring(0, 4)) == 1;
  }
}
