package dev.atrium.wallet.merchants;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.qr.QrCodes;
import dev.atrium.wallet.Idempotency;
import dev.atrium.wallet.emvco.MerchantPresentedQr;
import dev.atrium.wallet.merchants.MerchantApi.ApiKeyRequest;
import dev.atrium.wallet.merchants.MerchantApi.ApiKeyResponse;
import dev.atrium.wallet.merchants.MerchantApi.ApplyRequest;
import dev.atrium.wallet.merchants.MerchantApi.ChargeRequest;
import dev.atrium.wallet.merchants.MerchantApi.CodeResponse;
import dev.atrium.wallet.merchants.MerchantApi.MerchantList;
import dev.atrium.wallet.merchants.MerchantApi.MerchantResponse;
import dev.atrium.wallet.merchants.MerchantApi.OrderRequest;
import dev.atrium.wallet.merchants.MerchantApi.OrderResponse;
import dev.atrium.wallet.merchants.MerchantApi.PayRequest;
import dev.atrium.wallet.merchants.MerchantApi.PaymentCodeRequest;
import dev.atrium.wallet.merchants.MerchantApi.PaymentCodeResponse;
import dev.atrium.wallet.merchants.MerchantApi.PaymentPage;
import dev.atrium.wallet.merchants.MerchantApi.PaymentResponse;
import dev.atrium.wallet.merchants.MerchantApi.RefundRequest;
import dev.atrium.wallet.sepa.OperatorAccess;
import dev.atrium.wallet.sepa.SepaService;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * HTTP for merchants: owners apply and manage POS keys and codes (device token), the operator
 * decides (operator token), tills use the POS API (merchant key), customers pay (device token, PIN,
 * Idempotency-Key).
 */
final class MerchantRoutes implements RouteModule {
  private static final String TAG = "merchants";
  private static final String POS_TAG = "point-of-sale";
  private static final String ADMIN_TAG = "admin";
  private static final int PAGE_ROWS_DEFAULT = 50;
  private static final int QR_PIXELS = 320;
  private final MerchantService service;
  private final MerchantPayments payments;
  private final OperatorAccess operator;
  private final MerchantOwnerRoutes ownerRoutes;

  MerchantRoutes(
      MerchantService service,
      MerchantPayments payments,
      OperatorAccess operator,
      SepaService sepa) {
    this.service = service;
    this.payments = payments;
    this.operator = operator;
    this.ownerRoutes = new MerchantOwnerRoutes(service, payments, sepa);
  }

  @Override
  public void register(Api api) {
    registerOwner(api);
    ownerRoutes.register(api);
    registerAdmin(api);
    registerPointOfSale(api);
    registerCustomer(api);
  }

  private void registerOwner(Api api) {
    api.authenticated(
        Operation.post("/api/v1/merchants", "applyForMerchant")
            .tag(TAG)
            .summary("Apply to take payments as a shop; the operator approves it.")
            .request(ApplyRequest.class)
            .response(201, MerchantResponse.class)
            .errors(400, 422),
        (ctx, caller) -> {
          ApplyRequest request = body(ctx, ApplyRequest.class);
          ctx.status(201)
              .json(
                  MerchantResponse.of(
                      service.apply(
                          caller.accountId(),
                          request.name(),
                          request.city(),
                          request.categoryCode(),
                          request.latinName(),
                          request.latinCity())));
        });
    api.authenticated(
        Operation.get("/api/v1/merchants", "listMyMerchants")
            .tag(TAG)
            .summary(
                "The caller's shops, oldest first (at most " + MerchantService.LIST_ROWS_MAX + ").")
            .response(200, MerchantList.class),
        (ctx, caller) ->
            ctx.json(
                new MerchantList(
                    service.merchantsOf(caller.accountId()).stream()
                        .map(MerchantResponse::of)
                        .toList())));
    api.authenticated(
        Operation.post("/api/v1/merchants/{merchantId}/api-keys", "createMerchantApiKey")
            .tag(TAG)
            .summary(
                "A new point-of-sale key for an approved shop; the key is shown only in this answer.")
            .request(ApiKeyRequest.class)
            .response(201, ApiKeyResponse.class)
            .errors(404, 409, 422),
        (ctx, caller) -> {
          ApiKeyRequest request = body(ctx, ApiKeyRequest.class);
          MerchantService.NewApiKey key =
              service.createApiKey(
                  caller.accountId(), ctx.pathParam("merchantId"), request.label());
          ctx.status(201)
              .json(
                  new ApiKeyResponse(
                      key.id(),
                      key.key(),
                      key.label(),
                      Instant.ofEpochMilli(key.createdAtMillis())));
        });
    api.authenticated(
        Operation.delete("/api/v1/merchants/{merchantId}/api-keys/{keyId}", "revokeMerchantApiKey")
            .tag(TAG)
            .summary("Revoke a point-of-sale key at once.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.revokeApiKey(
              caller.accountId(), ctx.pathParam("merchantId"), ctx.pathParam("keyId"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.get("/api/v1/merchants/{merchantId}/static-code", "getMerchantStaticCode")
            .tag(TAG)
            .summary("The shop's static EMVCo QR payload: customers scan it and type the amount.")
            .response(200, CodeResponse.class)
            .errors(404, 409),
        (ctx, caller) -> ctx.json(codeResponse(service.staticCode(owned(ctx, caller)))));
    api.authenticated(
        Operation.get("/api/v1/merchants/{merchantId}/static-code.svg", "getMerchantStaticCodeSvg")
            .queryInteger(
                "size",
                QrCodes.SIZE_PIXELS_MIN,
                QrCodes.SIZE_PIXELS_MAX,
                "The image's width in pixels; default " + QrCodes.SIZE_PIXELS_DEFAULT + ".")
            .tag(TAG)
            .summary(
                "The shop's static QR code as image/svg+xml; size "
                    + QrCodes.SIZE_PIXELS_MIN
                    + "-"
                    + QrCodes.SIZE_PIXELS_MAX
                    + ".")
            .response(200, null)
            .errors(400, 404, 409),
        (ctx, caller) -> {
          int size =
              Requests.queryInt(
                  ctx,
                  "size",
                  QrCodes.SIZE_PIXELS_DEFAULT,
                  QrCodes.SIZE_PIXELS_MIN,
                  QrCodes.SIZE_PIXELS_MAX);
          String svg = QrCodes.svg(service.staticCode(owned(ctx, caller)).encode(), size);
          ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
          ctx.contentType("image/svg+xml").result(svg);
        });
  }

  private void registerAdmin(Api api) {
    api.open(
        Operation.get("/api/v1/admin/merchants", "listMerchantsForOperator")
            .tag(ADMIN_TAG)
            .queryString("status", "PENDING (default), APPROVED or SUSPENDED.")
            .summary(
                "Operator only. Shops with status=PENDING (default), APPROVED or SUSPENDED, oldest first.")
            .response(200, MerchantList.class)
            .errors(400, 401),
        ctx -> {
          operator.require(ctx);
          ctx.json(
              new MerchantList(
                  service.merchantsWithStatus(status(ctx.queryParam("status"))).stream()
                      .map(MerchantResponse::of)
                      .toList()));
        });
    for (Merchant.Status decision :
        new Merchant.Status[] {Merchant.Status.APPROVED, Merchant.Status.SUSPENDED}) {
      String verb = decision == Merchant.Status.APPROVED ? "approve" : "suspend";
      api.open(
          Operation.post("/api/v1/admin/merchants/{merchantId}/" + verb, verb + "Merchant")
              .tag(ADMIN_TAG)
              .summary(
                  "Operator only. "
                      + (decision == Merchant.Status.APPROVED
                          ? "Approve a shop: it can then create keys and codes and take payments."
                          : "Suspend a shop: its keys and codes stop working; its balance stays."))
              .response(200, MerchantResponse.class)
              .errors(401, 404),
          ctx -> {
            operator.require(ctx);
            ctx.json(MerchantResponse.of(service.decide(ctx.pathParam("merchantId"), decision)));
          });
    }
  }

  private void registerPointOfSale(Api api) {
    api.open(
        Operation.post("/api/v1/pos/orders", "createPosOrder")
            .tag(POS_TAG)
            .summary(
                "Merchant key. An order of a fixed amount and its dynamic QR code, payable once before expiresAt.")
            .request(OrderRequest.class)
            .response(201, OrderResponse.class)
            .errors(400, 401, 409, 422),
        ctx -> {
          Merchant merchant = merchant(ctx);
          OrderRequest request = body(ctx, OrderRequest.class);
          MerchantOrder order =
              service.createOrder(
                  merchant,
                  request.orderReference(),
                  required(request.amountCents(), "amountCents"),
                  request.billNumber());
          ctx.status(201).json(orderResponse(merchant, order));
        });
    api.open(
        Operation.get("/api/v1/pos/orders/{orderReference}", "getPosOrder")
            .tag(POS_TAG)
            .summary("Merchant key. Whether the order was paid, and by which payment.")
            .response(200, OrderResponse.class)
            .errors(401, 404, 409),
        ctx -> {
          Merchant merchant = merchant(ctx);
          ctx.json(
              orderResponse(merchant, service.order(merchant, ctx.pathParam("orderReference"))));
        });
    api.open(
        Operation.post("/api/v1/pos/charges", "chargePaymentCode")
            .tag(POS_TAG)
            .summary(
                "Merchant key and Idempotency-Key. Charge a customer's one-minute payment code once; an "
                    + "orderReference naming one of the shop's orders pays that order, for exactly its amount."
                    + Idempotency.IN_PROGRESS_NOTE)
            .request(ChargeRequest.class)
            .response(201, PaymentResponse.class)
            .errors(400, 401, 409, 410, 422, 503),
        this::charge);
    api.open(
        Operation.post("/api/v1/pos/payments/{paymentId}/refunds", "refundPayment")
            .tag(POS_TAG)
            .summary(
                "Merchant key and Idempotency-Key. Give back part or all of a payment; all refunds of a payment "
                    + "together never exceed it."
                    + Idempotency.IN_PROGRESS_NOTE)
            .request(RefundRequest.class)
            .response(201, PaymentResponse.class)
            .errors(400, 401, 404, 409, 422, 503),
        this::refund);
    api.open(
        Operation.get("/api/v1/pos/payments", "listPosPayments")
            .tag(POS_TAG)
            .queryString("before", "The cursor of the previous page; absent for the first page.")
            .queryInteger(
                "limit",
                1,
                MerchantService.STATEMENT_PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .summary(
                "Merchant key. The shop's payments, newest first; limit 1-"
                    + MerchantService.STATEMENT_PAGE_ROWS_MAX
                    + "; before=nextCursor of the previous page.")
            .response(200, PaymentPage.class)
            .errors(400, 401, 409),
        ctx -> {
          MerchantService.StatementPage page =
              service.statement(merchant(ctx), ctx.queryParam("before"), limit(ctx));
          ctx.json(
              new PaymentPage(
                  page.payments().stream().map(PaymentResponse::of).toList(), page.nextCursor()));
        });
    api.open(
        Operation.get("/api/v1/pos/payments.csv", "exportPosPaymentsCsv")
            .tag(POS_TAG)
            .queryString("before", "The cursor of the previous page; absent for the first page.")
            .queryInteger(
                "limit",
                1,
                MerchantService.STATEMENT_PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .summary(
                "Merchant key. The same page as text/csv (id, created_at, method, order_reference, amount_cents, "
                    + "refunded_cents); the next page's cursor is in the X-Next-Cursor header.")
            .response(200, null)
            .errors(400, 401, 409),
        ctx -> {
          MerchantService.StatementPage page =
              service.statement(merchant(ctx), ctx.queryParam("before"), limit(ctx));
          if (page.nextCursor() != null) {
            ctx.header("X-Next-Cursor", page.nextCursor());
          }
          ctx.contentType("text/csv; charset=utf-8").result(MerchantCsv.of(page.payments()));
        });
  }

  private void registerCustomer(Api api) {
    api.authenticated(
        Operation.post("/api/v1/wallet/merchant-payments", "payMerchant")
            .tag(TAG)
            .summary(
                "Pay a scanned merchant QR code: static (give amountCents) or dynamic (amount fixed, once). Needs "
                    + "the PIN and an Idempotency-Key header."
                    + Idempotency.IN_PROGRESS_NOTE)
            .request(PayRequest.class)
            .response(201, PaymentResponse.class)
            .errors(400, 403, 404, 409, 410, 422, 423, 503),
        this::pay);
    api.authenticated(
        Operation.post("/api/v1/wallet/payment-codes", "createPaymentCode")
            .tag(TAG)
            .summary(
                "A one-time payment code valid for 60 seconds, to show a shop as a QR code; needs the PIN.")
            .request(PaymentCodeRequest.class)
            .response(201, PaymentCodeResponse.class)
            .errors(400, 403, 409, 422, 423),
        (ctx, caller) -> {
          String pin = required(body(ctx, PaymentCodeRequest.class).pin(), "pin");
          MerchantService.PaymentCode code = payments.createPaymentCode(caller.accountId(), pin);
          ctx.status(201)
              .json(
                  new PaymentCodeResponse(
                      code.code(),
                      Instant.ofEpochMilli(code.expiresAtMillis()),
                      QrCodes.svg(code.code(), QR_PIXELS)));
        });
  }

  // The payment routes pass the Idempotency-Key header as sent: Payments checks it after the
  // amount, so a request with both wrong is refused for its amount, as before.

  private void pay(Context ctx, Caller caller) {
    PayRequest request = body(ctx, PayRequest.class);
    String payload = required(request.qrPayload(), "qrPayload");
    String pin = required(request.pin(), "pin");
    Idempotency.respond(
        ctx,
        payments.payScannedCode(
            caller.accountId(),
            pin,
            ctx.header(Idempotency.HEADER),
            payload,
            request.amountCents()));
  }

  private void charge(Context ctx) {
    Merchant merchant = merchant(ctx);
    ChargeRequest request = body(ctx, ChargeRequest.class);
    String code = required(request.paymentCode(), "paymentCode");
    long cents = required(request.amountCents(), "amountCents");
    if (request.orderReference() != null
        && !request.orderReference().matches("[A-Za-z0-9._-]{1,25}")) {
      throw RequestError.validation(
          "orderReference", "An order reference is 1-25 letters, digits or . _ -");
    }
    Idempotency.respond(
        ctx,
        payments.chargePaymentCode(
            merchant, ctx.header(Idempotency.HEADER), code, cents, request.orderReference()));
  }

  private void refund(Context ctx) {
    Merchant merchant = merchant(ctx);
    long cents = required(body(ctx, RefundRequest.class).amountCents(), "amountCents");
    Idempotency.respond(
        ctx,
        payments.refundByTill(
            merchant, ctx.header(Idempotency.HEADER), ctx.pathParam("paymentId"), cents));
  }

  private Merchant merchant(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new MerchantError.KeyRequired();
    }
    return service.authenticate(header.substring(7).trim());
  }

  private Merchant owned(Context ctx, Caller caller) {
    return service.owned(caller.accountId(), ctx.pathParam("merchantId"));
  }

  private OrderResponse orderResponse(Merchant merchant, MerchantOrder order) {
    return new OrderResponse(
        order.orderReference(),
        order.amountCents(),
        order.billNumber(),
        service.status(order),
        order.paymentId(),
        service.dynamicCode(merchant, order).encode(),
        Instant.ofEpochMilli(order.expiresAtMillis()));
  }

  private static CodeResponse codeResponse(MerchantPresentedQr code) {
    return new CodeResponse(
        code.encode(), code.pointOfInitiation().name(), code.amountCents(), code.orderReference());
  }

  private static Merchant.Status status(String text) {
    if (text == null || text.isEmpty()) {
      return Merchant.Status.PENDING;
    }
    try {
      return Merchant.Status.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw RequestError.invalidParameter("status", "must be PENDING, APPROVED or SUSPENDED.");
    }
  }

  private static int limit(Context ctx) {
    return Requests.queryInt(
        ctx, "limit", PAGE_ROWS_DEFAULT, 1, MerchantService.STATEMENT_PAGE_ROWS_MAX);
  }
}
