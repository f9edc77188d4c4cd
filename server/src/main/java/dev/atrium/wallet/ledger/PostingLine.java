package dev.atrium.wallet.ledger;

import java.util.Objects;

/**
 * One line of a posting: a positive amount raises the account's balance (a credit to a wallet), a
 * negative one lowers it (a debit). The lines of a posting sum to zero.
 */
public record PostingLine(AccountId account, long amountCents) {
  public PostingLine {
    Objects.requireNonNull(account, "account");
    if (amountCents == 0) {
      throw new IllegalArgumentException("A posting line moves a non-zero amount");
    }
  }
}
