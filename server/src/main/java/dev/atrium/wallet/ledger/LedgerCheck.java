package dev.atrium.wallet.ledger;

import java.util.List;

/**
 * The outcome of verifying the ledger: the journal sums to zero, every posting is balanced, and
 * every stored balance (and line count) equals what its lines say.
 *
 * @param journalTotalCents the sum of every line; zero in a sound ledger
 * @param balanceTotalCents the sum of every stored balance; zero in a sound ledger
 */
public record LedgerCheck(
    long journalTotalCents,
    long balanceTotalCents,
    long postings,
    long accounts,
    List<AccountProblem> accountProblems,
    List<String> unbalancedPostingIds) {

  /** Problems reported at most, so a badly broken ledger still gives a readable answer. */
  public static final int PROBLEMS_MAX = 1000;

  /**
   * An account whose stored state disagrees with its lines, or that is below zero without being
   * allowed to.
   */
  public record AccountProblem(
      AccountId account,
      long storedBalanceCents,
      long linesTotalCents,
      boolean negativeAllowed,
      long storedEntryCount,
      long lineCount) {
    public String describe() {
      StringBuilder text = new StringBuilder(account.value()).append(':');
      if (storedBalanceCents != linesTotalCents) {
        text.append(" stored balance ")
            .append(storedBalanceCents)
            .append(" but lines sum to ")
            .append(linesTotalCents);
      }
      if (storedEntryCount != lineCount) {
        text.append(" stored entry count ")
            .append(storedEntryCount)
            .append(" but has ")
            .append(lineCount)
            .append(" lines");
      }
      if (!negativeAllowed && storedBalanceCents < 0) {
        text.append(" negative balance ").append(storedBalanceCents);
      }
      return text.toString();
    }
  }

  public List<String> problems() {
    List<String> problems = new java.util.ArrayList<>();
    if (journalTotalCents != 0) {
      problems.add("journal sums to " + journalTotalCents + " cents, not 0");
    }
    if (balanceTotalCents != 0) {
      problems.add("stored balances sum to " + balanceTotalCents + " cents, not 0");
    }
    accountProblems.forEach(problem -> problems.add(problem.describe()));
    unbalancedPostingIds.forEach(id -> problems.add("posting " + id + " is not balanced"));
    return problems;
  }

  public boolean isBalanced() {
    return problems().isEmpty();
  }
}
