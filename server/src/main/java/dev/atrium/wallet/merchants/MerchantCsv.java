package dev.atrium.wallet.merchants;

import java.time.Instant;
import java.util.List;

/**
 * A merchant statement page as CSV (RFC 4180); every field is ours and needs no quoting but the
 * order reference.
 */
final class MerchantCsv {
  static final String HEADER =
      "id,created_at,method,order_reference,amount_cents,refunded_cents\r\n";

  private MerchantCsv() {}

  static String of(List<MerchantPayment> payments) {
    StringBuilder csv = new StringBuilder(HEADER);
    for (MerchantPayment payment : payments) {
      csv.append(payment.id())
          .append(',')
          .append(Instant.ofEpochMilli(payment.createdAtMillis()))
          .append(',')
          .append(payment.method())
          .append(',')
          .append(payment.orderReference() == null ? "" : payment.orderReference())
          .append(',')
          .append(payment.amountCents())
          .append(',')
          .append(payment.refundedCents())
          .append("\r\n");
    }
    return csv.toString();
  }
}
