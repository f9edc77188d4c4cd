package dev.atrium.wallet.ledger;

import dev.atrium.platform.errors.OperatingError;

/** The ways the ledger refuses a posting; each has a stable code. */
public abstract sealed class LedgerError extends OperatingError {
  private LedgerError(int status, String code, String message) {
    super(status, code, message);
  }

  /** An account without a balance that may go negative lacks the money. */
  public static final class InsufficientFunds extends LedgerError {
    private final transient AccountId account;

    public InsufficientFunds(AccountId account) {
      super(409, "insufficient_funds", "The balance is too low for this payment.");
      this.account = account;
    }

    public AccountId account() {
      return account;
    }
  }

  /** A line names an account the ledger does not have (a merchant not created yet, say). */
  public static final class UnknownAccount extends LedgerError {
    public UnknownAccount(AccountId account) {
      super(404, "account_not_found", "No such wallet account.");
    }
  }

  /** The posting key was used before for a different posting. */
  public static final class PostingKeyConflict extends LedgerError {
    public PostingKeyConflict() {
      super(
          409,
          "posting_key_conflict",
          "This posting key was already used for a different posting.");
    }
  }

  /** Reversing a posting that does not exist. */
  public static final class PostingNotFound extends LedgerError {
    public PostingNotFound() {
      super(404, "posting_not_found", "No such posting.");
    }
  }
}
