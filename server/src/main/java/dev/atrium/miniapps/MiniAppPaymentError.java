package dev.atrium.miniapps;

import dev.atrium.platform.errors.OperatingError;

/** The ways a mini-program payment operation can be refused; each has a stable code. */
public abstract sealed class MiniAppPaymentError extends OperatingError {
  private MiniAppPaymentError(int status, String code, String message) {
    super(status, code, message);
  }

  /** The app has no merchant account to take payments into yet. */
  static final class MerchantNotLinked extends MiniAppPaymentError {
    MerchantNotLinked() {
      super(
          404,
          "merchant_not_linked",
          "This mini-program has no merchant account yet: PUT /api/v1/miniapps/{appId}/merchant.");
    }
  }

  /** A provider created an order for an app without a merchant account to take the money. */
  static final class OrderMerchantNotLinked extends MiniAppPaymentError {
    OrderMerchantNotLinked() {
      super(
          409,
          "merchant_not_linked",
          "This mini-program has no merchant account yet; its owner links one first.");
    }
  }

  /** The app used this outTradeNo for an order with other fields. */
  static final class OutTradeNoReused extends MiniAppPaymentError {
    OutTradeNoReused() {
      super(
          409,
          "out_trade_no_reused",
          "This outTradeNo names an order with another amount, currency, description or user.");
    }
  }

  /** No such order of this app (another app's order is not found either). */
  static final class OrderNotFound extends MiniAppPaymentError {
    OrderNotFound() {
      super(404, "order_not_found", "No such order.");
    }
  }
}
