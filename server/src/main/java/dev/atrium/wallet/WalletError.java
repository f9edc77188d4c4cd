package dev.atrium.wallet;

import dev.atrium.platform.errors.OperatingError;
import java.util.Map;

/**
 * The ways a wallet operation is refused, one stable code each (the ledger's own refusals,
 * such as {@code insufficient_funds}, come as {@link dev.atrium.wallet.ledger.LedgerError}).
 * Other wallet features (SEPA, merchants) use these reasons too.
 */
public final class WalletError extends OperatingError {
  /** Why; the code clients switch on and the HTTP status. */
  public enum Reason {
    PIN_NOT_SET(409, "pin_not_set", "Set a payment PIN first."),
    PIN_ALREADY_SET(409, "pin_already_set", "A payment PIN is set; change it with the current PIN or your password."),
    PIN_WRONG(403, "pin_wrong", "The payment PIN is wrong."),
    PIN_LOCKED(423, "pin_locked", "Too many wrong PINs; outgoing payments are locked for a while."),
    PIN_INVALID(422, "pin_invalid", "A payment PIN is exactly 6 digits."),
    LIMIT_EXCEEDED(422, "limit_exceeded", "This payment is above your limit."),
    AMOUNT_INVALID(422, "amount_invalid", "The amount is not valid."),
    IDEMPOTENCY_KEY_REQUIRED(400, "idempotency_key_required",
        "Money-moving requests need an Idempotency-Key header (1-100 characters: letters, digits, - _ . :)."),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused",
        "This Idempotency-Key was used for a different request."),
    IDEMPOTENCY_IN_PROGRESS(409, "idempotency_in_progress",
        "A request with this Idempotency-Key is still running; retry after Retry-After seconds for its result."),
    SANDBOX_DISABLED(403, "sandbox_disabled", "Sandbox top-ups are switched off on this server."),
    NOT_FOUND(404, "not_found", "No such payment."),
    NOT_ALLOWED(403, "not_allowed", "You cannot do this with this payment."),
    EXPIRED(410, "expired", "This payment expired; the money went back to the sender."),
    ALREADY_RESOLVED(409, "already_resolved", "This transfer was already accepted, declined or refunded."),
    ALREADY_CLAIMED(409, "already_claimed", "You already claimed this red packet."),
    RED_PACKET_EMPTY(409, "red_packet_empty", "Every share of this red packet was claimed."),
    BALANCE_NOT_ZERO(409, "wallet_balance_not_zero",
        "Your wallet still holds money; withdraw or spend it before deleting the account.");

    private final int status;
    private final String code;
    private final String message;

    Reason(int status, String code, String message) {
      this.status = status;
      this.code = code;
      this.message = message;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;
  private final transient Map<String, Object> details;
  private final transient Map<String, String> headers;

  private WalletError(Reason reason, String message, Map<String, Object> details, Map<String, String> headers) {
    super(reason.status, reason.code, message);
    this.reason = reason;
    this.details = details;
    this.headers = headers;
  }

  public static WalletError of(Reason reason) {
    return new WalletError(reason, reason.message, Map.of(), Map.of());
  }

  public static WalletError of(Reason reason, String message) {
    return new WalletError(reason, message, Map.of(), Map.of());
  }

  /** A wrong PIN, saying how many tries are left before the lock. */
  public static WalletError pinWrong(int triesLeft) {
    return new WalletError(Reason.PIN_WRONG, Reason.PIN_WRONG.message, Map.of("triesLeft", triesLeft), Map.of());
  }

  /** Locked outgoing payments, with Retry-After in seconds. */
  public static WalletError pinLocked(long retryAfterSeconds) {
    long seconds = Math.max(1, retryAfterSeconds);
    return new WalletError(Reason.PIN_LOCKED, Reason.PIN_LOCKED.message, Map.of("retryAfterSeconds", seconds),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /** The same Idempotency-Key is being processed right now, with Retry-After in seconds. */
  public static WalletError idempotencyInProgress(long retryAfterSeconds) {
    return new WalletError(Reason.IDEMPOTENCY_IN_PROGRESS, Reason.IDEMPOTENCY_IN_PROGRESS.message,
        Map.of("retryAfterSeconds", retryAfterSeconds), Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  /** A limit, naming which one and how many cents are still allowed. */
  public static WalletError limitExceeded(String limit, long limitCents, long remainingCents) {
    return new WalletError(Reason.LIMIT_EXCEEDED, "This payment is above your " + limit + " limit.",
        Map.of("limit", limit, "limitCents", limitCents, "remainingCents", remainingCents), Map.of());
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public Map<String, Object> details() {
    return details;
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }
}
