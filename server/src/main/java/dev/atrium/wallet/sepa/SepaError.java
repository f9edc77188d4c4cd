package dev.atrium.wallet.sepa;

import dev.atrium.platform.errors.OperatingError;
import java.util.Map;

/** The ways SEPA input (account numbers, bank statements) can be refused; each has a stable code. */
public abstract sealed class SepaError extends OperatingError {
  private final Map<String, Object> details;

  private SepaError(int status, String code, String message, Map<String, Object> details) {
    super(status, code, message);
    this.details = details;
  }

  @Override
  public Map<String, Object> details() {
    return details;
  }

  /** An IBAN with a wrong country, length, character or check digits. */
  public static final class InvalidIban extends SepaError {
    InvalidIban(String field, String why) {
      super(422, "invalid_iban", "The IBAN is not valid: " + why, Map.of("field", field));
    }
  }

  /** A BIC that is not 8 or 11 characters of the ISO 9362 shape. */
  public static final class InvalidBic extends SepaError {
    InvalidBic(String field, String why) {
      super(422, "invalid_bic", "The BIC is not valid: " + why, Map.of("field", field));
    }
  }

  /** A bank statement that is not a camt.053 document we can read safely. */
  public static final class InvalidStatement extends SepaError {
    InvalidStatement(String why) {
      super(422, "invalid_statement", "The bank statement cannot be imported: " + why, Map.of());
    }
  }

  /** A bank statement larger than the import accepts. */
  public static final class StatementTooLarge extends SepaError {
    StatementTooLarge(long bytesMax) {
      super(413, "statement_too_large", "The bank statement exceeds " + bytesMax + " bytes.",
          Map.of("limitBytes", bytesMax));
    }
  }
}
