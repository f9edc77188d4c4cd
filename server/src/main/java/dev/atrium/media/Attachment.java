package dev.atrium.media;

/**
 * An encrypted blob as stored: the server knows its size and hash, never what it holds.
 *
 * @param id the capability: 256 bits of randomness, known only to the uploader and whoever the
 *     uploader sends it to
 */
public record Attachment(
    String id,
    String uploaderAccountId,
    long sizeBytes,
    String sha256Hex,
    long createdAtMillis,
    long expiresAtMillis) {}
