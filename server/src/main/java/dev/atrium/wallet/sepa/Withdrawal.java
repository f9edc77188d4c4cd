package dev.atrium.wallet.sepa;

/**
 * A payout to an IBAN and where it stands: a person's withdrawal ({@code merchantId} null, the
 * money came from {@code accountId}'s wallet) or a merchant payout (the money came from the
 * merchant's account; {@code accountId} is the owner who asked for it).
 */
public record Withdrawal(
    String id,
    String accountId,
    long amountCents,
    String creditorName,
    String creditorIban,
    Status status,
    String exportId,
    long createdAtMillis,
    long updatedAtMillis,
    String merchantId) {

  /** The ledger account the money came from, and goes back to if the payout fails. */
  public dev.atrium.wallet.ledger.AccountId source() {
    return merchantId == null
        ? dev.atrium.wallet.ledger.AccountId.user(accountId)
        : dev.atrium.wallet.ledger.AccountId.merchant(merchantId);
  }

  /** PENDING: money at the payout account; EXPORTED: in a pain.001 file; PAID or FAILED: final. */
  public enum Status {
    PENDING,
    EXPORTED,
    PAID,
    FAILED
  }
}
