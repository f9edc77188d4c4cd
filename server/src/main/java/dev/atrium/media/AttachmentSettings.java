package dev.atrium.media;

/**
 * Operator settings of attachments; how long they are kept is the shared
 * {@link dev.atrium.platform.limits.RetentionSettings}.
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
}
