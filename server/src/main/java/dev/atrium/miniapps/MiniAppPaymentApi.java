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

  record CreateOrderRequest(
      @Required @Description("Your own order number, unique per app: the idempotency key.")
          String outTradeNo,
      @Required @Description("Integer cents, at least 1.") Long amountCents,
      @Required @Description("Only EUR.") String currency,
      @Required @Description("Shown to the payer, at most 128 characters.") String description,
      @Required @Description("The payer's openId for this mini-program.") String openId,
      @Description("Seconds until the order can no longer be paid: 60-7200, default 900.")
          Integer expiresInSeconds) {}

  record OrderResponse(
      @Required String orderId,
      @Required String outTradeNo,
      @Required long amountCents,
      @Required String currency,
      @Required String description,
      @Required String openId,
      @Required @Description("created, paid or expired.") String status,
      @Required @Description("Epoch milliseconds.") long expiresAt) {

    static OrderResponse of(MiniAppOrder order, long nowMillis) {
      return new OrderResponse(
          order.orderId(),
          order.outTradeNo(),
          order.amountCents(),
          order.currency(),
          order.description(),
          order.openId(),
          order.statusAt(nowMillis),
          order.expiresAt());
    }
  }
}
