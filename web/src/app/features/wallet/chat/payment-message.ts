// The chat card of a payment: an E2E message that only points at a server-side ledger operation
// (a chat transfer or a red packet) by its id. The amount it carries is what the sender meant and
// is shown until the server's answer arrives; the server's record is the truth for status and
// shares, so a forged card can show a number but can never move or claim money.

import { formatCents } from '../money';

export type PaymentKind = 'transfer' | 'red-packet';

export interface PaymentRef {
  kind: PaymentKind;
  /** The server's id: trf_... for transfers, rpk_... for red packets. */
  paymentId: string;
  amountCents: number;
  /** Shares of a red packet; 1 for a transfer. */
  count: number;
  memo?: string;
}

export const PAYMENT_MEMO_CHARS_MAX = 200;
const ID_PATTERNS: Readonly<Record<PaymentKind, RegExp>> = {
  transfer: /^trf_[A-Za-z0-9_-]{8,64}$/,
  'red-packet': /^rpk_[A-Za-z0-9_-]{8,64}$/,
};
/** Far above any limit a server sets; only guards against absurd numbers in a card. */
const CARD_CENTS_MAX = 1_000_000_000_000;
const COUNT_MAX = 10_000;

/** Whether a decoded value is a payment reference this client understands; unknown kinds are not. */
export function isPaymentRef(value: unknown): value is PaymentRef {
  if (!value || typeof value !== 'object') return false;
  const ref = value as Record<string, unknown>;
  if (ref.kind !== 'transfer' && ref.kind !== 'red-packet') return false;
  return (
    typeof ref.paymentId === 'string' &&
    ID_PATTERNS[ref.kind].test(ref.paymentId) &&
    typeof ref.amountCents === 'number' &&
    Number.isSafeInteger(ref.amountCents) &&
    ref.amountCents >= 1 &&
    ref.amountCents <= CARD_CENTS_MAX &&
    typeof ref.count === 'number' &&
    Number.isSafeInteger(ref.count) &&
    ref.count >= 1 &&
    ref.count <= COUNT_MAX &&
    (ref.kind === 'red-packet' || ref.count === 1) &&
    (ref.memo === undefined || (typeof ref.memo === 'string' && ref.memo.length <= PAYMENT_MEMO_CHARS_MAX))
  );
}

/** A copy with only the known fields, so nothing else a sender added is kept or re-sent. */
export function cleanPaymentRef(ref: PaymentRef): PaymentRef {
  const { kind, paymentId, amountCents, count, memo } = ref;
  return memo ? { kind, paymentId, amountCents, count, memo } : { kind, paymentId, amountCents, count };
}

/**
 * The stored one-line preview of a payment: "🧧 €5.00", "💶 €12.34". The engine keeps it in this
 * fixed form, since it knows no UI language; {@link localisedPreview} formats it for display.
 */
export function paymentPreview(ref: PaymentRef): string {
  const digits = String(ref.amountCents).padStart(3, '0');
  return `${ref.kind === 'red-packet' ? '🧧' : '💶'} €${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const storedPreview = /^(🧧|💶) €(\d{1,13})\.(\d{2})$/u;

/**
 * A chat list preview for the UI language: a stored payment preview gets the same money format
 * as the chat ("💶 €6.00" reads "💶 6,00 €" in German); any other text stays as it is.
 */
export function localisedPreview(text: string, language: string): string {
  const match = storedPreview.exec(text);
  if (!match) return text;
  return `${match[1]} ${formatCents(Number(match[2]) * 100 + Number(match[3]), language)}`;
}
