import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { translator } from '../../catalogue';
import { walletErrorMessage } from './wallet-errors';

const message = (language: 'en' | 'de', error: unknown) =>
  walletErrorMessage(translator(language), language, error).replace(/[\u00a0\u202f]/g, ' ');

describe('walletErrorMessage', () => {
  it('says how many PIN tries are left', () => {
    const error = new ApiError(403, 'pin_wrong', 'wrong', undefined, { triesLeft: 3 });
    expect(message('en', error)).toBe('The PIN is wrong. Tries left before payments are locked: 3.');
  });

  it('says when a locked PIN can be tried again, in whole minutes', () => {
    const error = new ApiError(423, 'pin_locked', 'locked', undefined, { retryAfterSeconds: 61 });
    expect(message('de', error)).toBe('Zu viele falsche PINs. Zahlungen sind gesperrt; versuche es in 2 Min. erneut.');
  });

  it('names the limit and what is left, in the UI language', () => {
    const daily = new ApiError(422, 'limit_exceeded', 'x', undefined, {
      limit: 'daily',
      limitCents: 100_000,
      remainingCents: 2_550,
    });
    expect(message('de', daily)).toBe(
      'Das liegt über deinem Tageslimit von 1.000,00 €; heute sind noch 25,50 € übrig.',
    );
    const single = new ApiError(422, 'limit_exceeded', 'x', undefined, {
      limit: 'per-payment',
      limitCents: 50_000,
      remainingCents: 50_000,
    });
    expect(message('en', single)).toBe('This is above your limit of €500.00 per payment.');
  });

  it('translates plain wallet codes and falls back to the general messages', () => {
    expect(message('en', new ApiError(409, 'insufficient_funds', 'x'))).toBe(
      'Your balance is too low for this payment.',
    );
    expect(message('en', new ApiError(403, 'sandbox_disabled', 'x'))).toBe(
      'Top-ups with demo money are switched off on this server.',
    );
    expect(message('en', new ApiError(0, 'network_error', 'x'))).toBe(
      'The server cannot be reached. Check your connection.',
    );
    expect(message('en', new ApiError(400, 'pin_wrong', 'x'))).toBe('The PIN is wrong.');
  });

  it('says a tampered shop code paid nothing, and that a payment still running is not to be repeated blindly', () => {
    expect(message('en', new ApiError(422, 'qr_code_mismatch', 'x'))).toBe(
      'This code does not match the shop’s order. Nothing was paid; ask the shop for a new code.',
    );
    expect(message('de', new ApiError(409, 'idempotency_in_progress', 'x'))).toBe(
      'Diese Zahlung wird noch bearbeitet. Warte kurz und sieh in deinen Umsätzen nach, bevor du es erneut versuchst.',
    );
  });
});

describe('the details of an error body', () => {
  it('reach the message through the API client', async () => {
    const { toApiError } = await import('../../api/client');
    const error = await toApiError(
      new Response(
        JSON.stringify({
          error: { code: 'pin_wrong', message: 'The payment PIN is wrong.', triesLeft: 1 },
        }),
        { status: 403 },
      ),
    );
    expect(error.details).toEqual({ triesLeft: 1 });
    expect(message('en', error)).toBe('The PIN is wrong. Tries left before payments are locked: 1.');
  });
});
