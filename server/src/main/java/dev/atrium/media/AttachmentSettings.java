package dev.atrium.media;

import dev.atrium.platform.config.ConfigTree;

/**
 * Operator settings of attachments; how long they are kept is the shared {@link
 * dev.atrium.platform.limits.RetentionSettings}.
 *
 * @param attachmentBytesMax the largest single upload
 * @param storedBytesPerAccountMax what one account may have stored at once, summed over its uploads
 */
public record AttachmentSettings(long attachmentBytesMax, long storedBytesPerAccountMax) {
  public AttachmentSettings {
    if (attachmentBytesMax < 1) {
      throw new IllegalArgumentException("attachmentBytesMax must be positive");
    }
    if (storedBytesPerAccountMax < 1) {
      throw new IllegalArgumentException("storedBytesPerAccountMax must be positive");
    }
  }

  /** Reads the {@code media.*} settings. */
  public static AttachmentSettings read(ConfigTree config) {
    return new AttachmentSettings(
        config.longInteger(
            "media.attachmentBytesMax",
            "ATRIUM_ATTACHMENT_BYTES_MAX",
            104_857_600L,
            1024,
            1L << 40),
        config.longInteger(
            "media.storedBytesPerAccountMax",
            "ATRIUM_ATTACHMENT_STORED_BYTES_PER_ACCOUNT_MAX",
            2_147_483_648L,
            1024,
            1L << 50));
  }
}
