package dev.atrium.wallet.sepa;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the SEPA endpoints. */
public final class SepaApi {
  private SepaApi() {}

  record TopUpInstructions(
      @Required @Description("Account holder to transfer to.") String beneficiaryName,
      @Required @Description("IBAN to transfer to, electronic form.") String iban,
      @Description("BIC of the operator's bank, if configured.") String bic,
      @Required
          @Description(
              "The caller's ISO 11649 reference (RF...); put it in the structured reference, "
                  + "or in the remittance text if the bank has no such field.")
          String reference,
      @Description("Amount the QR code asks for, when one was given.") Long amountCents,
      @Required @Description("The EPC069-12 (GiroCode) text the QR code holds.")
          String epcQrPayload) {}

  record WithdrawalRequest(
      @Required @Description("Euro cents to pay out, at least 1.") Long amountCents,
      @Required @Description("The account to pay to; spaces allowed; checksum validated.")
          String iban,
      @Required
          @Description(
              "The account holder's name, 1-70 characters, in Latin letters (accents and "
                  + "letters such as ß or Ł are transliterated in the payout file; other scripts are refused).")
          String name,
      @Required @Description("The caller's six-digit payment PIN.") String pin) {}

  public record WithdrawalResponse(
      @Required String id,
      @Required long amountCents,
      @Required String creditorName,
      @Required String creditorIban,
      @Required @Description("PENDING, EXPORTED, PAID or FAILED (refunded).")
          Withdrawal.Status status,
      @Required Instant createdAt,
      @Required Instant updatedAt,
      @Description("Set for a merchant payout: the shop whose balance it pays out.")
          String merchantId) {
    public static WithdrawalResponse of(Withdrawal withdrawal) {
      return new WithdrawalResponse(
          withdrawal.id(),
          withdrawal.amountCents(),
          withdrawal.creditorName(),
          withdrawal.creditorIban(),
          withdrawal.status(),
          Instant.ofEpochMilli(withdrawal.createdAtMillis()),
          Instant.ofEpochMilli(withdrawal.updatedAtMillis()),
          withdrawal.merchantId());
    }
  }

  record WithdrawalList(@Required List<WithdrawalResponse> items) {}

  record WithdrawalPage(
      @Required List<WithdrawalResponse> items,
      @Description("Pass as before= for the next page; absent on the last page.")
          String nextCursor) {}

  record StatementImportRequest(
      @Required @Description("The camt.053 XML document as text.") String statement) {}

  record Pain001Export(
      @Required String exportId,
      @Required @Description("The pain.001.001.09 XML document to upload to the bank.")
          String document,
      @Required List<WithdrawalResponse> withdrawals) {}
}
