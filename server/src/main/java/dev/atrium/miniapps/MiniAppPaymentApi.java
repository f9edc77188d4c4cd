package dev.atrium.miniapps;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;

/** The JSON shapes of mini-program payments. */
final class MiniAppPaymentApi {
  private MiniAppPaymentApi() {}

  record MerchantLinkRequest(
      @Required @Description("One of the caller's approved merchants.") String merchantId) {}

  record MerchantLinkResponse(
      @Required String appId, @Required String merchantId, @Required String merchantName) {

    static MerchantLinkResponse of(MiniAppPaymentService.MerchantLink link) {
      return new MerchantLinkResponse(link.appId(), link.merchantId(), link.merchantName());
    }
  }
}
