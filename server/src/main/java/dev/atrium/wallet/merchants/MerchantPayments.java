package dev.atrium.wallet.merchants;

import dev.atrium.wallet.Idempotency;
import dev.atrium.wallet.Payments;
import dev.atrium.wallet.Payments.Payment;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.merchants.MerchantApi.PaymentResponse;
import dev.atrium.wallet.sepa.Iban;
import dev.atrium.wallet.sepa.SepaService;

/**
 * Everything that moves a merchant's or a customer's money, each through the wallet's {@link
 * Payments} (PIN, Idempotency-Key, limits, one ledger transaction): paying a scanned code, a till
 * charging a payment code, refunds by till or owner, and payouts; and the PIN checks that enable
 * later payments (a payment code, the payout IBAN). The rules of each (stored order amounts, codes
 * used once, refund totals) stay in {@link MerchantService}, whose ledger postings run as the
 * payment's callback. Thread-safe.
 */
final class MerchantPayments {
  private final MerchantService merchants;
  private final Payments payments;
  private final SepaService sepa;

  MerchantPayments(MerchantService merchants, Payments payments, SepaService sepa) {
    this.merchants = merchants;
    this.payments = payments;
    this.sepa = sepa;
  }

  /**
   * A customer pays a scanned code (static: the typed amount; dynamic: the stored order's amount,
   * once), confirmed with the PIN, within the customer's limits.
   */
  Idempotency.Response payScannedCode(
      String payerAccountId,
      String pin,
      String idempotencyKey,
      String payload,
      Long typedAmountCents) {
    MerchantService.ScannedPayment scanned = merchants.readCode(payload, typedAmountCents);
    AccountId payer = AccountId.user(payerAccountId);
    Payment payment =
        Payment.of(
                payerAccountId,
                idempotencyKey,
                "merchant.pay",
                new PayFingerprint(payload, typedAmountCents),
                MerchantService.paymentAccounts(payerAccountId, scanned.merchant().id()))
            .opening(payer)
            .confirmedBy(payerAccountId, pin)
            .charging(payerAccountId, scanned.amountCents());
    return payments.run(
        payment, tx -> PaymentResponse.of(merchants.pay(tx, payerAccountId, scanned)));
  }

  private record PayFingerprint(String payload, Long amountCents) {}

  /**
   * A one-time payment code for the customer to show a till; the PIN confirms it now, not at the
   * till.
   */
  MerchantService.PaymentCode createPaymentCode(String accountId, String pin) {
    payments.authorize(accountId, pin);
    return merchants.createPaymentCode(accountId);
  }

  /**
   * A till charges a customer's payment code once (the Idempotency-Keys are the shop's). The
   * customer confirmed the code with the PIN when creating it, so no PIN here; the amount counts
   * towards the customer's limits.
   */
  Idempotency.Response chargePaymentCode(
      Merchant merchant,
      String idempotencyKey,
      String code,
      long amountCents,
      String orderReference) {
    // Refused in this order (amount, key, code), before the payer is known.
    payments.checkAmount(amountCents);
    Payments.checkedKey(idempotencyKey);
    String payerAccountId = merchants.payerOfCode(code);
    Payment payment =
        Payment.of(
                AccountId.merchant(merchant.id()).value(),
                idempotencyKey,
                "pos.charge",
                new ChargeFingerprint(code, amountCents, orderReference),
                MerchantService.paymentAccounts(payerAccountId, merchant.id()))
            .opening(AccountId.user(payerAccountId))
            .charging(payerAccountId, amountCents);
    return payments.run(
        payment,
        tx ->
            PaymentResponse.of(
                merchants.charge(tx, merchant, code, payerAccountId, amountCents, orderReference)));
  }

  private record ChargeFingerprint(String code, long amountCents, String orderReference) {}

  /** A till gives back part or all of a payment (the shop's Idempotency-Keys; no PIN, no limit). */
  Idempotency.Response refundByTill(
      Merchant merchant, String idempotencyKey, String paymentId, long amountCents) {
    MerchantPayment paid = merchants.payment(merchant, paymentId);
    Payment payment =
        Payment.of(
            AccountId.merchant(merchant.id()).value(),
            idempotencyKey,
            "pos.refund",
            new TillRefundFingerprint(paid.id(), amountCents),
            MerchantService.paymentAccounts(paid.payerAccountId(), merchant.id()));
    return payments.run(
        payment, tx -> PaymentResponse.of(merchants.refund(tx, merchant, paid, amountCents)));
  }

  private record TillRefundFingerprint(String paymentId, long amountCents) {}

  /** The owner gives back part or all of a payment, confirmed with the owner's PIN. */
  Idempotency.Response refundByOwner(
      String ownerAccountId,
      String merchantId,
      String pin,
      String idempotencyKey,
      String paymentId,
      long amountCents) {
    Merchant merchant = merchants.ownedApproved(ownerAccountId, merchantId);
    MerchantPayment paid = merchants.payment(merchant, paymentId);
    Payment payment =
        Payment.of(
                ownerAccountId,
                idempotencyKey,
                "merchant.refund",
                new OwnerRefundFingerprint(merchant.id(), paid.id(), amountCents),
                MerchantService.paymentAccounts(paid.payerAccountId(), merchant.id()))
            .confirmedBy(ownerAccountId, pin);
    return payments.run(
        payment, tx -> PaymentResponse.of(merchants.refund(tx, merchant, paid, amountCents)));
  }

  private record OwnerRefundFingerprint(String merchantId, String paymentId, long amountCents) {}

  /** Sets the IBAN the shop's balance is paid out to; the owner's PIN, since payouts go there. */
  Merchant setPayoutAccount(
      String ownerAccountId, String merchantId, String pin, Iban iban, String holderName) {
    Merchant merchant = merchants.owned(ownerAccountId, merchantId);
    payments.authorize(ownerAccountId, pin);
    return merchants.setPayoutAccount(ownerAccountId, merchant.id(), iban, holderName);
  }

  /** Pays part or all of the shop's balance out to its payout IBAN (SEPA does the payout). */
  Idempotency.Response payOut(
      String ownerAccountId,
      String merchantId,
      String pin,
      String idempotencyKey,
      long amountCents) {
    Merchant merchant = merchants.ownedApproved(ownerAccountId, merchantId);
    if (merchant.payoutIban() == null) {
      throw new MerchantError.PayoutAccountMissing();
    }
    return sepa.payOutMerchant(
        ownerAccountId,
        pin,
        idempotencyKey,
        merchant.id(),
        amountCents,
        merchant.payoutName(),
        new Iban(merchant.payoutIban()));
  }
}
