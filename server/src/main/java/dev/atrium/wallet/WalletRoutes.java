package dev.atrium.wallet;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.wallet.WalletApi.CreateRedPacketRequest;
import dev.atrium.wallet.WalletApi.CreateTransferRequest;
import dev.atrium.wallet.WalletApi.RedPacketResponse;
import dev.atrium.wallet.WalletApi.SandboxTopUpRequest;
import dev.atrium.wallet.WalletApi.SetPinRequest;
import dev.atrium.wallet.WalletApi.StatementPage;
import dev.atrium.wallet.WalletApi.TopUpResponse;
import dev.atrium.wallet.WalletApi.TransferResponse;
import dev.atrium.wallet.WalletApi.WalletResponse;
import io.javalin.http.Context;

/** HTTP for the wallet: parse, call the wallet services, map to JSON. */
final class WalletRoutes implements RouteModule {
  private static final String TAG = "wallet";
  private static final String KEY_NOTE = Idempotency.OPENAPI_NOTE;
  private static final int PAGE_ROWS_DEFAULT = 50;
  private static final int PAGE_ROWS_MAX = 200;

  private final WalletService wallet;
  private final ChatTransferService transfers;
  private final RedPacketService redPackets;

  WalletRoutes(WalletService wallet, ChatTransferService transfers, RedPacketService redPackets) {
    this.wallet = wallet;
    this.transfers = transfers;
    this.redPackets = redPackets;
  }

  @Override
  public void register(Api api) {
    registerWallet(api);
    registerTransfers(api);
    registerRedPackets(api);
  }

  private void registerWallet(Api api) {
    api.authenticated(
        Operation.get("/api/v1/wallet", "getWallet")
            .tag(TAG)
            .summary("The caller's balance (euro cents), PIN state and limits.")
            .response(200, WalletResponse.class),
        (ctx, caller) -> ctx.json(wallet.wallet(caller.accountId())));
    api.authenticated(
        Operation.put("/api/v1/wallet/pin", "setPaymentPin")
            .tag(TAG)
            .summary(
                "Set the 6-digit payment PIN. Changing it needs currentPin or, for a forgotten PIN, password. "
                    + "Wrong current PINs count towards the lock (5 tries, then 15 minutes).")
            .request(SetPinRequest.class)
            .noContent()
            .errors(400, 403, 409, 422, 423, 429),
        (ctx, caller) -> {
          SetPinRequest request = body(ctx, SetPinRequest.class);
          required(request.pin(), "pin");
          wallet.setPin(caller.accountId(), request);
          ctx.status(204);
        });
    api.authenticated(
        Operation.post("/api/v1/wallet/sandbox/top-ups", "sandboxTopUp")
            .tag(TAG)
            .summary(
                "Add demo money from the sandbox funding source; only where the operator enabled it "
                    + "(otherwise 403 sandbox_disabled)."
                    + KEY_NOTE)
            .request(SandboxTopUpRequest.class)
            .response(201, TopUpResponse.class)
            .errors(400, 403, 409, 422),
        (ctx, caller) -> {
          String key = Idempotency.key(ctx);
          SandboxTopUpRequest request = body(ctx, SandboxTopUpRequest.class);
          required(request.amountCents(), "amountCents");
          Idempotency.respond(ctx, wallet.sandboxTopUp(caller.accountId(), key, request));
        });
    api.authenticated(
        Operation.get("/api/v1/wallet/statement", "getStatement")
            .tag(TAG)
            .queryString(
                "before", "The nextBefore of the previous page; absent for the first page.")
            .queryInteger(
                "limit",
                1,
                PAGE_ROWS_MAX,
                "The most rows to return; default " + PAGE_ROWS_DEFAULT + ".")
            .summary(
                "The caller's wallet lines, newest first; limit 1-"
                    + PAGE_ROWS_MAX
                    + "; before=nextBefore of the previous page.")
            .response(200, StatementPage.class)
            .errors(400),
        (ctx, caller) ->
            ctx.json(
                wallet.statement(
                    caller.accountId(),
                    before(ctx),
                    Requests.queryInt(ctx, "limit", PAGE_ROWS_DEFAULT, 1, PAGE_ROWS_MAX))));
    api.authenticated(
        Operation.get("/api/v1/wallet/statement.csv", "exportStatementCsv")
            .tag(TAG)
            .queryString("before", "As for the JSON statement.")
            .queryInteger(
                "limit",
                1,
                WalletService.CSV_ROWS_MAX,
                "The most rows to return; default " + 1000 + ".")
            .summary(
                "The caller's wallet lines as CSV (text/csv), newest first; limit 1-"
                    + WalletService.CSV_ROWS_MAX
                    + " (default 1000); before= as for the JSON statement.")
            .binaryResponse(200)
            .errors(400),
        (ctx, caller) -> {
          String csv =
              wallet.statementCsv(
                  caller.accountId(),
                  before(ctx),
                  Requests.queryInt(ctx, "limit", 1000, 1, WalletService.CSV_ROWS_MAX));
          ctx.header("Content-Disposition", "attachment; filename=\"atrium-wallet-statement.csv\"");
          ctx.contentType("text/csv; charset=utf-8").result(csv);
        });
  }

  private void registerTransfers(Api api) {
    api.authenticated(
        Operation.post("/api/v1/wallet/transfers", "createChatTransfer")
            .tag(TAG)
            .summary(
                "Send money to the other member of a 1:1 chat, confirmed with the PIN. The amount is held until "
                    + "the recipient accepts or declines; after 24 hours it is refunded."
                    + KEY_NOTE)
            .request(CreateTransferRequest.class)
            .response(201, TransferResponse.class)
            .errors(400, 403, 404, 409, 422, 423),
        (ctx, caller) -> {
          String key = Idempotency.key(ctx);
          CreateTransferRequest request = body(ctx, CreateTransferRequest.class);
          required(request.conversationId(), "conversationId");
          required(request.amountCents(), "amountCents");
          Idempotency.respond(ctx, transfers.create(caller.accountId(), key, request));
        });
    api.authenticated(
        Operation.get("/api/v1/wallet/transfers/{transferId}", "getChatTransfer")
            .tag(TAG)
            .summary("A transfer the caller sent or received, with its status.")
            .response(200, TransferResponse.class)
            .errors(404),
        (ctx, caller) -> ctx.json(transfers.get(caller.accountId(), ctx.pathParam("transferId"))));
    api.authenticated(
        Operation.post("/api/v1/wallet/transfers/{transferId}/accept", "acceptChatTransfer")
            .tag(TAG)
            .summary(
                "The recipient takes a pending transfer (410 expired once its time ran out)."
                    + KEY_NOTE)
            .response(200, TransferResponse.class)
            .errors(400, 403, 404, 409, 410),
        (ctx, caller) ->
            Idempotency.respond(
                ctx,
                transfers.accept(
                    caller.accountId(), Idempotency.key(ctx), ctx.pathParam("transferId"))));
    api.authenticated(
        Operation.post("/api/v1/wallet/transfers/{transferId}/decline", "declineChatTransfer")
            .tag(TAG)
            .summary(
                "The recipient refuses a pending transfer; the sender gets the money back."
                    + KEY_NOTE)
            .response(200, TransferResponse.class)
            .errors(400, 403, 404, 409, 410),
        (ctx, caller) ->
            Idempotency.respond(
                ctx,
                transfers.decline(
                    caller.accountId(), Idempotency.key(ctx), ctx.pathParam("transferId"))));
  }

  private void registerRedPackets(Api api) {
    api.authenticated(
        Operation.post("/api/v1/wallet/red-packets", "createRedPacket")
            .tag(TAG)
            .summary(
                "Put money into a red packet for a chat, split equally or by luck into count shares (each at least "
                    + "1 cent), confirmed with the PIN. What is not claimed in 24 hours is refunded."
                    + KEY_NOTE)
            .request(CreateRedPacketRequest.class)
            .response(201, RedPacketResponse.class)
            .errors(400, 403, 404, 409, 422, 423),
        (ctx, caller) -> {
          String key = Idempotency.key(ctx);
          CreateRedPacketRequest request = body(ctx, CreateRedPacketRequest.class);
          required(request.conversationId(), "conversationId");
          required(request.totalCents(), "totalCents");
          required(request.count(), "count");
          Idempotency.respond(ctx, redPackets.create(caller.accountId(), key, request));
        });
    api.authenticated(
        Operation.get("/api/v1/wallet/red-packets/{redPacketId}", "getRedPacket")
            .tag(TAG)
            .summary(
                "A red packet of one of the caller's chats: who got how much, and what is left.")
            .response(200, RedPacketResponse.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(redPackets.get(caller.accountId(), ctx.pathParam("redPacketId"))));
    api.authenticated(
        Operation.post("/api/v1/wallet/red-packets/{redPacketId}/claim", "claimRedPacket")
            .tag(TAG)
            .summary(
                "Take the next share of a red packet; once per member (409 already_claimed, 409 red_packet_empty, "
                    + "410 expired); 404 for anyone outside its chat."
                    + KEY_NOTE)
            .response(200, RedPacketResponse.class)
            .errors(400, 403, 404, 409, 410),
        (ctx, caller) ->
            Idempotency.respond(
                ctx,
                redPackets.claim(
                    caller.accountId(), Idempotency.key(ctx), ctx.pathParam("redPacketId"))));
  }

  private static Long before(Context ctx) {
    String raw = ctx.queryParam("before");
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      long value = Long.parseLong(raw);
      if (value < 1) {
        throw RequestError.invalidParameter("before", "must be a positive entry number.");
      }
      return value;
    } catch (NumberFormatException e) {
      throw RequestError.invalidParameter("before", "must be an entry number.");
    }
  }
}
