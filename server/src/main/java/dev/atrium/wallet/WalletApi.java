package dev.atrium.wallet;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import dev.atrium.wallet.ledger.StatementEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of the wallet endpoints. Amounts are integer euro cents. */
final class WalletApi {
  private WalletApi() {}

  record WalletResponse(
      @Required @Description("The balance in euro cents.") long balanceCents,
      @Required String currency,
      @Required boolean pinSet,
      @Description("Outgoing payments are locked until then after too many wrong PINs.")
          Instant pinLockedUntil,
      @Required long paymentCentsMax,
      @Required long dailyOutgoingCentsMax,
      @Required @Description("What may still go out today (UTC).") long dailyOutgoingRemainingCents,
      @Required boolean sandboxTopUpEnabled) {}

  record SetPinRequest(
      @Required @Description("Exactly 6 digits.") String pin,
      @Description("The current PIN, to change it.") String currentPin,
      @Description("The account password, to replace a forgotten PIN.") String password) {}

  record SandboxTopUpRequest(
      @Required @Description("Euro cents to add from the sandbox funding source.")
          Long amountCents) {}

  record TopUpResponse(
      @Required String postingId, @Required long amountCents, @Required long balanceCents) {}

  record CreateTransferRequest(
      @Required @Description("A 1:1 conversation of the caller; the other member receives.")
          String conversationId,
      @Required Long amountCents,
      @Description("Up to 200 characters.") String memo,
      @Required @Description("The payment PIN.") String pin) {
    /** The request as fingerprinted for idempotency: without the PIN. */
    Object withoutPin() {
      return new CreateTransferRequest(conversationId, amountCents, memo, null);
    }
  }

  record TransferResponse(
      @Required String id,
      @Required String conversationId,
      @Required String senderAccountId,
      @Required String recipientAccountId,
      @Required long amountCents,
      String memo,
      @Required @Description("pending, accepted, declined or refunded (expired).") String status,
      @Required Instant createdAt,
      @Required Instant expiresAt,
      Instant resolvedAt) {
    static TransferResponse of(ChatTransfer transfer) {
      return new TransferResponse(
          transfer.id(),
          transfer.conversationId(),
          transfer.senderAccountId(),
          transfer.recipientAccountId(),
          transfer.amountCents(),
          transfer.memo(),
          transfer.status().name().toLowerCase(Locale.ROOT),
          Instant.ofEpochMilli(transfer.createdAtMillis()),
          Instant.ofEpochMilli(transfer.expiresAtMillis()),
          transfer.resolvedAtMillis() == null
              ? null
              : Instant.ofEpochMilli(transfer.resolvedAtMillis()));
    }
  }

  record CreateRedPacketRequest(
      @Required @Description("A conversation of the caller (1:1 or group).") String conversationId,
      @Required Long totalCents,
      @Required @Description("Shares, at most the members who may claim and the server's limit.")
          Integer count,
      @Required @Description("equal or lucky.") String split,
      @Description("Up to 200 characters.") String memo,
      @Required @Description("The payment PIN.") String pin) {
    Object withoutPin() {
      return new CreateRedPacketRequest(conversationId, totalCents, count, split, memo, null);
    }
  }

  record ClaimResponse(
      @Required String accountId, @Required long amountCents, @Required Instant claimedAt) {
    static ClaimResponse of(RedPacket.Share share) {
      return new ClaimResponse(
          share.claimedBy(), share.amountCents(), Instant.ofEpochMilli(share.claimedAtMillis()));
    }
  }

  record RedPacketResponse(
      @Required String id,
      @Required String conversationId,
      @Required String senderAccountId,
      @Required long totalCents,
      @Required int count,
      @Required String split,
      String memo,
      @Required @Description("open, empty (all claimed) or refunded (expired; the rest went back).")
          String status,
      @Required long claimedCents,
      @Required long refundedCents,
      @Required @Description("Who got how much, in claim order.") List<ClaimResponse> claims,
      @Description("The caller's own share, if claimed.") Long yourShareCents,
      @Required Instant createdAt,
      @Required Instant expiresAt) {
    static RedPacketResponse of(RedPacket.WithClaims view, String callerAccountId) {
      RedPacket packet = view.packet();
      List<ClaimResponse> claims = view.claims().stream().map(ClaimResponse::of).toList();
      Long own =
          view.claims().stream()
              .filter(share -> callerAccountId.equals(share.claimedBy()))
              .map(RedPacket.Share::amountCents)
              .findFirst()
              .orElse(null);
      return new RedPacketResponse(
          packet.id(),
          packet.conversationId(),
          packet.senderAccountId(),
          packet.totalCents(),
          packet.shareCount(),
          packet.split().name().toLowerCase(Locale.ROOT),
          packet.memo(),
          packet.status().name().toLowerCase(Locale.ROOT),
          packet.claimedCents(),
          packet.refundedCents(),
          claims,
          own,
          Instant.ofEpochMilli(packet.createdAtMillis()),
          Instant.ofEpochMilli(packet.expiresAtMillis()));
    }
  }

  record StatementLine(
      @Required @Description("The line's number in this account; also the paging cursor.")
          long entry,
      @Required String postingId,
      @Required
          @Description("What it was: sandbox_top_up, chat_transfer_hold, red_packet_claim ...")
          String kind,
      @Required @Description("Positive: money in; negative: money out.") long amountCents,
      @Required long balanceAfterCents,
      @Description(
              "The other account (user:..., merchant:..., system:...) when there is exactly one.")
          String counterparty,
      @Description(
              "The other person's Atrium account id for chat transfers (sent, received or returned) and red"
                  + " packet shares received, although the money went through escrow; null otherwise.")
          String otherAccountId,
      @Description("The payment this belongs to (transfer or red packet id ...).") String reference,
      String memo,
      @Required Instant createdAt) {
    static StatementLine of(StatementEntry entry, String otherAccountId) {
      return new StatementLine(
          entry.entrySeq(),
          entry.postingId(),
          entry.kind().name().toLowerCase(Locale.ROOT),
          entry.amountCents(),
          entry.balanceAfterCents(),
          entry.counterparty() == null ? null : entry.counterparty().value(),
          otherAccountId,
          entry.reference(),
          entry.memo(),
          Instant.ofEpochMilli(entry.createdAtMillis()));
    }
  }

  record StatementPage(
      @Required List<StatementLine> lines,
      @Description("Pass as before= for the next (older) page; absent on the last page.")
          Long nextBefore) {}
}
