package dev.atrium.sdk;

import java.time.Instant;
import java.util.List;

/**
 * Shapes of the SEPA endpoints: bank top-ups, withdrawals, and the operator's imports and exports.
 */
public final class SepaModels {
  private SepaModels() {}

  public record TopUpInstructions(
      String beneficiaryName,
      String iban,
      String bic,
      String reference,
      Long amountCents,
      String epcQrPayload) {}

  public record Withdrawal(
      String id,
      long amountCents,
      String creditorName,
      String creditorIban,
      String status,
      Instant createdAt,
      Instant updatedAt,
      String merchantId) {}

  public record WithdrawalList(List<Withdrawal> items) {}

  public record WithdrawalPage(List<Withdrawal> items, String nextCursor) {}

  public record Credited(
      String bankReference, String accountId, long amountCents, String postingId) {}

  public record Unmatched(
      String bankReference,
      String amount,
      String currency,
      String reason,
      String remittance,
      String debtorName) {}

  public record ImportReport(
      List<Credited> credited,
      List<Credited> alreadyImported,
      List<Unmatched> unmatched,
      int debitsSkipped) {}

  public record Pain001Export(String exportId, String document, List<Withdrawal> withdrawals) {}

  record WithdrawalRequest(long amountCents, String iban, String name, String pin) {}

  record StatementImport(String statement) {}
}
