package dev.atrium.sdk;

import dev.atrium.sdk.ContactModels.Image;
import dev.atrium.sdk.SepaModels.ImportReport;
import dev.atrium.sdk.SepaModels.Pain001Export;
import dev.atrium.sdk.SepaModels.TopUpInstructions;
import dev.atrium.sdk.SepaModels.Withdrawal;
import dev.atrium.sdk.SepaModels.WithdrawalPage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Bank top-ups and withdrawals as the signed-in device, and the operator's SEPA routes when the
 * {@link AtriumClient} carries the operator token instead. Immutable and thread-safe.
 */
public final class SepaClient {
  private final AtriumClient client;

  SepaClient(AtriumClient client) {
    this.client = client;
  }

  /**
   * Where to transfer money to top up, with this account's reference; {@code amountCents} may be
   * null.
   */
  public TopUpInstructions topUpInstructions(Long amountCents) {
    return client.send(
        "GET", "/api/v1/wallet/top-up" + amountQuery(amountCents), null, TopUpInstructions.class);
  }

  public Image topUpQrSvg(Long amountCents) {
    return client.getBinary("/api/v1/wallet/top-up/qr.svg" + amountQuery(amountCents));
  }

  public Image topUpQrPng(Long amountCents) {
    return client.getBinary("/api/v1/wallet/top-up/qr.png" + amountQuery(amountCents));
  }

  /** Pays {@code amountCents} out to an IBAN; the same {@code idempotencyKey} never pays twice. */
  public Withdrawal withdraw(
      long amountCents, String iban, String name, String pin, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/wallet/withdrawals",
        new SepaModels.WithdrawalRequest(amountCents, iban, name, pin),
        Map.of("Idempotency-Key", idempotencyKey),
        Withdrawal.class);
  }

  /**
   * This account's withdrawals, newest first; {@code before} is a previous page's cursor or null.
   */
  public WithdrawalPage withdrawals(int limit, String before) {
    return client.send(
        "GET",
        "/api/v1/wallet/withdrawals?limit="
            + limit
            + (before == null ? "" : "&before=" + AtriumClient.encode(before)),
        null,
        WithdrawalPage.class);
  }

  // Operator (the client's token is the operator token)

  public ImportReport importCamt053(byte[] statementXml) {
    return client.send(
        "POST",
        "/api/v1/admin/wallet/camt053-imports",
        new SepaModels.StatementImport(new String(statementXml, StandardCharsets.UTF_8)),
        ImportReport.class);
  }

  /** The new payout file, or null when no withdrawal was pending. */
  public Pain001Export exportPain001() {
    return client.send("POST", "/api/v1/admin/wallet/pain001-exports", null, Pain001Export.class);
  }

  /** An earlier payout file exactly as first written. */
  public Pain001Export earlierPain001(String exportId) {
    return client.send(
        "GET",
        "/api/v1/admin/wallet/pain001-exports/" + AtriumClient.encode(exportId),
        null,
        Pain001Export.class);
  }

  /**
   * Withdrawals and merchant payouts in one status (PENDING, EXPORTED, PAID, FAILED), oldest first.
   */
  public SepaModels.WithdrawalList withdrawalsWithStatus(String status) {
    return client.send(
        "GET",
        "/api/v1/admin/wallet/withdrawals?status=" + AtriumClient.encode(status),
        null,
        SepaModels.WithdrawalList.class);
  }

  public Withdrawal markWithdrawalPaid(String withdrawalId) {
    return client.send(
        "POST",
        "/api/v1/admin/wallet/withdrawals/" + AtriumClient.encode(withdrawalId) + "/paid",
        null,
        Withdrawal.class);
  }

  public Withdrawal markWithdrawalFailed(String withdrawalId) {
    return client.send(
        "POST",
        "/api/v1/admin/wallet/withdrawals/" + AtriumClient.encode(withdrawalId) + "/failed",
        null,
        Withdrawal.class);
  }

  private static String amountQuery(Long amountCents) {
    return amountCents == null ? "" : "?amountCents=" + amountCents;
  }
}
