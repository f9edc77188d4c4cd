package dev.atrium.media;

import dev.atrium.platform.security.SecretTokens;
import java.util.regex.Pattern;

/**
 * Attachment ids: a 256-bit random secret, since whoever holds the id may download the blob. Ids
 * are checked against a strict pattern before they touch the database or the filesystem, so a path
 * parameter can never name a file outside the blob directory. Pure functions.
 */
final class AttachmentIds {
  static final String PREFIX = "att";

  /** "att_" and 32 random bytes in unpadded URL-safe base64. */
  private static final Pattern WELL_FORMED = Pattern.compile("att_[A-Za-z0-9_-]{43}");

  private AttachmentIds() {}

  static String newId() {
    return SecretTokens.newSecret(PREFIX);
  }

  static boolean isWellFormed(String id) {
    return id != null && id.length() == 47 && WELL_FORMED.matcher(id).matches();
  }

  /**
   * Two characters of the random part name the subdirectory, so no directory grows past 64² = 4096
   * ways.
   */
  static String shard(String id) {
    return id.substring(PREFIX.length() + 1, PREFIX.length() + 3);
  }
}
