import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, newMessageId } from './codec';
import { localisedPreview, paymentPreview, type PaymentRef } from '../../wallet';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const transfer: PaymentRef = {
  kind: 'transfer',
  paymentId: 'trf_AbC-123_xyzXYZ0987654',
  amountCents: 1234,
  count: 1,
  memo: 'Pizza 🍕',
};
const packet: PaymentRef = { kind: 'red-packet', paymentId: 'rpk_Zz9_8-7yy6xx5ww4vv', amountCents: 500, count: 3 };

describe('payment card messages', () => {
  it('round-trip a transfer card and a red-packet card', () => {
    for (const payment of [transfer, packet]) {
      const payload = { type: 'payment' as const, id: newMessageId(), sentAt: 1_700_000_000_000, payment };
      expect(decodePayload(encodePayload(payload))).toEqual(payload);
    }
  });

  it('keep only the known fields of a card', () => {
    const decoded = decodePayload(
      json({ v: 1, t: 'payment', id: 'm1', at: 5, pay: { ...packet, extra: 'ignored', split: 'lucky' } }),
    );
    expect(decoded).toEqual({ type: 'payment', id: 'm1', sentAt: 5, payment: packet });
  });

  it('turn unknown payment kinds and malformed cards into unsupported messages, never a crash', () => {
    const bad: unknown[] = [
      { ...transfer, kind: 'merchant' },
      { ...transfer, paymentId: 'rpk_Zz9_8-7yy6xx5ww4vv' }, // a red packet's id on a transfer card
      { ...transfer, paymentId: 'trf_../../admin' },
      { ...transfer, amountCents: 0 },
      { ...transfer, amountCents: 12.5 },
      { ...transfer, amountCents: '1234' },
      { ...transfer, count: 2 },
      { ...packet, count: 0 },
      { ...transfer, memo: 'x'.repeat(201) },
      null,
      'trf_AbC-123_xyzXYZ0987654',
    ];
    for (const pay of bad) {
      expect(decodePayload(json({ v: 1, t: 'payment', id: 'm2', at: 5, pay }))).toEqual({
        type: 'unsupported',
        id: 'm2',
        sentAt: 5,
      });
    }
    expect(decodePayload(json({ v: 1, t: 'payment-v2', id: 'm3', at: 5, pay: transfer }))).toMatchObject({
      type: 'unsupported',
    });
  });

  it('refuse to send a malformed card', () => {
    expect(() =>
      encodePayload({ type: 'payment', id: 'm4', sentAt: 1, payment: { ...transfer, amountCents: -1 } }),
    ).toThrow();
  });

  it('preview the amount exactly in the chat list', () => {
    expect(paymentPreview(transfer)).toBe('💶 €12.34');
    expect(paymentPreview({ ...packet, amountCents: 5 })).toBe('🧧 €0.05');
  });
});

describe('localisedPreview', () => {
  it('formats a stored payment preview like the chat does, per language', () => {
    expect(localisedPreview('💶 €6.00', 'de')).toBe('💶 6,00\u00a0€');
    expect(localisedPreview('🧧 €1234.50', 'fr')).toBe('🧧 1\u202f234,50\u00a0€');
    expect(localisedPreview('💶 €6.00', 'en')).toBe('💶 €6.00');
  });

  it('leaves ordinary message text alone', () => {
    expect(localisedPreview('see you at 6.00', 'de')).toBe('see you at 6.00');
    expect(localisedPreview('€6.00', 'de')).toBe('€6.00');
  });
});
