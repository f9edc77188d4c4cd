package dev.atrium.media;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the attachment endpoints and of the account export's attachments section. */
final class AttachmentApi {
  private AttachmentApi() {}

  record AttachmentResponse(
      @Required
          @Description(
              "The capability: any authenticated account that holds it may download the blob.")
          String id,
      @Required long sizeBytes,
      @Required @Description("SHA-256 of the stored (encrypted) bytes, lower-case hex.")
          String sha256,
      @Required Instant createdAt,
      @Required @Description("After this the blob is deleted, downloaded or not.")
          Instant expiresAt) {

    static AttachmentResponse of(Attachment attachment) {
      return new AttachmentResponse(
          attachment.id(),
          attachment.sizeBytes(),
          attachment.sha256Hex(),
          Instant.ofEpochMilli(attachment.createdAtMillis()),
          Instant.ofEpochMilli(attachment.expiresAtMillis()));
    }
  }

  /** The export section: what the account uploaded, without contents. */
  record ExportedAttachments(
      long storedBytes, List<ExportedAttachment> attachments, boolean truncated) {
    static ExportedAttachments of(
        long storedBytes, List<Attachment> attachments, boolean truncated) {
      return new ExportedAttachments(
          storedBytes, attachments.stream().map(ExportedAttachment::of).toList(), truncated);
    }
  }

  record ExportedAttachment(String id, long sizeBytes, Instant createdAt, Instant expiresAt) {
    static ExportedAttachment of(Attachment attachment) {
      return new ExportedAttachment(
          attachment.id(),
          attachment.sizeBytes(),
          Instant.ofEpochMilli(attachment.createdAtMillis()),
          Instant.ofEpochMilli(attachment.expiresAtMillis()));
    }
  }
}
