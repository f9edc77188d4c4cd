package dev.atrium.wallet.ledger;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A posting to be written: balanced lines (they sum to zero, one line per account) plus what it is
 * for. Invalid postings are programmer errors and fail at construction; whether the money is there
 * is decided by the ledger when it is written.
 *
 * @param reference what the posting belongs to (a chat transfer id, a withdrawal id ...), or null
 * @param postingKey makes the posting exactly-once when not null: posting the same key again
 *     returns the first posting instead of moving money twice (SEPA entry ids, reversals)
 * @param memo a short text for statements, or null
 * @param reversesPostingId the posting this one reverses, or null
 */
public record LedgerPosting(
    PostingKind kind,
    List<PostingLine> lines,
    String reference,
    String postingKey,
    String memo,
    String reversesPostingId) {

  /** No single posting moves more than ten billion euros, so sums of lines can never overflow. */
  public static final long AMOUNT_CENTS_MAX = 1_000_000_000_000L;

  public static final int LINES_MAX = 16;
  public static final int TEXT_CHARS_MAX = 200;

  public LedgerPosting {
    Objects.requireNonNull(kind, "kind");
    lines = List.copyOf(lines);
    if (lines.size() < 2 || lines.size() > LINES_MAX) {
      throw new IllegalArgumentException("A posting has 2 to " + LINES_MAX + " lines");
    }
    long sum = 0;
    Set<AccountId> accounts = new HashSet<>();
    for (PostingLine line : lines) {
      if (Math.abs(line.amountCents()) > AMOUNT_CENTS_MAX) {
        throw new IllegalArgumentException("A line moves at most " + AMOUNT_CENTS_MAX + " cents");
      }
      if (!accounts.add(line.account())) {
        throw new IllegalArgumentException(
            "A posting has one line per account, twice: " + line.account());
      }
      sum += line.amountCents();
    }
    if (sum != 0) {
      throw new IllegalArgumentException("A posting's lines sum to zero, these sum to " + sum);
    }
    checkText("reference", reference);
    checkText("postingKey", postingKey);
    checkText("memo", memo);
    checkText("reversesPostingId", reversesPostingId);
  }

  /** The common case: {@code amountCents} moves from one account to another. */
  public static LedgerPosting transfer(
      PostingKind kind, AccountId from, AccountId to, long amountCents, String reference) {
    if (amountCents <= 0) {
      throw new IllegalArgumentException("A transfer moves a positive amount");
    }
    return new LedgerPosting(
        kind,
        List.of(new PostingLine(from, -amountCents), new PostingLine(to, amountCents)),
        reference,
        null,
        null,
        null);
  }

  public LedgerPosting withPostingKey(String key) {
    return new LedgerPosting(kind, lines, reference, key, memo, reversesPostingId);
  }

  public LedgerPosting withMemo(String text) {
    return new LedgerPosting(kind, lines, reference, postingKey, text, reversesPostingId);
  }

  /** The money moved: the sum of the positive lines. */
  public long amountCents() {
    return lines.stream().mapToLong(PostingLine::amountCents).filter(amount -> amount > 0).sum();
  }

  public Set<AccountId> accounts() {
    Set<AccountId> accounts = new HashSet<>();
    lines.forEach(line -> accounts.add(line.account()));
    return accounts;
  }

  private static void checkText(String name, String value) {
    if (value != null && (value.isEmpty() || value.length() > TEXT_CHARS_MAX)) {
      throw new IllegalArgumentException(
          name + " has 1 to " + TEXT_CHARS_MAX + " characters when given");
    }
  }
}
