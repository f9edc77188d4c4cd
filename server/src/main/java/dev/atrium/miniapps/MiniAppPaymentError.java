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
}
