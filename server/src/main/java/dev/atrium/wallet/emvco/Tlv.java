package dev.atrium.wallet.emvco;

import java.util.ArrayList;
import java.util.List;

/**
 * The EMVCo QR data object format: a two-digit tag, a two-digit length and that many characters of
 * value, repeated; templates hold the same format inside their value. Pure; thread-safe.
 */
public final class Tlv {
  /** Two decimal digits of length: no value is longer. */
  public static final int VALUE_LENGTH_MAX = 99;

  /** A QR payload has at most 512 characters (EMV QRCPS 4.1), so at most this many objects. */
  static final int OBJECTS_MAX = 128;

  private Tlv() {}

  /** One data object; {@code tag} is "00" to "99". */
  public record DataObject(String tag, String value) {
    public DataObject {
      if (tag == null || !tag.matches("[0-9]{2}")) {
        throw new IllegalArgumentException("A tag is two digits: " + tag);
      }
      if (value == null || value.isEmpty() || value.length() > VALUE_LENGTH_MAX) {
        throw new IllegalArgumentException("Tag " + tag + " needs a value of 1-99 characters");
      }
    }

    public String encoded() {
      return tag + (value.length() < 10 ? "0" : "") + value.length() + value;
    }
  }

  public static String encode(List<DataObject> objects) {
    StringBuilder out = new StringBuilder();
    for (DataObject object : objects) {
      out.append(object.encoded());
    }
    return out.toString();
  }

  /**
   * Splits a payload into its objects, in order; throws {@link EmvcoFormatException} when it does
   * not fit.
   */
  public static List<DataObject> decode(String payload) {
    List<DataObject> objects = new ArrayList<>();
    int at = 0;
    while (at < payload.length()) {
      if (objects.size() >= OBJECTS_MAX) {
        throw new EmvcoFormatException("more than " + OBJECTS_MAX + " data objects");
      }
      if (at + 4 > payload.length()) {
        throw new EmvcoFormatException("a data object is cut short at position " + at);
      }
      String tag = payload.substring(at, at + 2);
      String length = payload.substring(at + 2, at + 4);
      if (!tag.matches("[0-9]{2}") || !length.matches("[0-9]{2}")) {
        throw new EmvcoFormatException("tag and length must be digits at position " + at);
      }
      int valueLength = Integer.parseInt(length);
      int end = at + 4 + valueLength;
      if (valueLength == 0 || end > payload.length()) {
        throw new EmvcoFormatException(
            "the value of tag " + tag + " does not fit its length " + valueLength);
      }
      objects.add(new DataObject(tag, payload.substring(at + 4, end)));
      at = end;
    }
    return objects;
  }
}
