package dev.atrium.wallet.ledger;

import java.util.List;

/**
 * A posting as written: its id, time, and each line with the account's entry number and the balance
 * right after it.
 *
 * @param replayed true when the posting key had been used before and this is the first posting,
 *     returned again without moving money
 */
public record StoredPosting(
    String id,
    PostingKind kind,
    long amountCents,
    List<Line> lines,
    String reference,
    String postingKey,
    String memo,
    String reversesPostingId,
    long createdAtMillis,
    boolean replayed) {

  /** One stored line. */
  public record Line(AccountId account, long entrySeq, long amountCents, long balanceAfterCents) {}

  public StoredPosting {
    lines = List.copyOf(lines);
  }

  StoredPosting asReplay() {
    return new StoredPosting(
        id,
        kind,
        amountCents,
        lines,
        reference,
        postingKey,
        memo,
        reversesPostingId,
        createdAtMillis,
        true);
  }

  /** The line of one account, if it is part of this posting. */
  public java.util.Optional<Line> lineOf(AccountId account) {
    return lines.stream().filter(line -> line.account().equals(account)).findFirst();
  }
}
