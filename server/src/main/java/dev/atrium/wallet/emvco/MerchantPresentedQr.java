package dev.atrium.wallet.emvco;

import dev.atrium.wallet.LatinText;
import dev.atrium.wallet.emvco.Tlv.DataObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An EMVCo Merchant-Presented Mode QR code (EMV QRCPS-MPM 1.1) for paying an Atrium merchant. Our
 * payload sits in one merchant account information template (tag 26 by default) whose globally
 * unique identifier is {@link #GLOBALLY_UNIQUE_ID}: sub-tag 01 is the merchant id and sub-tag 02
 * the order reference of a dynamic code. Currency is always 978 (euro). Immutable.
 *
 * @param amountCents fixed amount of a dynamic code; null for a static code (the payer types it)
 * @param orderReference the dynamic code's order, so it can be paid once; null for static codes
 * @param billNumber additional data (tag 62, sub-tag 01) for the payer's receipt; may be null
 */
public record MerchantPresentedQr(
    PointOfInitiation pointOfInitiation,
    String merchantId,
    String orderReference,
    String merchantCategoryCode,
    Long amountCents,
    String countryCode,
    String merchantName,
    String merchantCity,
    String billNumber) {
  /** A reverse domain name is one of the identifier forms EMVCo allows in sub-tag 00. */
  public static final String GLOBALLY_UNIQUE_ID = "dev.atrium";

  public static final String CURRENCY_EURO = "978";
  static final String TEMPLATE_TAG = "26";
  public static final int NAME_LENGTH_MAX = 25;
  public static final int CITY_LENGTH_MAX = 15;
  static final int REFERENCE_LENGTH_MAX = 25;

  /** Tag 54 holds at most 13 characters: "9999999999.99". */
  static final long AMOUNT_CENTS_MAX = 999_999_999_999L;

  /** EMV QRCPS: a payload has at most 512 characters. */
  static final int PAYLOAD_LENGTH_MAX = 512;

  /** Tag 01: "11" a code shown for many payments, "12" a code for one payment. */
  public enum PointOfInitiation {
    STATIC("11"),
    DYNAMIC("12");

    final String code;

    PointOfInitiation(String code) {
      this.code = code;
    }
  }

  public MerchantPresentedQr {
    require(pointOfInitiation != null, "the point of initiation is required");
    require(isIdentifier(merchantId), "the merchant id must be 1-25 letters, digits or -_.");
    require(
        orderReference == null || isIdentifier(orderReference),
        "the order reference must be 1-25 letters, digits or -_.");
    require(
        merchantCategoryCode != null && merchantCategoryCode.matches("[0-9]{4}"),
        "the MCC is four digits");
    require(
        amountCents == null || (amountCents > 0 && amountCents <= AMOUNT_CENTS_MAX),
        "the amount is out of range");
    require(
        countryCode != null && countryCode.matches("[A-Z]{2}"),
        "the country is an ISO 3166 alpha-2 code");
    require(
        isPrintable(merchantName, NAME_LENGTH_MAX),
        "the merchant name is 1-25 printable ASCII characters");
    require(
        isPrintable(merchantCity, CITY_LENGTH_MAX),
        "the merchant city is 1-15 printable ASCII characters");
    require(
        billNumber == null || isPrintable(billNumber, REFERENCE_LENGTH_MAX),
        "the bill number is 1-25 characters");
    require(
        pointOfInitiation == PointOfInitiation.STATIC || amountCents != null,
        "a dynamic code has an amount");
  }

  /** The payload to put in the QR code, ending with tag 63 and its CRC. */
  public String encode() {
    List<DataObject> objects = new ArrayList<>();
    objects.add(new DataObject("00", "01"));
    objects.add(new DataObject("01", pointOfInitiation.code));
    List<DataObject> account = new ArrayList<>();
    account.add(new DataObject("00", GLOBALLY_UNIQUE_ID));
    account.add(new DataObject("01", merchantId));
    if (orderReference != null) {
      account.add(new DataObject("02", orderReference));
    }
    objects.add(new DataObject(TEMPLATE_TAG, Tlv.encode(account)));
    objects.add(new DataObject("52", merchantCategoryCode));
    objects.add(new DataObject("53", CURRENCY_EURO));
    if (amountCents != null) {
      objects.add(new DataObject("54", amount(amountCents)));
    }
    objects.add(new DataObject("58", countryCode));
    objects.add(new DataObject("59", merchantName));
    objects.add(new DataObject("60", merchantCity));
    if (billNumber != null) {
      objects.add(new DataObject("62", new DataObject("01", billNumber).encoded()));
    }
    String withoutCrc = Tlv.encode(objects) + "6304";
    return withoutCrc + Crc16Ccitt.hex(withoutCrc.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a payload that carries an Atrium merchant account template; foreign templates (card
   * schemes, other wallets) in the same code are ignored. Checks the CRC first.
   */
  public static MerchantPresentedQr decode(String payload) {
    List<DataObject> objects = verified(payload);
    require(
        objects.getFirst().tag().equals("00") && objects.getFirst().value().equals("01"),
        "tag 00 must come first with payload format 01");
    DataObject ours =
        objects.stream()
            .filter(object -> isAccountTemplate(object.tag()) && isOurs(object.value()))
            .findFirst()
            .orElseThrow(
                () ->
                    new EmvcoFormatException(
                        "it has no " + GLOBALLY_UNIQUE_ID + " merchant account"));
    List<DataObject> account = Tlv.decode(ours.value());
    String initiation = value(objects, "01");
    String billNumber = null;
    String additional = value(objects, "62");
    if (additional != null) {
      billNumber = value(Tlv.decode(additional), "01");
    }
    require(CURRENCY_EURO.equals(value(objects, "53")), "the currency must be 978 (euro)");
    try {
      return new MerchantPresentedQr(
          "12".equals(initiation) ? PointOfInitiation.DYNAMIC : PointOfInitiation.STATIC,
          value(account, "01"),
          value(account, "02"),
          value(objects, "52"),
          parseAmount(value(objects, "54")),
          value(objects, "58"),
          value(objects, "59"),
          value(objects, "60"),
          billNumber);
    } catch (EmvcoFormatException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new EmvcoFormatException(e.getMessage());
    }
  }

  /**
   * Splits any EMVCo payload into its top-level objects after checking its length and that it ends
   * with tag 63 holding the CRC of everything before the CRC value.
   */
  public static List<DataObject> verified(String payload) {
    require(
        payload != null && payload.length() <= PAYLOAD_LENGTH_MAX && payload.length() >= 8,
        "the payload must be 8-512 characters");
    List<DataObject> objects = Tlv.decode(payload);
    DataObject last = objects.getLast();
    require(
        last.tag().equals("63") && last.value().length() == 4,
        "it must end with tag 63 and a four-digit CRC");
    String covered = payload.substring(0, payload.length() - 4);
    String expected = Crc16Ccitt.hex(covered.getBytes(StandardCharsets.UTF_8));
    require(
        expected.equals(last.value().toUpperCase(Locale.ROOT)),
        "the CRC does not match; the code is damaged");
    return objects;
  }

  /**
   * Turns any text into a merchant name or city in the EMVCo common character set (printable
   * ASCII): transliterated by {@link LatinText}, cut to length. Letters without a Latin form are
   * dropped here; callers that must not lose them check {@link
   * LatinText#hasLettersWithoutLatinForm}.
   */
  public static String printable(String text, int lengthMax) {
    return LatinText.printableAscii(text, lengthMax);
  }

  static String amount(long cents) {
    return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
  }

  private static Long parseAmount(String text) {
    if (text == null) {
      return null;
    }
    require(
        text.matches("[0-9]{1,10}(\\.[0-9]{1,2})?"),
        "the amount must be digits with at most two decimals");
    return new java.math.BigDecimal(text).movePointRight(2).longValueExact();
  }

  private static boolean isAccountTemplate(String tag) {
    int number = Integer.parseInt(tag);
    return number >= 26 && number <= 51;
  }

  private static boolean isOurs(String templateValue) {
    try {
      return GLOBALLY_UNIQUE_ID.equalsIgnoreCase(value(Tlv.decode(templateValue), "00"));
    } catch (EmvcoFormatException e) {
      return false;
    }
  }

  private static String value(List<DataObject> objects, String tag) {
    for (DataObject object : objects) {
      if (object.tag().equals(tag)) {
        return object.value();
      }
    }
    return null;
  }

  private static boolean isIdentifier(String text) {
    return text != null && text.matches("[A-Za-z0-9._-]{1," + REFERENCE_LENGTH_MAX + "}");
  }

  private static boolean isPrintable(String text, int lengthMax) {
    return text != null
        && !text.isBlank()
        && text.length() <= lengthMax
        && text.matches("[\\x20-\\x7E]+");
  }

  private static void require(boolean condition, String why) {
    if (!condition) {
      throw new EmvcoFormatException(why);
    }
  }
}
