package dev.atrium.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of Atrium's wallet. Amounts are integer euro cents. */
public final class WalletModels {
  private WalletModels() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Wallet(
      long balanceCents,
      String currency,
      boolean pinSet,
      Instant pinLockedUntil,
      long paymentCentsMax,
      long dailyOutgoingCentsMax,
      long dailyOutgoingRemainingCents,
      boolean sandboxTopUpEnabled) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TopUp(String postingId, long amountCents, long balanceCents) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Transfer(
      String id,
      String conversationId,
      String senderAccountId,
      String recipientAccountId,
      long amountCents,
      String memo,
      String status,
      Instant createdAt,
      Instant expiresAt,
      Instant resolvedAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Claim(String accountId, long amountCents, Instant claimedAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RedPacket(
      String id,
      String conversationId,
      String senderAccountId,
      long totalCents,
      int count,
      String split,
      String memo,
      String status,
      long claimedCents,
      long refundedCents,
      List<Claim> claims,
      Long yourShareCents,
      Instant createdAt,
      Instant expiresAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record StatementLine(
      long entry,
      String postingId,
      String kind,
      long amountCents,
      long balanceAfterCents,
      String counterparty,
      String reference,
      String memo,
      Instant createdAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record StatementPage(List<StatementLine> lines, Long nextBefore) {}

  record SetPin(String pin, String currentPin, String password) {}

  record SandboxTopUp(long amountCents) {}

  record CreateTransfer(String conversationId, long amountCents, String memo, String pin) {}

  record CreateRedPacket(
      String conversationId, long totalCents, int count, String split, String memo, String pin) {}
}
