package dev.atrium.miniapps;

import static dev.atrium.platform.http.Requests.body;

import dev.atrium.miniapps.MiniAppPaymentApi.CreateOrderRequest;
import dev.atrium.miniapps.MiniAppPaymentApi.OrderResponse;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.RouteModule;

/** HTTP for payment orders created by a mini-program's backend (app credentials). */
final class MiniAppOrderRoutes implements RouteModule {
  private static final String PROVIDER_TAG = "miniapp-provider";
  private static final int ORDER_ID_CHARS_MAX = 100;
  private final MiniAppOrderService orders;
  private final MiniAppProviderAuth providerAuth;

  MiniAppOrderRoutes(MiniAppOrderService orders, MiniAppProviderAuth providerAuth) {
    this.orders = orders;
    this.providerAuth = providerAuth;
  }

  @Override
  public void register(Api api) {
    api.open(
        Operation.post("/api/v1/provider/orders", "createMiniAppOrder")
            .tag(PROVIDER_TAG)
            .summary(
                "App credentials (Authorization: Bearer <appId>.<secret>). Create a payment order"
                    + " for one of the app's users; idempotent on outTradeNo (the same fields"
                    + " answer the same order, again 201; other fields 409 out_trade_no_reused).")
            .request(CreateOrderRequest.class)
            .response(201, OrderResponse.class)
            .errors(400, 401, 403, 404, 409, 422),
        ctx -> {
          MiniApp app = providerAuth.require(ctx);
          CreateOrderRequest request = body(ctx, CreateOrderRequest.class);
          if (request.amountCents() == null) {
            throw RequestError.validation("amountCents", "Integer cents, at least 1.");
          }
          MiniAppOrderService.Created created =
              orders.create(
                  app,
                  new MiniAppOrderService.CreateOrder(
                      request.outTradeNo(),
                      request.amountCents(),
                      request.currency(),
                      request.description(),
                      request.openId(),
                      request.expiresInSeconds()));
          ctx.status(201).json(OrderResponse.of(created.order(), orders.now()));
        });
    api.open(
        Operation.get("/api/v1/provider/orders/{orderId}", "getMiniAppOrder")
            .tag(PROVIDER_TAG)
            .summary("App credentials. One of the app's orders; another app's is 404.")
            .errors(401, 403, 404),
        ctx -> {
          MiniApp app = providerAuth.require(ctx);
          String orderId = ctx.pathParam("orderId");
          if (orderId.length() > ORDER_ID_CHARS_MAX) {
            throw new MiniAppPaymentError.OrderNotFound();
          }
          ctx.json(OrderResponse.of(orders.get(app, orderId), orders.now()));
        });
  }
}
