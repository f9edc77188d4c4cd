package dev.atrium.provider;

/**
 * The Atrium server refused a provider request, or could not be reached. {@link #code()} is the
 * server's stable error code ({@code order_already_paid}, {@code refund_exceeds_paid}, {@code
 * miniapp_not_approved}...), so callers branch on it rather than on the message; {@link #status()}
 * is the HTTP status, 0 when no answer came.
 */
public final class AtriumProviderException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The code when no answer (or no error body) came from the server. */
  public static final String UNREACHABLE = "unreachable";

  private final int status;
  private final String code;

  AtriumProviderException(int status, String code, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
