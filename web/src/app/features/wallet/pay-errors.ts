// Localised messages for the refusals of bank top-ups, withdrawals and merchant payments; the
// rest (PIN, limits, funds) is the wallet's own message.
import { ApiError } from '../../api/client';
import type { MessageKey, Translate } from '../../catalogue';
import { EmvcoError } from './emvco';
import { formatCents } from './money';
import { walletErrorMessage } from './wallet-errors';

const PLAIN: Readonly<Record<string, MessageKey>> = {
  invalid_iban: 'pay.error.invalidIban',
  sepa_not_configured: 'pay.error.sepaNotConfigured',
  withdrawals_open: 'pay.error.withdrawalsOpen',
  merchant_not_approved: 'pay.error.merchantNotApproved',
  merchant_not_found: 'pay.error.merchantNotFound',
  payment_not_found: 'pay.error.paymentNotFound',
  order_not_found: 'pay.error.merchantNotFound',
  invalid_qr_code: 'pay.error.invalidQrCode',
  already_paid: 'pay.error.alreadyPaid',
  payment_code_invalid: 'pay.error.paymentCodeInvalid',
  merchant_key_required: 'pay.error.merchantKeyRequired',
  payout_account_missing: 'merchantOwner.error.payoutAccountMissing',
};

const SCAN: Readonly<Record<EmvcoError['reason'], MessageKey>> = {
  format: 'pay.scan.error.format',
  crc: 'pay.scan.error.crc',
  'not-atrium': 'pay.scan.error.notAtrium',
  currency: 'pay.scan.error.currency',
};

export function payErrorMessage(t: Translate, language: string, error: unknown): string {
  if (error instanceof EmvcoError) return t(SCAN[error.reason]);
  if (!(error instanceof ApiError)) return walletErrorMessage(t, language, error);
  if (error.code === 'refund_exceeds_payment') {
    const refundable = Number(error.details.refundableCents);
    return Number.isSafeInteger(refundable)
      ? t('pay.error.refundTooLargeAmount', { amount: formatCents(refundable, language) })
      : t('pay.error.refundTooLarge');
  }
  if (error.code === 'expired') return t('pay.error.expired');
  const key = PLAIN[error.code];
  return key ? t(key) : walletErrorMessage(t, language, error);
}
