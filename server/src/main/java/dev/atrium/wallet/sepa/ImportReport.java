package dev.atrium.wallet.sepa;

import java.util.List;

/**
 * What one camt.053 import did: entries credited now, entries credited by an earlier import, and
 * credits nobody could be matched to (for the operator to handle by hand). Debits are the
 * operator's own payouts and are only counted.
 */
public record ImportReport(
    List<Credited> credited,
    List<Credited> alreadyImported,
    List<Unmatched> unmatched,
    int debitsSkipped) {

  public record Credited(
      String bankReference, String accountId, long amountCents, String postingId) {}

  /** {@code amount} as the bank printed it, with its currency, since it may not be euros. */
  public record Unmatched(
      String bankReference,
      String amount,
      String currency,
      String reason,
      String remittance,
      String debtorName) {}

  public ImportReport {
    credited = List.copyOf(credited);
    alreadyImported = List.copyOf(alreadyImported);
    unmatched = List.copyOf(unmatched);
  }
}
