package dev.atrium.wallet.sepa;

import dev.atrium.platform.errors.OperatingError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ways SEPA input (account numbers, bank statements) can be refused; each has a stable code.
 */
abstract sealed class SepaError extends OperatingError {
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
  static final class InvalidIban extends SepaError {
    InvalidIban(String field, String why) {
      super(422, "invalid_iban", "The IBAN is not valid: " + why, Map.of("field", field));
    }
  }

  /** A BIC that is not 8 or 11 characters of the ISO 9362 shape. */
  static final class InvalidBic extends SepaError {
    InvalidBic(String field, String why) {
      super(422, "invalid_bic", "The BIC is not valid: " + why, Map.of("field", field));
    }
  }

  /** A bank statement that is not a camt.053 document we can read safely. */
  static final class InvalidStatement extends SepaError {
    InvalidStatement(String why) {
      super(422, "invalid_statement", "The bank statement cannot be imported: " + why, Map.of());
    }
  }

  /** The statement is of an account other than the operator's; nothing of it is credited. */
  static final class StatementAccountMismatch extends SepaError {
    StatementAccountMismatch(String statementId, String accountIban, String operatorIban) {
      super(
          422,
          "statement_account_mismatch",
          "Statement "
              + statementId
              + " is for account "
              + (accountIban == null ? "(no IBAN given)" : accountIban)
              + ", not the operator's account "
              + operatorIban
              + "; nothing was imported.",
          details(statementId, accountIban));
    }

    private static Map<String, Object> details(String statementId, String accountIban) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("statementId", statementId == null ? "" : statementId);
      details.put("accountIban", accountIban == null ? "" : accountIban);
      return details;
    }
  }

  static final class StatementTooLarge extends SepaError {
    StatementTooLarge(long bytesMax) {
      super(
          413,
          "statement_too_large",
          "The bank statement exceeds " + bytesMax + " bytes.",
          Map.of("limitBytes", bytesMax));
    }
  }

  /** Bank top-ups and payouts need the operator's IBAN in the configuration. */
  static final class NotConfigured extends SepaError {
    NotConfigured() {
      super(409, "sepa_not_configured", "Bank transfers are not set up on this server.", Map.of());
    }
  }

  static final class WithdrawalNotFound extends SepaError {
    WithdrawalNotFound() {
      super(404, "withdrawal_not_found", "No such withdrawal.", Map.of());
    }
  }

  /** Paid or failed withdrawals are final; only exported ones can be paid. */
  static final class WithdrawalState extends SepaError {
    WithdrawalState(String status, String needed) {
      super(
          409,
          "withdrawal_state",
          "The withdrawal is " + status + "; this needs it " + needed + ".",
          Map.of("status", status));
    }
  }

  /** A bearer token that is not the operator's, or no admin token configured. */
  static final class OperatorOnly extends SepaError {
    OperatorOnly() {
      super(
          401,
          "operator_token_required",
          "Send the operator token (admin.tokenSha256 in the configuration) as a bearer token.",
          Map.of());
    }
  }

  /** Deleting an account while its withdrawals are still pending or exported. */
  static final class WithdrawalsOpen extends SepaError {
    WithdrawalsOpen() {
      super(
          409,
          "withdrawals_open",
          "Your withdrawals are still on their way; wait until they are paid or failed.",
          Map.of());
    }
  }

  static final class ExportNotFound extends SepaError {
    ExportNotFound() {
      super(404, "export_not_found", "No payout file with this export id.", Map.of());
    }
  }
}
