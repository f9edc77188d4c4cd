package dev.atrium.wallet.sepa;

/** A payout to an IBAN and where it stands. */
public record Withdrawal(String id, String accountId, long amountCents, String creditorName, String creditorIban,
    Status status, String exportId, long createdAtMillis, long updatedAtMillis) {

  /** PENDING: money at the payout account; EXPORTED: in a pain.001 file; PAID or FAILED: final. */
  public enum Status { PENDING, EXPORTED, PAID, FAILED }
}
