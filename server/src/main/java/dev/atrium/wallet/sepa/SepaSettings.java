package dev.atrium.wallet.sepa;

import dev.atrium.platform.config.ConfigException;
import dev.atrium.platform.config.ConfigTree;
import dev.atrium.platform.errors.OperatingError;
import java.util.Locale;

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
 * @param adminTokenSha256 SHA-256 (hex) of the operator token that the admin HTTP routes require as
 *     a bearer token; null: the admin HTTP routes refuse every call
 */
public record SepaSettings(
    String operatorName,
    Iban operatorIban,
    Bic operatorBic,
    long statementBytesMax,
    int statementEntriesMax,
    String adminTokenSha256) {
  public SepaSettings {
    if (operatorName == null
        || operatorName.isBlank()
        || operatorName.length() > EpcQrCode.NAME_LENGTH_MAX) {
      throw new IllegalArgumentException("wallet.sepa.operatorName must be 1-70 characters");
    }
    if (adminTokenSha256 != null && !adminTokenSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "admin.tokenSha256 must be 64 lower-case hex digits (sha256sum of the token)");
    }
  }

  public boolean bankConfigured() {
    return operatorIban != null;
  }

  /** Reads the {@code wallet.sepa.*} settings and the operator's {@code admin.tokenSha256}. */
  public static SepaSettings read(ConfigTree config) {
    try {
      String iban = config.text("wallet.sepa.operatorIban", "ATRIUM_SEPA_OPERATOR_IBAN", "");
      String bic = config.text("wallet.sepa.operatorBic", "ATRIUM_SEPA_OPERATOR_BIC", "");
      String token = config.text("admin.tokenSha256", "ATRIUM_ADMIN_TOKEN_SHA256", "");
      return new SepaSettings(
          config.text("wallet.sepa.operatorName", "ATRIUM_SEPA_OPERATOR_NAME", "Atrium"),
          iban.isBlank() ? null : Iban.parse(iban, "wallet.sepa.operatorIban"),
          bic.isBlank() ? null : Bic.parse(bic, "wallet.sepa.operatorBic"),
          config.longInteger("wallet.sepa.statementBytesMax", null, 16_777_216L, 1024, 1L << 30),
          config.integer("wallet.sepa.statementEntriesMax", null, 10_000, 1, 1_000_000),
          token.isBlank() ? null : token.trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException | OperatingError e) {
      throw new ConfigException("wallet.sepa / admin: " + e.getMessage());
    }
  }
}
