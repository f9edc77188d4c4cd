package dev.atrium.miniapps;

/**
 * A payment order a mini-program's backend created for one of its users. {@code status} is the
 * stored one ({@code created}); {@link #statusAt(long)} shows an unpaid order past its expiry as
 * {@code expired} without a job rewriting rows.
 */
record MiniAppOrder(
    String orderId,
    String appId,
    String outTradeNo,
    String accountId,
    String openId,
    String merchantId,
    long amountCents,
    String currency,
    String description,
    String status,
    long createdAt,
    long expiresAt) {

  static final String CREATED = "created";
  static final String EXPIRED = "expired";

  /** The status as callers see it at {@code nowMillis}. */
  String statusAt(long nowMillis) {
    return CREATED.equals(status) && nowMillis >= expiresAt ? EXPIRED : status;
  }

  /** Whether a retried create with these fields names this same order. */
  boolean sameRequest(long amount, String currencyCode, String text, String payerOpenId) {
    return amountCents == amount
        && currency.equals(currencyCode)
        && description.equals(text)
        && openId.equals(payerOpenId);
  }
}
