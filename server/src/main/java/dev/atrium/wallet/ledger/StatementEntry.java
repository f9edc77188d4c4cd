package dev.atrium.wallet.ledger;

/**
 * One line of an account's statement, newest first when listed.
 *
 * @param entrySeq the account's line number, also the paging cursor
 * @param counterparty the single other account of the posting, or null when it has several
 */
public record StatementEntry(
    long entrySeq,
    String postingId,
    PostingKind kind,
    long amountCents,
    long balanceAfterCents,
    String reference,
    String memo,
    AccountId counterparty,
    long createdAtMillis) {}
