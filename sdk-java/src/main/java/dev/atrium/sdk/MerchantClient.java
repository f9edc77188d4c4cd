package dev.atrium.sdk;

import dev.atrium.sdk.ContactModels.Image;
import dev.atrium.sdk.MerchantModels.ApiKey;
import dev.atrium.sdk.MerchantModels.Code;
import dev.atrium.sdk.MerchantModels.Merchant;
import dev.atrium.sdk.MerchantModels.MerchantList;
import dev.atrium.sdk.MerchantModels.Order;
import dev.atrium.sdk.MerchantModels.Payment;
import dev.atrium.sdk.MerchantModels.PaymentCode;
import dev.atrium.sdk.MerchantModels.PaymentPage;
import java.util.Map;

/**
 * Merchants as their owner (device token), the operator (operator token), a till (merchant API key
 * as the client's token), and customers paying them (device token). Immutable and thread-safe.
 */
public final class MerchantClient {
  private final AtriumClient client;

  MerchantClient(AtriumClient client) {
    this.client = client;
  }

  // Owner

  public Merchant apply(String name, String city, String categoryCode) {
    return client.send(
        "POST",
        "/api/v1/merchants",
        new MerchantModels.Apply(name, city, categoryCode),
        Merchant.class);
  }

  public MerchantList mine() {
    return client.send("GET", "/api/v1/merchants", null, MerchantList.class);
  }

  public ApiKey createApiKey(String merchantId, String label) {
    return client.send(
        "POST",
        "/api/v1/merchants/" + AtriumClient.encode(merchantId) + "/api-keys",
        new MerchantModels.KeyRequest(label),
        ApiKey.class);
  }

  public void revokeApiKey(String merchantId, String keyId) {
    client.send(
        "DELETE",
        "/api/v1/merchants/"
            + AtriumClient.encode(merchantId)
            + "/api-keys/"
            + AtriumClient.encode(keyId),
        null,
        Void.class);
  }

  public Code staticCode(String merchantId) {
    return client.send(
        "GET",
        "/api/v1/merchants/" + AtriumClient.encode(merchantId) + "/static-code",
        null,
        Code.class);
  }

  public Image staticCodeSvg(String merchantId) {
    return client.getBinary(
        "/api/v1/merchants/" + AtriumClient.encode(merchantId) + "/static-code.svg");
  }

  /**
   * The shop's payments as its owner, newest first; {@code before} is a previous page's cursor or
   * null.
   */
  public PaymentPage ownerPayments(String merchantId, int limit, String before) {
    return client.send(
        "GET",
        "/api/v1/merchants/"
            + AtriumClient.encode(merchantId)
            + "/payments?limit="
            + limit
            + (before == null ? "" : "&before=" + AtriumClient.encode(before)),
        null,
        PaymentPage.class);
  }

  /** One page as CSV, as the owner; the next page's cursor comes in the X-Next-Cursor header. */
  public RawResponse ownerPaymentsCsv(String merchantId, int limit, String before) {
    return client.raw(
        "GET",
        "/api/v1/merchants/"
            + AtriumClient.encode(merchantId)
            + "/payments.csv?limit="
            + limit
            + (before == null ? "" : "&before=" + AtriumClient.encode(before)),
        null,
        null);
  }

  public Payment ownerRefund(
      String merchantId, String paymentId, long amountCents, String pin, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/merchants/"
            + AtriumClient.encode(merchantId)
            + "/payments/"
            + AtriumClient.encode(paymentId)
            + "/refunds",
        new MerchantModels.OwnerRefundRequest(amountCents, pin),
        Map.of("Idempotency-Key", idempotencyKey),
        Payment.class);
  }

  public MerchantModels.ApiKeyList apiKeys(String merchantId) {
    return client.send(
        "GET",
        "/api/v1/merchants/" + AtriumClient.encode(merchantId) + "/api-keys",
        null,
        MerchantModels.ApiKeyList.class);
  }

  public Merchant setPayoutAccount(String merchantId, String iban, String name, String pin) {
    return client.send(
        "PUT",
        "/api/v1/merchants/" + AtriumClient.encode(merchantId) + "/payout-account",
        new MerchantModels.PayoutAccountRequest(iban, name, pin),
        Merchant.class);
  }

  public SepaModels.Withdrawal payout(
      String merchantId, long amountCents, String pin, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/merchants/" + AtriumClient.encode(merchantId) + "/payouts",
        new MerchantModels.PayoutRequest(amountCents, pin),
        Map.of("Idempotency-Key", idempotencyKey),
        SepaModels.Withdrawal.class);
  }

  public MerchantModels.PayoutPage payouts(String merchantId, int limit, String before) {
    return client.send(
        "GET",
        "/api/v1/merchants/"
            + AtriumClient.encode(merchantId)
            + "/payouts?limit="
            + limit
            + (before == null ? "" : "&before=" + AtriumClient.encode(before)),
        null,
        MerchantModels.PayoutPage.class);
  }

  // Operator

  public MerchantList withStatus(String status) {
    return client.send(
        "GET",
        "/api/v1/admin/merchants?status=" + AtriumClient.encode(status),
        null,
        MerchantList.class);
  }

  public Merchant approve(String merchantId) {
    return client.send(
        "POST",
        "/api/v1/admin/merchants/" + AtriumClient.encode(merchantId) + "/approve",
        null,
        Merchant.class);
  }

  public Merchant suspend(String merchantId) {
    return client.send(
        "POST",
        "/api/v1/admin/merchants/" + AtriumClient.encode(merchantId) + "/suspend",
        null,
        Merchant.class);
  }

  // Point of sale

  public Order createOrder(String orderReference, long amountCents, String billNumber) {
    return client.send(
        "POST",
        "/api/v1/pos/orders",
        new MerchantModels.OrderRequest(orderReference, amountCents, billNumber),
        Order.class);
  }

  public Order order(String orderReference) {
    return client.send(
        "GET", "/api/v1/pos/orders/" + AtriumClient.encode(orderReference), null, Order.class);
  }

  public Payment charge(
      String paymentCode, long amountCents, String orderReference, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/pos/charges",
        new MerchantModels.ChargeRequest(paymentCode, amountCents, orderReference),
        Map.of("Idempotency-Key", idempotencyKey),
        Payment.class);
  }

  public Payment refund(String paymentId, long amountCents, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/pos/payments/" + AtriumClient.encode(paymentId) + "/refunds",
        new MerchantModels.RefundRequest(amountCents),
        Map.of("Idempotency-Key", idempotencyKey),
        Payment.class);
  }

  public PaymentPage payments(int limit, String before) {
    return client.send(
        "GET",
        "/api/v1/pos/payments?limit="
            + limit
            + (before == null ? "" : "&before=" + AtriumClient.encode(before)),
        null,
        PaymentPage.class);
  }

  /**
   * One page as CSV; the next page's cursor comes in the X-Next-Cursor header of the raw response.
   */
  public RawResponse paymentsCsv(int limit, String before) {
    return client.raw(
        "GET",
        "/api/v1/pos/payments.csv?limit="
            + limit
            + (before == null ? "" : "&before=" + AtriumClient.encode(before)),
        null,
        null);
  }

  // Customer

  public Payment pay(String qrPayload, Long amountCents, String pin, String idempotencyKey) {
    return client.send(
        "POST",
        "/api/v1/wallet/merchant-payments",
        new MerchantModels.PayRequest(qrPayload, amountCents, pin),
        Map.of("Idempotency-Key", idempotencyKey),
        Payment.class);
  }

  public PaymentCode paymentCode(String pin) {
    return client.send(
        "POST", "/api/v1/wallet/payment-codes", new MerchantModels.PinOnly(pin), PaymentCode.class);
  }
}
