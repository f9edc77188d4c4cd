package dev.atrium.wallet;

import dev.atrium.platform.errors.OperatingError;
import java.util.Map;

/**
 * The ways a wallet operation is refused, one stable code each (the ledger's own refusals, such as
 * {@code insufficient_funds}, come as {@link dev.atrium.wallet.ledger.LedgerError}). Other wallet
 * features (SEPA, merchants) meet them through {@link Payments}.
 */
public abstract sealed class WalletError extends OperatingError {
  private WalletError(int status, String code, String message) {
    super(status, code, message);
  }

  static final class PinNotSet extends WalletError {
    PinNotSet() {
      super(409, "pin_not_set", "Set a payment PIN first.");
    }
  }

  static final class PinAlreadySet extends WalletError {
    PinAlreadySet() {
      super(
          409,
          "pin_already_set",
          "A payment PIN is set; change it with the current PIN or your password.");
    }
  }

  /** A wrong PIN, saying how many tries are left before the lock. */
  static final class PinWrong extends WalletError {
    private final int triesLeft;

    PinWrong(int triesLeft) {
      super(403, "pin_wrong", "The payment PIN is wrong.");
      this.triesLeft = triesLeft;
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("triesLeft", triesLeft);
    }
  }

  /**
   * Outgoing payments locked after too many wrong PINs, with Retry-After in seconds (at least 1).
   */
  static final class PinLocked extends WalletError {
    private final long retryAfterSeconds;

    PinLocked(long retryAfterSeconds) {
      super(423, "pin_locked", "Too many wrong PINs; outgoing payments are locked for a while.");
      this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("retryAfterSeconds", retryAfterSeconds);
    }

    @Override
    public Map<String, String> headers() {
      return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
  }

  static final class PinInvalid extends WalletError {
    PinInvalid() {
      super(422, "pin_invalid", "A payment PIN is exactly 6 digits.");
    }
  }

  /** A limit, naming which one ("per-payment", "daily") and how many cents are still allowed. */
  static final class LimitExceeded extends WalletError {
    private final String limit;
    private final long limitCents;
    private final long remainingCents;

    LimitExceeded(String limit, long limitCents, long remainingCents) {
      super(422, "limit_exceeded", "This payment is above your " + limit + " limit.");
      this.limit = limit;
      this.limitCents = limitCents;
      this.remainingCents = remainingCents;
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("limit", limit, "limitCents", limitCents, "remainingCents", remainingCents);
    }
  }

  static final class AmountInvalid extends WalletError {
    AmountInvalid(String why) {
      super(422, "amount_invalid", why);
    }
  }

  static final class IdempotencyKeyRequired extends WalletError {
    IdempotencyKeyRequired() {
      super(
          400,
          "idempotency_key_required",
          "Money-moving requests need an Idempotency-Key header (1-100 characters: letters, digits, - _ . :).");
    }
  }

  static final class IdempotencyKeyReused extends WalletError {
    IdempotencyKeyReused() {
      super(
          422, "idempotency_key_reused", "This Idempotency-Key was used for a different request.");
    }
  }

  /** The same Idempotency-Key is being processed right now, with Retry-After in seconds. */
  static final class IdempotencyInProgress extends WalletError {
    private final long retryAfterSeconds;

    IdempotencyInProgress(long retryAfterSeconds) {
      super(
          409,
          "idempotency_in_progress",
          "A request with this Idempotency-Key is still running; retry after Retry-After seconds for its result.");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("retryAfterSeconds", retryAfterSeconds);
    }

    @Override
    public Map<String, String> headers() {
      return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
  }

  static final class SandboxDisabled extends WalletError {
    SandboxDisabled() {
      super(403, "sandbox_disabled", "Sandbox top-ups are switched off on this server.");
    }
  }

  /** Also what non-members get, so they cannot tell whether the payment or chat exists. */
  static final class NotFound extends WalletError {
    NotFound() {
      this("No such payment.");
    }

    NotFound(String message) {
      super(404, "not_found", message);
    }
  }

  static final class NotAllowed extends WalletError {
    NotAllowed(String why) {
      super(403, "not_allowed", why);
    }
  }

  static final class Expired extends WalletError {
    Expired() {
      this("This payment expired; the money went back to the sender.");
    }

    Expired(String message) {
      super(410, "expired", message);
    }
  }

  static final class AlreadyResolved extends WalletError {
    AlreadyResolved() {
      super(409, "already_resolved", "This transfer was already accepted, declined or refunded.");
    }
  }

  static final class AlreadyClaimed extends WalletError {
    AlreadyClaimed() {
      super(409, "already_claimed", "You already claimed this red packet.");
    }
  }

  static final class RedPacketEmpty extends WalletError {
    RedPacketEmpty() {
      super(409, "red_packet_empty", "Every share of this red packet was claimed.");
    }
  }

  static final class BalanceNotZero extends WalletError {
    BalanceNotZero() {
      this("Your wallet still holds money; withdraw or spend it before deleting the account.");
    }

    BalanceNotZero(String message) {
      super(409, "wallet_balance_not_zero", message);
    }
  }
}
