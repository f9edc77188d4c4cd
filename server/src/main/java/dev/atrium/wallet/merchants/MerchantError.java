package dev.atrium.wallet.merchants;

import dev.atrium.platform.errors.OperatingError;
import java.util.Map;

/** The ways a merchant operation can be refused; each has a stable code. */
public abstract sealed class MerchantError extends OperatingError {
  private final Map<String, Object> details;

  private MerchantError(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  private MerchantError(int status, String code, String message, Map<String, Object> details) {
    super(status, code, message);
    this.details = details;
  }

  @Override
  public Map<String, Object> details() {
    return details;
  }

  /** Also for merchants that exist but are not the caller's, so existence is not revealed. */
  static final class NotFound extends MerchantError {
    NotFound(String what) {
      super(404, what.replace(' ', '_') + "_not_found", "No such " + what + ".");
    }
  }

  static final class NotApproved extends MerchantError {
    NotApproved() {
      super(
          409,
          "merchant_not_approved",
          "The merchant is not approved (or was suspended) by the operator.");
    }
  }

  static final class KeyRequired extends MerchantError {
    KeyRequired() {
      super(401, "merchant_key_required", "Send a valid merchant API key as a bearer token.");
    }
  }

  static final class OrderExists extends MerchantError {
    OrderExists() {
      super(409, "order_exists", "This order reference was used before; use a new one per order.");
    }
  }

  static final class OrderPaid extends MerchantError {
    OrderPaid() {
      super(409, "already_paid", "This order was paid already.");
    }
  }

  static final class Expired extends MerchantError {
    Expired(String what) {
      super(410, "expired", "The " + what + " expired.");
    }
  }

  /** Unknown, used or expired alike, so a guessed code teaches nothing. */
  static final class PaymentCodeInvalid extends MerchantError {
    PaymentCodeInvalid() {
      super(
          409,
          "payment_code_invalid",
          "The payment code is unknown, used or expired; ask for a fresh one.");
    }
  }

  static final class RefundTooLarge extends MerchantError {
    RefundTooLarge(long refundableCents) {
      super(
          409,
          "refund_exceeds_payment",
          "At most " + refundableCents + " cents of this payment can still be refunded.",
          Map.of("refundableCents", refundableCents));
    }
  }

  static final class InvalidCode extends MerchantError {
    InvalidCode(String why) {
      super(422, "invalid_qr_code", why);
    }
  }

  /**
   * A well-formed code that is not what the server issued for this merchant or order: an amount,
   * currency or merchant field was changed (the CRC is a checksum anyone can recompute).
   */
  static final class CodeMismatch extends MerchantError {
    CodeMismatch() {
      super(
          422,
          "qr_code_mismatch",
          "This code does not match what the merchant issued; scan the merchant's own code again.");
    }
  }

  /** A charge naming a stored order must charge that order's amount. */
  static final class OrderAmountMismatch extends MerchantError {
    OrderAmountMismatch(long orderAmountCents) {
      super(
          422,
          "order_amount_mismatch",
          "This order is for " + orderAmountCents + " cents; charge exactly that.",
          Map.of("orderAmountCents", orderAmountCents));
    }
  }

  static final class PayoutAccountMissing extends MerchantError {
    PayoutAccountMissing() {
      super(409, "payout_account_missing", "Set the shop's payout IBAN first.");
    }
  }

  static final class BalanceNotZero extends MerchantError {
    BalanceNotZero() {
      super(
          409,
          "merchant_balance_not_zero",
          "A shop of yours still holds money; settle it before deleting the account.");
    }
  }
}
