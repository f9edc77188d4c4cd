package dev.atrium.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A stored encrypted blob. The id is the capability to download it: send it, with the key that
 * decrypts the blob, inside an end-to-end encrypted message.
 *
 * @param sha256 SHA-256 of the stored bytes, lower-case hex
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Attachment(
    String id, long sizeBytes, String sha256, Instant createdAt, Instant expiresAt) {}
