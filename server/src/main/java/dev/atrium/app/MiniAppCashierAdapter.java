package dev.atrium.app;

import dev.atrium.miniapps.MiniAppCashier;
import dev.atrium.wallet.merchants.MerchantService;

/** Answers mini-program payments' {@link MiniAppCashier} port with the wallet's merchants. */
final class MiniAppCashierAdapter implements MiniAppCashier {
  private final MerchantService merchants;

  MiniAppCashierAdapter(MerchantService merchants) {
    this.merchants = merchants;
  }

  @Override
  public String requireApprovedMerchant(String ownerAccountId, String merchantId) {
    return merchants.ownedApproved(ownerAccountId, merchantId).name();
  }
}
