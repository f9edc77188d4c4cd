package dev.atrium.wallet.sepa;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One entry (Ntry) of a camt.053 bank statement, reduced to what top-up matching needs.
 *
 * @param bankReference the bank's unique reference for the entry (AcctSvcrRef, else NtryRef, else
 *     the single transaction's AcctSvcrRef); null when the bank gave none
 * @param amount positive, in the currency's units as printed ("12.34")
 * @param booked status BOOK; pending or informational entries may still change
 * @param reversal RvslInd true: the bank took back an earlier entry
 * @param creditorReferences Strd/CdtrRefInf/Ref values, in document order
 * @param unstructuredRemittance Ustrd lines, in document order
 * @param transactionCount TxDtls in the entry; more than one is a batch booking
 */
record StatementEntry(
    String statementId,
    String accountIban,
    String bankReference,
    BigDecimal amount,
    String currency,
    Direction direction,
    boolean booked,
    boolean reversal,
    LocalDate bookingDate,
    List<String> creditorReferences,
    List<String> unstructuredRemittance,
    String debtorName,
    int transactionCount) {

  /** CdtDbtInd: money in (CRDT) or out (DBIT) of the operator's account. */
  public enum Direction {
    CREDIT,
    DEBIT
  }

  public StatementEntry {
    creditorReferences = List.copyOf(creditorReferences);
    unstructuredRemittance = List.copyOf(unstructuredRemittance);
  }

  /** The amount in euro cents, or -1 when it is not euros with at most two decimals. */
  public long euroCents() {
    if (!"EUR".equals(currency) || amount.stripTrailingZeros().scale() > 2) {
      return -1;
    }
    return amount.movePointRight(2).longValueExact();
  }
}
