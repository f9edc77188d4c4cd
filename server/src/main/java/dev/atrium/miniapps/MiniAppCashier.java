package dev.atrium.miniapps;

/**
 * The port through which mini-program payments reach the merchants' money (the wallet's merchant
 * ledger, payouts and statements); the composition root answers it over {@code MerchantService}.
 * Implementations must be thread-safe.
 */
public interface MiniAppCashier {
  /**
   * The name of {@code merchantId} when {@code ownerAccountId} owns it and the operator approved
   * it; otherwise throws the merchants' own error (404 {@code merchant_not_found}, 409 {@code
   * merchant_not_approved}).
   */
  String requireApprovedMerchant(String ownerAccountId, String merchantId);
}
