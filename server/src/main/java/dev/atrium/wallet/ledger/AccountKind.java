package dev.atrium.wallet.ledger;

/** Who a ledger account belongs to. */
public enum AccountKind {
  /** A person's wallet, one per Atrium account, created on first use. */
  USER,
  /** A merchant's takings. */
  MERCHANT,
  /** The operator's accounts: funding, bank, payout, escrow, fees. */
  SYSTEM
}
