package dev.atrium.wallet.ledger;

/** A ledger account as stored: its balance and how many lines it has. */
public record LedgerAccount(
    AccountId id,
    AccountKind kind,
    String ownerId,
    long balanceCents,
    boolean negativeAllowed,
    long entryCount,
    long createdAtMillis) {}
