package dev.atrium.wallet.merchants;

/** A customer's payment to a merchant and how much of it was refunded so far. */
public record MerchantPayment(
    String id,
    String merchantId,
    long merchantSeq,
    String payerAccountId,
    long amountCents,
    long refundedCents,
    Method method,
    String orderReference,
    long createdAtMillis) {

  /**
   * How the payment started: the merchant's static or dynamic QR code, or the customer's payment
   * code.
   */
  public enum Method {
    STATIC_QR,
    DYNAMIC_QR,
    PAYMENT_CODE
  }
}
