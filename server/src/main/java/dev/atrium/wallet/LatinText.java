package dev.atrium.wallet;

import java.text.Normalizer;
import java.util.Map;

/**
 * Transliterates names to Latin letters for payment files and codes whose character sets are Latin
 * only: the SEPA basic Latin set (EPC217-08, "SEPA Requirements for an Extended Character Set") and
 * the EMVCo common character set of merchant name and city (tags 59 and 60).
 *
 * <p>Letters with diacritics lose them (Unicode canonical decomposition, then the combining marks
 * are dropped: "é" is "e", "ä" is "a" as in EPC217-08's conversion table, "Ř" is "R"). Letters that
 * do not decompose come from an explicit table ("ß" is "ss", "Ł" is "L", "Ø" is "O", "Æ" is "AE",
 * "Œ" is "OE", "Đ" is "D", "Þ" is "Th", dotless "ı" is "i"). Scripts with no transliteration in the
 * JDK (Chinese, Japanese, Cyrillic, Greek, ...) are left as they are, so that callers can see them
 * with {@link #hasLettersWithoutLatinForm} and ask for a Latin name instead of silently dropping
 * letters. Pure; thread-safe.
 */
public final class LatinText {
  /** Letters and marks that canonical decomposition leaves alone. */
  private static final Map<Integer, String> TABLE =
      Map.ofEntries(
          Map.entry((int) 'ß', "ss"),
          Map.entry((int) 'ẞ', "SS"),
          Map.entry((int) 'Æ', "AE"),
          Map.entry((int) 'æ', "ae"),
          Map.entry((int) 'Œ', "OE"),
          Map.entry((int) 'œ', "oe"),
          Map.entry((int) 'Ø', "O"),
          Map.entry((int) 'ø', "o"),
          Map.entry((int) 'Ł', "L"),
          Map.entry((int) 'ł', "l"),
          Map.entry((int) 'Đ', "D"),
          Map.entry((int) 'đ', "d"),
          Map.entry((int) 'Ð', "D"),
          Map.entry((int) 'ð', "d"),
          Map.entry((int) 'Þ', "Th"),
          Map.entry((int) 'þ', "th"),
          Map.entry((int) 'ı', "i"),
          Map.entry((int) 'ĸ', "k"),
          Map.entry((int) 'Ħ', "H"),
          Map.entry((int) 'ħ', "h"),
          Map.entry((int) 'Ŀ', "L"),
          Map.entry((int) 'ŀ', "l"),
          Map.entry((int) 'Ŧ', "T"),
          Map.entry((int) 'ŧ', "t"),
          Map.entry((int) 'Ŋ', "N"),
          Map.entry((int) 'ŋ', "n"),
          Map.entry((int) 'Ĳ', "IJ"),
          Map.entry((int) 'ĳ', "ij"),
          Map.entry((int) 'ŉ', "n"),
          Map.entry((int) 'ſ', "s"),
          Map.entry((int) 'ƒ', "f"),
          Map.entry(0x00A0, " "),
          Map.entry(0x2018, "'"),
          Map.entry(0x2019, "'"),
          Map.entry(0x201A, "'"),
          Map.entry(0x201C, "\""),
          Map.entry(0x201D, "\""),
          Map.entry(0x201E, "\""),
          Map.entry(0x2013, "-"),
          Map.entry(0x2014, "-"));

  private LatinText() {}

  /**
   * The text with every letter that has a Latin form replaced by it; other characters unchanged.
   */
  public static String transliterate(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    text.codePoints()
        .forEach(
            c -> {
              String replacement = TABLE.get(c);
              if (replacement != null) {
                out.append(replacement);
              } else if (c < 0x80) {
                out.append((char) c);
              } else {
                String decomposed =
                    Normalizer.normalize(Character.toString(c), Normalizer.Form.NFD);
                String base = decomposed.replaceAll("\\p{M}", "");
                out.append(base.isEmpty() ? decomposed : base);
              }
            });
    return out.toString();
  }

  /** Whether the text has letters that {@link #transliterate} cannot turn into Latin letters. */
  public static boolean hasLettersWithoutLatinForm(String text) {
    return transliterate(text).codePoints().anyMatch(c -> c >= 0x80 && Character.isLetter(c));
  }

  /**
   * The text in printable ASCII (the EMVCo common character set): transliterated, other characters
   * dropped, spaces collapsed, trimmed and cut to {@code lengthMax}.
   */
  public static String printableAscii(String text, int lengthMax) {
    String plain =
        transliterate(text).replaceAll("[^\\x20-\\x7E]", "").replaceAll(" {2,}", " ").strip();
    return plain.length() > lengthMax ? plain.substring(0, lengthMax).strip() : plain;
  }
}
