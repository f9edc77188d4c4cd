package dev.atrium.wallet;

/**
 * Proof that an account confirmed an outgoing payment with its payment PIN just now: only {@link
 * PaymentAuthorization#authorize} makes one, and every outgoing payment takes one.
 */
final class AuthorizedPayer {
  private final String accountId;

  AuthorizedPayer(String accountId) {
    this.accountId = accountId;
  }

  public String accountId() {
    return accountId;
  }
}
