package dev.atrium.provider;

/**
 * A webhook request that must not be trusted: its signature, its timestamp or its body is wrong.
 * Answer such a request with 400 and do not act on it.
 */
public final class WebhookSignatureException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the request was refused, for logs and tests. */
  public enum Reason {
    /** The signature header (or a timestamp) is missing or not in the expected form. */
    MALFORMED_HEADER,
    /** The signed timestamp is further from now than the tolerance: a replay, or a wrong clock. */
    TIMESTAMP_OUT_OF_TOLERANCE,
    /** No {@code v1} signature matches any of the secrets: tampered, or signed with another key. */
    NO_MATCHING_SIGNATURE,
    /** The signature matched but the body is not an Atrium event. */
    MALFORMED_PAYLOAD
  }

  private final Reason reason;

  WebhookSignatureException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
