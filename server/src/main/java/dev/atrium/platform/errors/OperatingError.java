package dev.atrium.platform.errors;

import java.util.Map;

/**
 * A failure the caller can act on (bad input, a conflict, a missing thing), as opposed to a bug.
 *
 * <p>Each feature declares its own sealed subclass hierarchy; {@link ErrorResponses} turns any of
 * them into the error contract. Operating errors are expected, so they carry no stack trace.
 */
public abstract class OperatingError extends RuntimeException {
  private final int status;
  private final String code;

  protected OperatingError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  /** A stable snake_case code clients can switch on; the message is for humans and may change. */
  public String code() {
    return code;
  }

  /** Extra machine-readable fields added next to code and message, such as the offending field. */
  public Map<String, Object> details() {
    return Map.of();
  }

  /** Response headers that go with this error, such as Retry-After. */
  public Map<String, String> headers() {
    return Map.of();
  }
}
