package dev.atrium.wallet.ledger;

/**
 * What a posting is for. Stored by name; statements show it. The list covers the whole wallet
 * (sandbox, SEPA, chats, merchants) so features add postings without touching the ledger.
 */
public enum PostingKind {
  SANDBOX_TOP_UP,
  BANK_TOP_UP,
  WITHDRAWAL,
  WITHDRAWAL_PAID,
  WITHDRAWAL_REFUND,
  CHAT_TRANSFER_HOLD,
  CHAT_TRANSFER_ACCEPT,
  CHAT_TRANSFER_REFUND,
  RED_PACKET_HOLD,
  RED_PACKET_CLAIM,
  RED_PACKET_REFUND,
  MERCHANT_PAYMENT,
  MERCHANT_REFUND,
  FEE,
  /** A posting that undoes another one line by line (see {@link Ledger#reverse}). */
  REVERSAL,
  /** An operator's correction, for the rare case no other kind fits. */
  ADJUSTMENT
}
