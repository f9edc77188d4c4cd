package dev.atrium.media;

import dev.atrium.platform.errors.OperatingError;
import java.util.Map;

/** The ways an attachment operation can be refused; each has a stable code. */
public abstract sealed class AttachmentError extends OperatingError {
  private AttachmentError(int status, String code, String message) {
    super(status, code, message);
  }

  static final class TooLarge extends AttachmentError {
    private final long limitBytes;

    TooLarge(long limitBytes) {
      super(413, "attachment_too_large", "An attachment has at most " + limitBytes + " bytes.");
      this.limitBytes = limitBytes;
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("limitBytes", limitBytes);
    }
  }

  static final class QuotaExceeded extends AttachmentError {
    private final long limitBytes;

    QuotaExceeded(long limitBytes) {
      super(
          409,
          "attachment_quota_exceeded",
          "This account already stores close to "
              + limitBytes
              + " bytes of attachments; delete some or wait until they expire.");
      this.limitBytes = limitBytes;
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("limitBytes", limitBytes);
    }
  }

  /**
   * Unknown, expired, malformed, or (for deletion) someone else's: the caller cannot tell which.
   */
  static final class NotFound extends AttachmentError {
    NotFound() {
      super(404, "not_found", "No such attachment, or it expired.");
    }
  }

  static final class Empty extends AttachmentError {
    Empty() {
      super(422, "attachment_empty", "An attachment has at least one byte.");
    }
  }

  /** The client stopped sending (or sent a broken chunked body) before the upload was complete. */
  static final class UploadIncomplete extends AttachmentError {
    UploadIncomplete() {
      super(400, "upload_incomplete", "The upload ended before its body was complete.");
    }
  }

  static final class RangeNotSatisfiable extends AttachmentError {
    private final long sizeBytes;

    RangeNotSatisfiable(long sizeBytes) {
      super(
          416,
          "range_not_satisfiable",
          "The requested range lies outside the attachment's " + sizeBytes + " bytes.");
      this.sizeBytes = sizeBytes;
    }

    @Override
    public Map<String, String> headers() {
      return Map.of("Content-Range", "bytes */" + sizeBytes);
    }
  }
}
