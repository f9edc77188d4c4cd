package dev.atrium.wallet.merchants;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.wallet.Idempotency;
import dev.atrium.wallet.merchants.MerchantApi.ApiKeyInfo;
import dev.atrium.wallet.merchants.MerchantApi.ApiKeyList;
import dev.atrium.wallet.merchants.MerchantApi.MerchantResponse;
import dev.atrium.wallet.merchants.MerchantApi.OwnerRefundRequest;
import dev.atrium.wallet.merchants.MerchantApi.PaymentPage;
import dev.atrium.wallet.merchants.MerchantApi.PaymentResponse;
import dev.atrium.wallet.merchants.MerchantApi.PayoutAccountRequest;
import dev.atrium.wallet.merchants.MerchantApi.PayoutPage;
import dev.atrium.wallet.merchants.MerchantApi.PayoutRequest;
import dev.atrium.wallet.sepa.Iban;
import dev.atrium.wallet.sepa.SepaApi.WithdrawalResponse;
import dev.atrium.wallet.sepa.SepaService;
import io.javalin.http.Context;

/**
 * HTTP for a shop's owner with their own session (device token), for what a till does with its key
 * and more: payments, statement (JSON and CSV), refunds (PIN), the POS keys, the payout IBAN and
 * payouts (PIN). Only the owner: another account's shop answers 404, as if absent.
 */
final class MerchantOwnerRoutes {
  private static final String TAG = "merchants";
  private static final int PAGE_ROWS_DEFAULT = 50;
  private final MerchantService service;
  private final MerchantPayments payments;
  private final SepaService sepa;

  MerchantOwnerRoutes(MerchantService service, MerchantPayments payments, SepaService sepa) {
    this.service = service;
    this.payments = payments;
    this.sepa = sepa;
  }

  void register(Api api) {
    api.authenticated(
        Operation.get("/api/v1/merchants/{merchantId}/payments", "listMerchantPayments")
            .tag(TAG)
            .queryString("before", "The cursor of the previous page; absent for the first page.")
            .queryInteger(
                "limit",
                1,
                MerchantService.STATEMENT_PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .summary(
                "Owner only. The shop's payments, newest first; limit 1-"
                    + MerchantService.STATEMENT_PAGE_ROWS_MAX
                    + "; before=nextCursor of the previous page.")
            .response(200, PaymentPage.class)
            .errors(400, 404),
        (ctx, caller) -> {
          MerchantService.StatementPage page =
              service.statement(owned(ctx, caller), ctx.queryParam("before"), limit(ctx));
          ctx.json(
              new PaymentPage(
                  page.payments().stream().map(PaymentResponse::of).toList(), page.nextCursor()));
        });
    api.authenticated(
        Operation.get("/api/v1/merchants/{merchantId}/payments.csv", "exportMerchantPaymentsCsv")
            .queryString("before", "The cursor of the previous page; absent for the first page.")
            .queryInteger(
                "limit",
                1,
                MerchantService.STATEMENT_PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .tag(TAG)
            .summary(
                "Owner only. The same page as text/csv (id, created_at, method, order_reference, "
                    + "amount_cents, refunded_cents); the next page's cursor is in the X-Next-Cursor header.")
            .response(200, null)
            .errors(400, 404),
        (ctx, caller) -> {
          Merchant merchant = owned(ctx, caller);
          MerchantService.StatementPage page =
              service.statement(merchant, ctx.queryParam("before"), limit(ctx));
          if (page.nextCursor() != null) {
            ctx.header("X-Next-Cursor", page.nextCursor());
          }
          ctx.header(
              "Content-Disposition", "attachment; filename=\"" + merchant.id() + "-payments.csv\"");
          ctx.contentType("text/csv; charset=utf-8").result(MerchantCsv.of(page.payments()));
        });
    api.authenticated(
        Operation.post(
                "/api/v1/merchants/{merchantId}/payments/{paymentId}/refunds",
                "refundMerchantPayment")
            .tag(TAG)
            .summary(
                "Owner only; the owner's PIN and an Idempotency-Key header. Give back part or all of a payment; "
                    + "all refunds of a payment together (by till or owner) never exceed it."
                    + Idempotency.IN_PROGRESS_NOTE)
            .request(OwnerRefundRequest.class)
            .response(201, PaymentResponse.class)
            .errors(400, 403, 404, 409, 422, 423, 503),
        this::refund);
    api.authenticated(
        Operation.get("/api/v1/merchants/{merchantId}/api-keys", "listMerchantApiKeys")
            .tag(TAG)
            .summary(
                "Owner only. The shop's point-of-sale keys, newest first, revoked ones included; never the secret.")
            .response(200, ApiKeyList.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(
                new ApiKeyList(
                    service.apiKeys(caller.accountId(), ctx.pathParam("merchantId")).stream()
                        .map(ApiKeyInfo::of)
                        .toList())));
    api.authenticated(
        Operation.put("/api/v1/merchants/{merchantId}/payout-account", "setMerchantPayoutAccount")
            .tag(TAG)
            .summary(
                "Owner only; the owner's PIN. The IBAN (checksum validated) and holder name the shop's "
                    + "balance is paid out to; payouts made before keep their IBAN.")
            .request(PayoutAccountRequest.class)
            .response(200, MerchantResponse.class)
            .errors(400, 403, 404, 409, 422, 423),
        (ctx, caller) -> {
          PayoutAccountRequest request = body(ctx, PayoutAccountRequest.class);
          Iban iban = Iban.parse(required(request.iban(), "iban"), "iban");
          String pin = required(request.pin(), "pin");
          ctx.json(
              MerchantResponse.of(
                  payments.setPayoutAccount(
                      caller.accountId(), ctx.pathParam("merchantId"), pin, iban, request.name())));
        });
    api.authenticated(
        Operation.post("/api/v1/merchants/{merchantId}/payouts", "createMerchantPayout")
            .tag(TAG)
            .summary(
                "Owner only; the owner's PIN and an Idempotency-Key header. Pay out part or all of the shop's "
                    + "balance to its payout IBAN: the amount leaves the shop at once and is paid with the next payout "
                    + "file (a failed payout goes back to the shop). Within the withdrawal limits."
                    + Idempotency.IN_PROGRESS_NOTE)
            .request(PayoutRequest.class)
            .response(201, WithdrawalResponse.class)
            .errors(400, 403, 404, 409, 422, 423, 503),
        this::payout);
    api.authenticated(
        Operation.get("/api/v1/merchants/{merchantId}/payouts", "listMerchantPayouts")
            .tag(TAG)
            .queryString("before", "The cursor of the previous page; absent for the first page.")
            .queryInteger(
                "limit",
                1,
                SepaService.WITHDRAWAL_PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .summary(
                "Owner only. The shop's balance, payout IBAN and payouts (newest first); limit 1-"
                    + SepaService.WITHDRAWAL_PAGE_ROWS_MAX
                    + "; before=nextCursor of the previous page.")
            .response(200, PayoutPage.class)
            .errors(400, 404),
        (ctx, caller) -> {
          Merchant merchant = owned(ctx, caller);
          int limit =
              Requests.queryInt(
                  ctx, "limit", PAGE_ROWS_DEFAULT, 1, SepaService.WITHDRAWAL_PAGE_ROWS_MAX);
          SepaService.WithdrawalPage page =
              sepa.merchantPayouts(merchant.id(), ctx.queryParam("before"), limit);
          ctx.json(
              new PayoutPage(
                  service.balanceCents(merchant),
                  merchant.payoutIban(),
                  merchant.payoutName(),
                  page.withdrawals().stream().map(WithdrawalResponse::of).toList(),
                  page.nextCursor()));
        });
  }

  // The Idempotency-Key header goes as sent: Payments checks it after the amount.

  private void refund(Context ctx, Caller caller) {
    OwnerRefundRequest request = body(ctx, OwnerRefundRequest.class);
    long cents = required(request.amountCents(), "amountCents");
    String pin = required(request.pin(), "pin");
    Idempotency.respond(
        ctx,
        payments.refundByOwner(
            caller.accountId(),
            ctx.pathParam("merchantId"),
            pin,
            ctx.header(Idempotency.HEADER),
            ctx.pathParam("paymentId"),
            cents));
  }

  private void payout(Context ctx, Caller caller) {
    PayoutRequest request = body(ctx, PayoutRequest.class);
    long cents = required(request.amountCents(), "amountCents");
    String pin = required(request.pin(), "pin");
    Idempotency.respond(
        ctx,
        payments.payOut(
            caller.accountId(),
            ctx.pathParam("merchantId"),
            pin,
            ctx.header(Idempotency.HEADER),
            cents));
  }

  private Merchant owned(Context ctx, Caller caller) {
    return service.owned(caller.accountId(), ctx.pathParam("merchantId"));
  }

  private static int limit(Context ctx) {
    return Requests.queryInt(
        ctx, "limit", PAGE_ROWS_DEFAULT, 1, MerchantService.STATEMENT_PAGE_ROWS_MAX);
  }
}
