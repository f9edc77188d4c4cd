import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { translator } from '../../catalogue';
import { EmvcoError } from './emvco';
import { payErrorMessage } from './pay-errors';

const message = (language: 'en' | 'de', error: unknown) =>
  payErrorMessage(translator(language), language, error).replace(/[\u00a0\u202f]/g, ' ');

describe('payErrorMessage', () => {
  it('says how much can still be refunded', () => {
    const error = new ApiError(409, 'refund_exceeds_payment', 'x', undefined, { refundableCents: 250 });
    expect(message('en', error)).toBe('At most €2.50 of this payment can still be refunded.');
    expect(message('de', error)).toBe('Von dieser Zahlung können höchstens noch 2,50 € erstattet werden.');
  });

  it('translates the bank and merchant codes and falls back to the wallet messages', () => {
    expect(message('en', new ApiError(422, 'invalid_iban', 'x'))).toBe(
      'This IBAN is not valid. Check it for typing errors.',
    );
    expect(message('en', new ApiError(409, 'insufficient_funds', 'x'))).toBe(
      'Your balance is too low for this payment.',
    );
    expect(message('en', new ApiError(403, 'pin_wrong', 'x', undefined, { triesLeft: 2 }))).toBe(
      'The PIN is wrong. Tries left before payments are locked: 2.',
    );
  });

  it('explains a code that is not an Atrium payment code', () => {
    expect(message('en', new EmvcoError('crc'))).toBe('This QR code is damaged. Scan it again.');
  });
});
