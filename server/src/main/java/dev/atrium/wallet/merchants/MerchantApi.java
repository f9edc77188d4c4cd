package dev.atrium.wallet.merchants;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import dev.atrium.wallet.sepa.SepaApi.WithdrawalResponse;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the merchant, point-of-sale and customer payment endpoints. */
final class MerchantApi {
  private MerchantApi() {}

  record ApplyRequest(
      @Required
          @Description(
              "Shop name. The QR code carries it in Latin letters (EMVCo tag 59): transliterated "
                  + "(\"Straße\" becomes \"Strasse\", \"Łukasz\" \"Lukasz\"), at most 25 characters kept. A name in "
                  + "another script (Chinese, Cyrillic, ...) needs latinName.")
          String name,
      @Required
          @Description(
              "City, transliterated like the name, at most 15 characters kept; one in another "
                  + "script needs latinCity.")
          String city,
      @Required @Description("ISO 18245 merchant category code, four digits (5812 restaurants).")
          String categoryCode,
      @Description(
              "The shop's name in Latin letters, used instead of name in the QR code and everywhere the "
                  + "shop is named; required when name has letters without a Latin form.")
          String latinName,
      @Description(
              "The city in Latin letters; required when city has letters without a Latin form.")
          String latinCity) {}

  record MerchantResponse(
      @Required String id,
      @Required String name,
      @Required String city,
      @Required String categoryCode,
      @Required @Description("PENDING until the operator approves; APPROVED; SUSPENDED.")
          Merchant.Status status,
      @Required Instant createdAt,
      @Description("The IBAN payouts go to, electronic form; absent until the owner sets it.")
          String payoutIban,
      @Description("The account holder's name for payouts.") String payoutName) {
    static MerchantResponse of(Merchant merchant) {
      return new MerchantResponse(
          merchant.id(),
          merchant.name(),
          merchant.city(),
          merchant.categoryCode(),
          merchant.status(),
          Instant.ofEpochMilli(merchant.createdAtMillis()),
          merchant.payoutIban(),
          merchant.payoutName());
    }
  }

  record MerchantList(@Required List<MerchantResponse> items) {}

  record ApiKeyRequest(
      @Description("A note such as the till it is for, 1-100 characters.") String label) {}

  record ApiKeyResponse(
      @Required String id,
      @Required
          @Description("The secret, shown only now: send it as a bearer token to /api/v1/pos/...")
          String key,
      String label,
      @Required Instant createdAt) {}

  record CodeResponse(
      @Required @Description("The EMVCo merchant-presented QR payload (tag 63 CRC included).")
          String payload,
      @Required @Description("STATIC (customer types the amount) or DYNAMIC (amount fixed).")
          String pointOfInitiation,
      Long amountCents,
      String orderReference) {}

  record OrderRequest(
      @Required
          @Description("The till's own order id, 1-25 of A-Z a-z 0-9 . _ -; unique per merchant.")
          String orderReference,
      @Required Long amountCents,
      @Description("Shown on the customer's receipt (EMVCo tag 62-01), 1-25 characters.")
          String billNumber) {}

  record OrderResponse(
      @Required String orderReference,
      @Required long amountCents,
      String billNumber,
      @Required @Description("OPEN, PAID or EXPIRED.") String status,
      String paymentId,
      @Required @Description("The dynamic QR code's payload to show the customer.")
          String qrPayload,
      @Required Instant expiresAt) {}

  record PayRequest(
      @Required @Description("The scanned EMVCo payload.") String qrPayload,
      @Description("Required for a static code; must be absent or equal for a dynamic one.")
          Long amountCents,
      @Required @Description("The payer's six-digit PIN.") String pin) {}

  record PaymentCodeRequest(@Required @Description("The payer's six-digit PIN.") String pin) {}

  record PaymentCodeResponse(
      @Required @Description("One-time code to show as a QR code; a shop charges it once.")
          String code,
      @Required Instant expiresAt,
      @Required @Description("The code as an SVG QR code.") String qrSvg) {}

  record ChargeRequest(
      @Required @Description("The customer's payment code, as scanned.") String paymentCode,
      @Required Long amountCents,
      @Description(
              "The till's order id, for the statement. When it names one of the shop's orders "
                  + "(POST /api/v1/pos/orders), the charge pays that order: amountCents must be the order's "
                  + "(else 422 order_amount_mismatch), and a paid or expired order is refused.")
          String orderReference) {}

  record RefundRequest(
      @Required @Description("Euro cents to give back; all refunds together at most the payment.")
          Long amountCents) {}

  /** The payer is left out on purpose: shops learn nothing about who paid beyond the payment. */
  record PaymentResponse(
      @Required String id,
      @Required String merchantId,
      @Required long amountCents,
      @Required long refundedCents,
      @Required @Description("STATIC_QR, DYNAMIC_QR or PAYMENT_CODE.")
          MerchantPayment.Method method,
      String orderReference,
      @Required Instant createdAt) {
    static PaymentResponse of(MerchantPayment payment) {
      return new PaymentResponse(
          payment.id(),
          payment.merchantId(),
          payment.amountCents(),
          payment.refundedCents(),
          payment.method(),
          payment.orderReference(),
          Instant.ofEpochMilli(payment.createdAtMillis()));
    }
  }

  record ApiKeyInfo(
      @Required String id,
      String label,
      @Required Instant createdAt,
      @Description("Set once the key was revoked; it no longer works.") Instant revokedAt) {
    static ApiKeyInfo of(MerchantApiKey key) {
      return new ApiKeyInfo(
          key.id(),
          key.label(),
          Instant.ofEpochMilli(key.createdAtMillis()),
          key.revokedAtMillis() == null ? null : Instant.ofEpochMilli(key.revokedAtMillis()));
    }
  }

  record ApiKeyList(@Required List<ApiKeyInfo> items) {}

  record OwnerRefundRequest(
      @Required @Description("Euro cents to give back; all refunds together at most the payment.")
          Long amountCents,
      @Required @Description("The owner's six-digit payment PIN.") String pin) {}

  record PayoutAccountRequest(
      @Required @Description("The shop's bank account; spaces allowed; checksum validated.")
          String iban,
      @Description(
              "The account holder's name, 1-70 characters, in Latin letters (transliterated in the "
                  + "payout file; other scripts are refused); the shop's name when absent.")
          String name,
      @Required @Description("The owner's six-digit payment PIN.") String pin) {}

  record PayoutRequest(
      @Required
          @Description(
              "Euro cents to pay out of the shop's balance, at least 1; within the withdrawal limits.")
          Long amountCents,
      @Required @Description("The owner's six-digit payment PIN.") String pin) {}

  record PayoutPage(
      @Required @Description("What the shop holds now, in cents.") long balanceCents,
      String payoutIban,
      String payoutName,
      @Required @Description("The shop's payouts, newest first.") List<WithdrawalResponse> items,
      @Description("Pass as before= for the next page; absent on the last page.")
          String nextCursor) {}

  record PaymentPage(
      @Required List<PaymentResponse> items,
      @Description("Pass as before= for the next page; absent on the last page.")
          String nextCursor) {}
}
