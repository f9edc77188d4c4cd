package dev.atrium.sdk;

import java.time.Instant;
import java.util.List;

/** Shapes of the merchant, point-of-sale and customer payment endpoints. */
public final class MerchantModels {
  private MerchantModels() {}

  public record Merchant(
      String id,
      String name,
      String city,
      String categoryCode,
      String status,
      Instant createdAt,
      String payoutIban,
      String payoutName) {}

  public record ApiKeyInfo(String id, String label, Instant createdAt, Instant revokedAt) {}

  public record ApiKeyList(List<ApiKeyInfo> items) {}

  public record PayoutPage(
      long balanceCents,
      String payoutIban,
      String payoutName,
      List<SepaModels.Withdrawal> items,
      String nextCursor) {}

  record OwnerRefundRequest(Long amountCents, String pin) {}

  record PayoutAccountRequest(String iban, String name, String pin) {}

  record PayoutRequest(Long amountCents, String pin) {}

  public record MerchantList(List<Merchant> items) {}

  public record ApiKey(String id, String key, String label, Instant createdAt) {}

  public record Code(
      String payload, String pointOfInitiation, Long amountCents, String orderReference) {}

  public record Order(
      String orderReference,
      long amountCents,
      String billNumber,
      String status,
      String paymentId,
      String qrPayload,
      Instant expiresAt) {}

  public record Payment(
      String id,
      String merchantId,
      long amountCents,
      long refundedCents,
      String method,
      String orderReference,
      Instant createdAt) {}

  public record PaymentPage(List<Payment> items, String nextCursor) {}

  public record PaymentCode(String code, Instant expiresAt, String qrSvg) {}

  record Apply(String name, String city, String categoryCode) {}

  record KeyRequest(String label) {}

  record OrderRequest(String orderReference, Long amountCents, String billNumber) {}

  record PayRequest(String qrPayload, Long amountCents, String pin) {}

  record PinOnly(String pin) {}

  record ChargeRequest(String paymentCode, Long amountCents, String orderReference) {}

  record RefundRequest(Long amountCents) {}
}
