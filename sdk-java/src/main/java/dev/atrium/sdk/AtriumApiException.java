package dev.atrium.sdk;

/**
 * The server refused a request; carries the error contract's stable code, the HTTP status and,
 * where the server sent them, the offending field and the Retry-After seconds.
 */
public final class AtriumApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;
  private final Long retryAfterSeconds;
  private final String correlationId;
  private final Long currentEpoch;

  public AtriumApiException(
      int status,
      String code,
      String message,
      String field,
      Long retryAfterSeconds,
      String correlationId) {
    this(status, code, message, field, retryAfterSeconds, correlationId, null);
  }

  public AtriumApiException(
      int status,
      String code,
      String message,
      String field,
      Long retryAfterSeconds,
      String correlationId,
      Long currentEpoch) {
    super(status + " " + code + ": " + message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
    this.correlationId = correlationId;
    this.currentEpoch = currentEpoch;
  }

  /** For epoch_conflict: the group's current epoch, which the winning commit produced. */
  public Long currentEpoch() {
    return currentEpoch;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The field the server blamed, or null. */
  public String field() {
    return field;
  }

  /** Seconds to wait before retrying, from the Retry-After header, or null. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public String correlationId() {
    return correlationId;
  }
}
