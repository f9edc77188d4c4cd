package dev.atrium.wallet.merchants;

/** An order behind a dynamic QR code: a fixed amount, paid at most once, until it expires. */
public record MerchantOrder(
    String merchantId,
    String orderReference,
    long amountCents,
    String billNumber,
    String paymentId,
    long createdAtMillis,
    long expiresAtMillis) {}
