package dev.atrium.wallet;

import dev.atrium.wallet.ledger.StatementEntry;
import java.time.Instant;
import java.util.Locale;

/**
 * Statement lines as CSV (RFC 4180), amounts in euros with two decimals computed from cents without
 * floating point. Text fields that a spreadsheet would run as a formula get a leading apostrophe.
 * Pure.
 */
final class StatementCsv {
  static final String HEADER =
      "entry,time,kind,amount_eur,balance_after_eur,counterparty,reference,memo,posting_id\r\n";

  private StatementCsv() {}

  static void append(StringBuilder csv, StatementEntry entry) {
    csv.append(entry.entrySeq())
        .append(',')
        .append(Instant.ofEpochMilli(entry.createdAtMillis()))
        .append(',')
        .append(entry.kind().name().toLowerCase(Locale.ROOT))
        .append(',')
        .append(euros(entry.amountCents()))
        .append(',')
        .append(euros(entry.balanceAfterCents()))
        .append(',')
        .append(field(entry.counterparty() == null ? null : entry.counterparty().value()))
        .append(',')
        .append(field(entry.reference()))
        .append(',')
        .append(field(entry.memo()))
        .append(',')
        .append(field(entry.postingId()))
        .append("\r\n");
  }

  /** 1234 -> "12.34", -5 -> "-0.05". */
  static String euros(long cents) {
    String sign = cents < 0 ? "-" : "";
    long magnitude = Math.abs(cents);
    return sign + (magnitude / 100) + "." + String.format(Locale.ROOT, "%02d", magnitude % 100);
  }

  static String field(String value) {
    if (value == null) {
      return "";
    }
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
