package dev.atrium.wallet.ledger;

import java.util.Objects;

/**
 * The id of a ledger account: {@code user:<atrium account id>}, {@code merchant:<merchant id>} or
 * {@code system:<name>}. The kind is part of the id, so an id says whose money it is.
 */
public record AccountId(String value) implements Comparable<AccountId> {
  /** Sandbox and demo money comes from here; it goes negative by the amount handed out. */
  public static final AccountId FUNDING = new AccountId("system:funding");

  /** The operator's real bank account: SEPA top-ups are credited from it, so it may go negative. */
  public static final AccountId BANK = new AccountId("system:bank");

  /** Withdrawals wait here until the bank paid them out. */
  public static final AccountId PAYOUT = new AccountId("system:payout");

  /** Chat transfers and red packets wait here until accepted, claimed or refunded. */
  public static final AccountId ESCROW = new AccountId("system:escrow");

  /** Fees the operator earned. */
  public static final AccountId FEES = new AccountId("system:fees");

  private static final int OWNER_CHARS_MAX = 100;

  public AccountId {
    Objects.requireNonNull(value, "value");
    if (!value.startsWith("user:")
        && !value.startsWith("merchant:")
        && !value.startsWith("system:")) {
      throw new IllegalArgumentException("Not a ledger account id: " + value);
    }
  }

  public static AccountId user(String atriumAccountId) {
    return new AccountId("user:" + owner(atriumAccountId));
  }

  public static AccountId merchant(String merchantId) {
    return new AccountId("merchant:" + owner(merchantId));
  }

  public AccountKind kind() {
    if (value.startsWith("user:")) {
      return AccountKind.USER;
    }
    return value.startsWith("merchant:") ? AccountKind.MERCHANT : AccountKind.SYSTEM;
  }

  /** The Atrium account id, merchant id or system account name. */
  public String ownerId() {
    return value.substring(value.indexOf(':') + 1);
  }

  /** Only the accounts that stand for money outside the ledger may go below zero. */
  public boolean negativeAllowed() {
    return equals(FUNDING) || equals(BANK);
  }

  @Override
  public int compareTo(AccountId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String owner(String id) {
    Objects.requireNonNull(id, "owner id");
    if (id.isEmpty() || id.length() > OWNER_CHARS_MAX) {
      throw new IllegalArgumentException("An owner id has 1 to " + OWNER_CHARS_MAX + " characters");
    }
    return id;
  }
}
