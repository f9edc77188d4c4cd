// The wallet's bank and merchant endpoints the web client uses (see /api/openapi.json, tags
// "wallet-sepa", "merchants" and "point-of-sale"). Amounts are integer euro cents; every
// money-moving POST carries an Idempotency-Key.
import type { ApiClient } from '../../api/client';

export interface TopUpInstructions {
  beneficiaryName: string;
  iban: string;
  bic?: string | null;
  /** The caller's own ISO 11649 reference (RF…). */
  reference: string;
  amountCents?: number | null;
  epcQrPayload: string;
}

export type WithdrawalStatus = 'PENDING' | 'EXPORTED' | 'PAID' | 'FAILED';

export interface Withdrawal {
  id: string;
  amountCents: number;
  creditorName: string;
  creditorIban: string;
  status: WithdrawalStatus;
  createdAt: string;
  updatedAt: string;
  /** Set for a merchant payout: the shop whose balance it pays out. */
  merchantId?: string | null;
}

export interface WithdrawalPage {
  items: Withdrawal[];
  nextCursor?: string | null;
}

export interface WithdrawalInput {
  amountCents: number;
  iban: string;
  name: string;
  pin: string;
}

export interface PaymentCode {
  code: string;
  expiresAt: string;
  /** The code as an SVG QR code, rendered by the server. */
  qrSvg: string;
}

export type MerchantStatus = 'PENDING' | 'APPROVED' | 'SUSPENDED';

export interface Merchant {
  id: string;
  name: string;
  city: string;
  categoryCode: string;
  status: MerchantStatus;
  createdAt: string;
  /** The IBAN payouts go to, electronic form; absent until the owner sets it. */
  payoutIban?: string | null;
  payoutName?: string | null;
}

/** A point-of-sale key as listed later: never the secret. */
export interface ApiKeyInfo {
  id: string;
  label?: string | null;
  createdAt: string;
  revokedAt?: string | null;
}

export interface MerchantPayoutPage {
  balanceCents: number;
  payoutIban?: string | null;
  payoutName?: string | null;
  items: Withdrawal[];
  nextCursor?: string | null;
}

export interface MerchantPayment {
  id: string;
  merchantId: string;
  amountCents: number;
  refundedCents: number;
  method: 'STATIC_QR' | 'DYNAMIC_QR' | 'PAYMENT_CODE';
  orderReference?: string | null;
  createdAt: string;
}

export interface MerchantPaymentPage {
  items: MerchantPayment[];
  nextCursor?: string | null;
}

export interface MerchantCode {
  payload: string;
  pointOfInitiation: 'STATIC' | 'DYNAMIC';
  amountCents?: number | null;
  orderReference?: string | null;
}

export interface ApiKey {
  id: string;
  /** The secret, shown only once. */
  key: string;
  label?: string | null;
  createdAt: string;
}

export const WITHDRAWAL_PAGE_ROWS = 20;
export const MERCHANT_PAYMENT_PAGE_ROWS = 20;
export const MERCHANT_CSV_PAGE_ROWS = 500;

const amountQuery = (amountCents?: number | null) => (amountCents ? `?amountCents=${amountCents}` : '');

export class PayApi {
  constructor(private readonly client: ApiClient) {}

  getTopUpInstructions(amountCents?: number | null): Promise<TopUpInstructions> {
    return this.client.get(`/api/v1/wallet/top-up${amountQuery(amountCents)}`);
  }

  /** The EPC QR code (GiroCode) as an SVG Blob; it needs the token, so not a plain URL. */
  topUpQrSvg(amountCents?: number | null): Promise<Blob> {
    return this.client.blob(`/api/v1/wallet/top-up/qr.svg${amountQuery(amountCents)}`);
  }

  withdraw(input: WithdrawalInput, idempotencyKey: string): Promise<Withdrawal> {
    return this.client.post('/api/v1/wallet/withdrawals', input, { 'Idempotency-Key': idempotencyKey });
  }

  listWithdrawals(before?: string | null, limit = WITHDRAWAL_PAGE_ROWS): Promise<WithdrawalPage> {
    const cursor = before ? `&before=${encodeURIComponent(before)}` : '';
    return this.client.get(`/api/v1/wallet/withdrawals?limit=${limit}${cursor}`);
  }

  createPaymentCode(pin: string): Promise<PaymentCode> {
    return this.client.post('/api/v1/wallet/payment-codes', { pin });
  }

  payMerchant(
    qrPayload: string,
    amountCents: number | null,
    pin: string,
    idempotencyKey: string,
  ): Promise<MerchantPayment> {
    const body = amountCents === null ? { qrPayload, pin } : { qrPayload, amountCents, pin };
    return this.client.post('/api/v1/wallet/merchant-payments', body, { 'Idempotency-Key': idempotencyKey });
  }

  listMyMerchants(): Promise<{ items: Merchant[] }> {
    return this.client.get('/api/v1/merchants');
  }

  /** latinName and latinCity are the shop's name and city in Latin letters, for names in other scripts. */
  applyForMerchant(
    name: string,
    city: string,
    categoryCode: string,
    latin: { latinName?: string; latinCity?: string } = {},
  ): Promise<Merchant> {
    return this.client.post('/api/v1/merchants', { name, city, categoryCode, ...latin });
  }

  merchantStaticCode(merchantId: string): Promise<MerchantCode> {
    return this.client.get(`/api/v1/merchants/${encodeURIComponent(merchantId)}/static-code`);
  }

  merchantStaticCodeSvg(merchantId: string): Promise<Blob> {
    return this.client.blob(`/api/v1/merchants/${encodeURIComponent(merchantId)}/static-code.svg`);
  }

  createMerchantApiKey(merchantId: string, label: string): Promise<ApiKey> {
    return this.client.post(`/api/v1/merchants/${encodeURIComponent(merchantId)}/api-keys`, { label });
  }

  revokeMerchantApiKey(merchantId: string, keyId: string): Promise<void> {
    return this.client.delete(
      `/api/v1/merchants/${encodeURIComponent(merchantId)}/api-keys/${encodeURIComponent(keyId)}`,
    );
  }

  listMerchantApiKeys(merchantId: string): Promise<{ items: ApiKeyInfo[] }> {
    return this.client.get(`/api/v1/merchants/${encodeURIComponent(merchantId)}/api-keys`);
  }

  /** The shop's payments with the owner's own session, newest first. */
  listMerchantPayments(
    merchantId: string,
    before?: string | null,
    limit = MERCHANT_PAYMENT_PAGE_ROWS,
  ): Promise<MerchantPaymentPage> {
    const cursor = before ? `&before=${encodeURIComponent(before)}` : '';
    return this.client.get(`/api/v1/merchants/${encodeURIComponent(merchantId)}/payments?limit=${limit}${cursor}`);
  }

  /** One statement page as CSV (text/csv Blob). */
  merchantPaymentsCsv(merchantId: string, before?: string | null, limit = MERCHANT_CSV_PAGE_ROWS): Promise<Blob> {
    const cursor = before ? `&before=${encodeURIComponent(before)}` : '';
    return this.client.blob(`/api/v1/merchants/${encodeURIComponent(merchantId)}/payments.csv?limit=${limit}${cursor}`);
  }

  refundMerchantPayment(
    merchantId: string,
    paymentId: string,
    amountCents: number,
    pin: string,
    idempotencyKey: string,
  ): Promise<MerchantPayment> {
    return this.client.post(
      `/api/v1/merchants/${encodeURIComponent(merchantId)}/payments/${encodeURIComponent(paymentId)}/refunds`,
      { amountCents, pin },
      { 'Idempotency-Key': idempotencyKey },
    );
  }

  setMerchantPayoutAccount(merchantId: string, iban: string, name: string | null, pin: string): Promise<Merchant> {
    return this.client.put(
      `/api/v1/merchants/${encodeURIComponent(merchantId)}/payout-account`,
      name ? { iban, name, pin } : { iban, pin },
    );
  }

  createMerchantPayout(
    merchantId: string,
    amountCents: number,
    pin: string,
    idempotencyKey: string,
  ): Promise<Withdrawal> {
    return this.client.post(
      `/api/v1/merchants/${encodeURIComponent(merchantId)}/payouts`,
      { amountCents, pin },
      { 'Idempotency-Key': idempotencyKey },
    );
  }

  listMerchantPayouts(
    merchantId: string,
    before?: string | null,
    limit = WITHDRAWAL_PAGE_ROWS,
  ): Promise<MerchantPayoutPage> {
    const cursor = before ? `&before=${encodeURIComponent(before)}` : '';
    return this.client.get(`/api/v1/merchants/${encodeURIComponent(merchantId)}/payouts?limit=${limit}${cursor}`);
  }
}

/** The point-of-sale API of one shop, authenticated with its merchant key instead of the device token. */
export class PosApi {
  constructor(private readonly client: ApiClient) {}

  listPayments(before?: string | null, limit = MERCHANT_PAYMENT_PAGE_ROWS): Promise<MerchantPaymentPage> {
    const cursor = before ? `&before=${encodeURIComponent(before)}` : '';
    return this.client.get(`/api/v1/pos/payments?limit=${limit}${cursor}`);
  }

  refund(paymentId: string, amountCents: number, idempotencyKey: string): Promise<MerchantPayment> {
    return this.client.post(
      `/api/v1/pos/payments/${encodeURIComponent(paymentId)}/refunds`,
      { amountCents },
      { 'Idempotency-Key': idempotencyKey },
    );
  }
}
