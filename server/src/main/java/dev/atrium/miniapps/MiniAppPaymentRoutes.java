package dev.atrium.miniapps;

import static dev.atrium.platform.http.Requests.body;

import dev.atrium.miniapps.MiniAppPaymentApi.MerchantLinkRequest;
import dev.atrium.miniapps.MiniAppPaymentApi.MerchantLinkResponse;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.RouteModule;

/** HTTP for mini-program payments: the owner links the app to a merchant account. */
final class MiniAppPaymentRoutes implements RouteModule {
  private static final String TAG = "miniapps";
  private static final int MERCHANT_ID_CHARS_MAX = 100;
  private final MiniAppPaymentService payments;

  MiniAppPaymentRoutes(MiniAppPaymentService payments) {
    this.payments = payments;
  }

  @Override
  public void register(Api api) {
    api.authenticated(
        Operation.put("/api/v1/miniapps/{appId}/merchant", "linkMiniAppMerchant")
            .tag(TAG)
            .summary(
                "Owner only. The merchant account (one of the caller's, approved) the app's"
                    + " payments land in; its payouts and statements are the merchant's.")
            .request(MerchantLinkRequest.class)
            .response(200, MerchantLinkResponse.class)
            .errors(400, 404, 409, 422),
        (ctx, caller) -> {
          String merchantId = body(ctx, MerchantLinkRequest.class).merchantId();
          if (merchantId == null
              || merchantId.isEmpty()
              || merchantId.length() > MERCHANT_ID_CHARS_MAX
              || merchantId.chars().anyMatch(Character::isISOControl)) {
            throw RequestError.validation("merchantId", "One of your merchants' ids.");
          }
          ctx.json(
              MerchantLinkResponse.of(
                  payments.linkMerchant(caller.accountId(), ctx.pathParam("appId"), merchantId)));
        });
    api.authenticated(
        Operation.get("/api/v1/miniapps/{appId}/merchant", "getMiniAppMerchant")
            .tag(TAG)
            .summary("Owner only. The merchant account the app's payments land in.")
            .response(200, MerchantLinkResponse.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(
                MerchantLinkResponse.of(
                    payments.merchantLink(caller.accountId(), ctx.pathParam("appId")))));
  }
}
