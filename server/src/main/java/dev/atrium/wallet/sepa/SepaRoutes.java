package dev.atrium.wallet.sepa;

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
import dev.atrium.wallet.sepa.SepaApi.Pain001Export;
import dev.atrium.wallet.sepa.SepaApi.StatementImportRequest;
import dev.atrium.wallet.sepa.SepaApi.TopUpInstructions;
import dev.atrium.wallet.sepa.SepaApi.WithdrawalList;
import dev.atrium.wallet.sepa.SepaApi.WithdrawalPage;
import dev.atrium.wallet.sepa.SepaApi.WithdrawalRequest;
import dev.atrium.wallet.sepa.SepaApi.WithdrawalResponse;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** HTTP for bank top-ups, withdrawal history and the operator's SEPA routes. */
final class SepaRoutes implements RouteModule {
  private static final String TAG = "wallet-sepa";
  private static final String ADMIN_TAG = "admin";
  private static final int PAGE_ROWS_DEFAULT = 50;
  private final SepaService service;
  private final OperatorAccess operator;

  SepaRoutes(SepaService service, OperatorAccess operator) {
    this.service = service;
    this.operator = operator;
  }

  @Override
  public void register(Api api) {
    registerTopUp(api);
    api.authenticated(
        Operation.post("/api/v1/wallet/withdrawals", "createWithdrawal")
            .tag(TAG)
            .summary(
                "Pay money out to a SEPA account (IBAN checksum validated). Needs the PIN and an Idempotency-Key "
                    + "header; the amount leaves the wallet at once and is paid with the next payout file. Within limits."
                    + Idempotency.IN_PROGRESS_NOTE)
            .request(WithdrawalRequest.class)
            .response(201, WithdrawalResponse.class)
            .errors(400, 403, 409, 422, 423, 429, 503),
        this::withdraw);
    api.authenticated(
        Operation.get("/api/v1/wallet/withdrawals", "listWithdrawals")
            .tag(TAG)
            .queryString("before", "The cursor of the previous page; absent for the first page.")
            .queryInteger(
                "limit",
                1,
                SepaService.WITHDRAWAL_PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .summary(
                "The caller's withdrawals, newest first; limit 1-"
                    + SepaService.WITHDRAWAL_PAGE_ROWS_MAX
                    + "; before=nextCursor of the previous page.")
            .response(200, WithdrawalPage.class)
            .errors(400),
        (ctx, caller) -> {
          int limit =
              Requests.queryInt(
                  ctx, "limit", PAGE_ROWS_DEFAULT, 1, SepaService.WITHDRAWAL_PAGE_ROWS_MAX);
          SepaService.WithdrawalPage page =
              service.withdrawals(caller.accountId(), ctx.queryParam("before"), limit);
          ctx.json(
              new WithdrawalPage(
                  page.withdrawals().stream().map(WithdrawalResponse::of).toList(),
                  page.nextCursor()));
        });
    registerAdmin(api);
  }

  private void withdraw(Context ctx, Caller caller) {
    WithdrawalRequest request = body(ctx, WithdrawalRequest.class);
    long cents = required(request.amountCents(), "amountCents");
    Iban iban = Iban.parse(required(request.iban(), "iban"), "iban");
    String name = required(request.name(), "name").strip();
    SepaService.checkHolderName(name);
    String pin = required(request.pin(), "pin");
    // The service checks the Idempotency-Key after the amount, as every payment does.
    Idempotency.respond(
        ctx,
        service.withdraw(
            caller.accountId(), pin, ctx.header(Idempotency.HEADER), cents, name, iban));
  }

  private void registerTopUp(Api api) {
    api.authenticated(
        Operation.get("/api/v1/wallet/top-up", "getTopUpInstructions")
            .tag(TAG)
            .queryInteger(
                "amountCents",
                1,
                EpcQrCode.AMOUNT_CENTS_MAX,
                "The amount the code asks for, in cents; absent for any amount.")
            .summary(
                "Where and how to transfer money to top up the caller's wallet: the operator's account, the "
                    + "caller's own reference, and the EPC QR text. Optional amountCents for the QR code.")
            .response(200, TopUpInstructions.class)
            .errors(400, 409),
        (ctx, caller) -> {
          EpcQrCode code = service.topUpCode(caller.accountId(), amount(ctx));
          ctx.json(
              new TopUpInstructions(
                  code.beneficiaryName(),
                  code.iban().value(),
                  code.bic() == null ? null : code.bic().value(),
                  code.reference().value(),
                  code.amountCents(),
                  code.payload()));
        });
    api.authenticated(
        Operation.get("/api/v1/wallet/top-up/qr.svg", "getTopUpQrSvg")
            .tag(TAG)
            .queryInteger(
                "amountCents",
                1,
                EpcQrCode.AMOUNT_CENTS_MAX,
                "The amount the code asks for, in cents; absent for any amount.")
            .queryInteger(
                "size",
                QrCodes.SIZE_PIXELS_MIN,
                QrCodes.SIZE_PIXELS_MAX,
                "The image's width in pixels; default " + QrCodes.SIZE_PIXELS_DEFAULT + ".")
            .summary(
                "The top-up EPC QR code (GiroCode) as image/svg+xml; amountCents optional; size "
                    + QrCodes.SIZE_PIXELS_MIN
                    + "-"
                    + QrCodes.SIZE_PIXELS_MAX
                    + ".")
            .response(200, null)
            .errors(400, 409),
        (ctx, caller) -> {
          String svg =
              QrCodes.svg(service.topUpCode(caller.accountId(), amount(ctx)).payload(), size(ctx));
          ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
          ctx.contentType("image/svg+xml").result(svg);
        });
    api.authenticated(
        Operation.get("/api/v1/wallet/top-up/qr.png", "getTopUpQrPng")
            .tag(TAG)
            .queryInteger(
                "amountCents",
                1,
                EpcQrCode.AMOUNT_CENTS_MAX,
                "The amount the code asks for, in cents; absent for any amount.")
            .queryInteger(
                "size",
                QrCodes.SIZE_PIXELS_MIN,
                QrCodes.SIZE_PIXELS_MAX,
                "The image's width in pixels; default " + QrCodes.SIZE_PIXELS_DEFAULT + ".")
            .summary(
                "The top-up EPC QR code (GiroCode) as image/png; amountCents optional; size "
                    + QrCodes.SIZE_PIXELS_MIN
                    + "-"
                    + QrCodes.SIZE_PIXELS_MAX
                    + ".")
            .response(200, null)
            .errors(400, 409),
        (ctx, caller) ->
            ctx.contentType("image/png")
                .result(
                    QrCodes.png(
                        service.topUpCode(caller.accountId(), amount(ctx)).payload(), size(ctx))));
  }

  private void registerAdmin(Api api) {
    api.open(
        Operation.post("/api/v1/admin/wallet/camt053-imports", "importCamt053")
            .tag(ADMIN_TAG)
            .summary(
                "Operator only (bearer operator token). Credits the entries of a camt.053 statement that carry a "
                    + "user's reference, each bank entry once however often the file is imported; reports the rest.")
            .request(StatementImportRequest.class)
            .response(200, ImportReport.class)
            .errors(400, 401, 409, 413, 422),
        ctx -> {
          operator.require(ctx);
          String statement =
              required(body(ctx, StatementImportRequest.class).statement(), "statement");
          ctx.json(service.importStatement(statement.getBytes(StandardCharsets.UTF_8)));
        });
    api.open(
        Operation.post("/api/v1/admin/wallet/pain001-exports", "exportPain001")
            .tag(ADMIN_TAG)
            .summary(
                "Operator only. Writes the pending withdrawals into a pain.001.001.09 file and marks them "
                    + "exported; 204 when none are pending.")
            .response(200, Pain001Export.class)
            .alsoSucceeds(204, "No withdrawal is pending; no file is written.")
            .errors(401, 409),
        ctx -> {
          operator.require(ctx);
          service
              .exportPending()
              .ifPresentOrElse(
                  export ->
                      ctx.json(
                          new Pain001Export(
                              export.exportId(),
                              new String(export.document(), StandardCharsets.UTF_8),
                              export.withdrawals().stream().map(WithdrawalResponse::of).toList())),
                  () -> ctx.status(204));
        });
    api.open(
        Operation.get("/api/v1/admin/wallet/pain001-exports/{exportId}", "getPain001Export")
            .tag(ADMIN_TAG)
            .summary(
                "Operator only. An earlier payout file exactly as first written (to replace a lost one; never "
                    + "export again), with its withdrawals as they stand now.")
            .response(200, Pain001Export.class)
            .errors(401, 404),
        ctx -> {
          operator.require(ctx);
          SepaService.Export export = service.earlierExport(ctx.pathParam("exportId"));
          ctx.json(
              new Pain001Export(
                  export.exportId(),
                  new String(export.document(), StandardCharsets.UTF_8),
                  export.withdrawals().stream().map(WithdrawalResponse::of).toList()));
        });
    api.open(
        Operation.get("/api/v1/admin/wallet/withdrawals", "listWithdrawalsForOperator")
            .tag(ADMIN_TAG)
            .queryString("status", "PENDING (default), EXPORTED, PAID or FAILED.")
            .summary(
                "Operator only. Withdrawals and merchant payouts (merchantId set) with status=PENDING (default), "
                    + "EXPORTED, PAID or FAILED, oldest first, at most "
                    + SepaService.EXPORT_ROWS_MAX
                    + ".")
            .response(200, WithdrawalList.class)
            .errors(400, 401),
        ctx -> {
          operator.require(ctx);
          ctx.json(
              new WithdrawalList(
                  service.withStatus(withdrawalStatus(ctx.queryParam("status"))).stream()
                      .map(WithdrawalResponse::of)
                      .toList()));
        });
    api.open(
        Operation.post("/api/v1/admin/wallet/withdrawals/{withdrawalId}/paid", "markWithdrawalPaid")
            .tag(ADMIN_TAG)
            .summary("Operator only. The bank paid an exported withdrawal.")
            .response(200, WithdrawalResponse.class)
            .errors(401, 404, 409),
        ctx -> {
          operator.require(ctx);
          ctx.json(WithdrawalResponse.of(service.markPaid(ctx.pathParam("withdrawalId"))));
        });
    api.open(
        Operation.post(
                "/api/v1/admin/wallet/withdrawals/{withdrawalId}/failed", "markWithdrawalFailed")
            .tag(ADMIN_TAG)
            .summary(
                "Operator only. A pending or exported withdrawal failed; the user (for a merchant "
                    + "payout: the merchant account) is refunded.")
            .response(200, WithdrawalResponse.class)
            .errors(401, 404, 409),
        ctx -> {
          operator.require(ctx);
          ctx.json(WithdrawalResponse.of(service.markFailed(ctx.pathParam("withdrawalId"))));
        });
  }

  private static Withdrawal.Status withdrawalStatus(String text) {
    if (text == null || text.isEmpty()) {
      return Withdrawal.Status.PENDING;
    }
    try {
      return Withdrawal.Status.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw RequestError.invalidParameter("status", "must be PENDING, EXPORTED, PAID or FAILED.");
    }
  }

  private static Long amount(Context ctx) {
    String text = ctx.queryParam("amountCents");
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      long cents = Long.parseLong(text);
      if (cents < 1 || cents > EpcQrCode.AMOUNT_CENTS_MAX) {
        throw RequestError.invalidParameter(
            "amountCents", "must be 1 to " + EpcQrCode.AMOUNT_CENTS_MAX + ".");
      }
      return cents;
    } catch (NumberFormatException e) {
      throw RequestError.invalidParameter("amountCents", "must be a whole number of cents.");
    }
  }

  private static int size(Context ctx) {
    return Requests.queryInt(
        ctx, "size", QrCodes.SIZE_PIXELS_DEFAULT, QrCodes.SIZE_PIXELS_MIN, QrCodes.SIZE_PIXELS_MAX);
  }
}
