package dev.atrium.wallet.sepa;

/**
 * The operator's bank account and the bounds of statement imports.
 *
 * @param operatorName the account holder's name shown in top-up codes and written as debtor in
 *     payout files
 * @param operatorIban the account users transfer top-ups to and payouts leave from; null: bank
 *     top-ups and payouts are switched off (the routes answer 409 sepa_not_configured)
 * @param operatorBic may be null: EPC QR version 002 and SEPA payouts work without one
 * @param statementBytesMax largest camt.053 file an import reads
 * @param statementEntriesMax most entries one import handles
 * @param adminTokenSha256 SHA-256 (hex) of the operator token that the admin HTTP routes
 *     require as a bearer token; null: the admin HTTP routes refuse every call
 */
public record SepaSettings(String operatorName, Iban operatorIban, Bic operatorBic, long statementBytesMax,
    int statementEntriesMax, String adminTokenSha256) {
  public SepaSettings {
    if (operatorName == null || operatorName.isBlank() || operatorName.length() > EpcQrCode.NAME_LENGTH_MAX) {
      throw new IllegalArgumentException("wallet.sepa.operatorName must be 1-70 characters");
    }
    if (adminTokenSha256 != null && !adminTokenSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("admin.tokenSha256 must be 64 lower-case hex digits (sha256sum of the token)");
    }
  }

  public boolean bankConfigured() {
    return operatorIban != null;
  }
}
