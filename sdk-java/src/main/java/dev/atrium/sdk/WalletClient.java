package dev.atrium.sdk;

import dev.atrium.sdk.WalletModels.RedPacket;
import dev.atrium.sdk.WalletModels.StatementPage;
import dev.atrium.sdk.WalletModels.TopUp;
import dev.atrium.sdk.WalletModels.Transfer;
import dev.atrium.sdk.WalletModels.Wallet;
import java.util.Map;

/**
 * The wallet, as the account of the {@link AtriumClient} it came from. Money-moving calls take the
 * Idempotency-Key to send: retrying with the same key is safe. Immutable and thread-safe.
 */
public final class WalletClient {
  private final AtriumClient client;

  WalletClient(AtriumClient client) {
    this.client = client;
  }

  public Wallet get() {
    return client.send("GET", "/api/v1/wallet", null, Wallet.class);
  }

  /** Sets the first PIN (currentPin and password null), or changes it with one of them. */
  public void setPin(String pin, String currentPin, String password) {
    client.send(
        "PUT",
        "/api/v1/wallet/pin",
        new WalletModels.SetPin(pin, currentPin, password),
        Void.class);
  }

  public TopUp sandboxTopUp(long amountCents, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/wallet/sandbox/top-ups",
        new WalletModels.SandboxTopUp(amountCents),
        key(idempotencyKey),
        TopUp.class);
  }

  /** Sends money to the other member of a 1:1 conversation; it waits in escrow until accepted. */
  public Transfer sendTransfer(
      String conversationId, long amountCents, String memo, String pin, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/wallet/transfers",
        new WalletModels.CreateTransfer(conversationId, amountCents, memo, pin),
        key(idempotencyKey),
        Transfer.class);
  }

  public Transfer transfer(String transferId) {
    return client.send(
        "GET", "/api/v1/wallet/transfers/" + AtriumClient.encode(transferId), null, Transfer.class);
  }

  public Transfer acceptTransfer(String transferId, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/wallet/transfers/" + AtriumClient.encode(transferId) + "/accept",
        null,
        key(idempotencyKey),
        Transfer.class);
  }

  public Transfer declineTransfer(String transferId, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/wallet/transfers/" + AtriumClient.encode(transferId) + "/decline",
        null,
        key(idempotencyKey),
        Transfer.class);
  }

  /** A red packet of {@code count} shares, split "equal" or "lucky". */
  public RedPacket sendRedPacket(
      String conversationId,
      long totalCents,
      int count,
      String split,
      String memo,
      String pin,
      String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/wallet/red-packets",
        new WalletModels.CreateRedPacket(conversationId, totalCents, count, split, memo, pin),
        key(idempotencyKey),
        RedPacket.class);
  }

  public RedPacket redPacket(String redPacketId) {
    return client.send(
        "GET",
        "/api/v1/wallet/red-packets/" + AtriumClient.encode(redPacketId),
        null,
        RedPacket.class);
  }

  public RedPacket claimRedPacket(String redPacketId, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/wallet/red-packets/" + AtriumClient.encode(redPacketId) + "/claim",
        null,
        key(idempotencyKey),
        RedPacket.class);
  }

  /**
   * One page of the statement, newest first; {@code before} is the previous page's nextBefore, or
   * null.
   */
  public StatementPage statement(Long before, int limit) {
    String query = "?limit=" + limit + (before == null ? "" : "&before=" + before);
    return client.send("GET", "/api/v1/wallet/statement" + query, null, StatementPage.class);
  }

  /** The statement as CSV text. */
  public String statementCsv(int limit) {
    RawResponse response =
        client.raw("GET", "/api/v1/wallet/statement.csv?limit=" + limit, null, null);
    if (response.status() >= 400) {
      throw AtriumClient.toException(response);
    }
    return response.body();
  }

  private static Map<String, String> key(String idempotencyKey) {
    return idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
  }
}
