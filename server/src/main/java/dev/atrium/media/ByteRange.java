package dev.atrium.media;

import java.util.Locale;
import java.util.Optional;

/**
 * One satisfiable byte range of a download (RFC 9110, section 14), inclusive at both ends, so a
 * client can resume a large download where it broke off. Pure functions.
 */
record ByteRange(long firstByte, long lastByte) {
  private static final int HEADER_LENGTH_MAX = 100;

  long lengthBytes() {
    return lastByte - firstByte + 1;
  }

  String contentRange(long sizeBytes) {
    return "bytes " + firstByte + "-" + lastByte + "/" + sizeBytes;
  }

  /**
   * The range a {@code Range} header asks for within {@code sizeBytes}; empty when the whole
   * content should be sent. Headers the server may ignore are ignored rather than refused, as the
   * RFC allows: malformed ones, other units, and several ranges at once (which no resuming client
   * needs). A well-formed range that starts past the end is refused with 416.
   */
  static Optional<ByteRange> parse(String header, long sizeBytes) {
    if (header == null || header.length() > HEADER_LENGTH_MAX) {
      return Optional.empty();
    }
    String trimmed = header.trim();
    if (!trimmed.toLowerCase(Locale.ROOT).startsWith("bytes=") || trimmed.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = trimmed.substring("bytes=".length());
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String firstText = spec.substring(0, dash).trim();
    String lastText = spec.substring(dash + 1).trim();
    if (!isNumberOrEmpty(firstText)
        || !isNumberOrEmpty(lastText)
        || (firstText.isEmpty() && lastText.isEmpty())) {
      return Optional.empty();
    }
    if (firstText.isEmpty()) {
      return suffix(Long.parseLong(lastText), sizeBytes);
    }
    long first = Long.parseLong(firstText);
    long last = lastText.isEmpty() ? Long.MAX_VALUE : Long.parseLong(lastText);
    if (last < first) {
      return Optional.empty();
    }
    if (first >= sizeBytes) {
      throw new AttachmentError.RangeNotSatisfiable(sizeBytes);
    }
    return Optional.of(new ByteRange(first, Math.min(last, sizeBytes - 1)));
  }

  /** "bytes=-500": the last 500 bytes, or everything when the content is shorter. */
  private static Optional<ByteRange> suffix(long suffixBytes, long sizeBytes) {
    if (suffixBytes == 0 || sizeBytes == 0) {
      throw new AttachmentError.RangeNotSatisfiable(sizeBytes);
    }
    return Optional.of(new ByteRange(Math.max(0, sizeBytes - suffixBytes), sizeBytes - 1));
  }

  /** Digits only, short enough for a long; anything else makes the caller ignore the header. */
  private static boolean isNumberOrEmpty(String text) {
    return text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
