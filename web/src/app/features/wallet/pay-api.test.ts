import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../api/client';
import { PayApi, PosApi } from './pay-api';

function recording() {
  const sent: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  const client = (token: string) =>
    new ApiClient({
      token: () => token,
      fetch: async (url, init) => {
        sent.push({
          url,
          method: init?.method ?? 'GET',
          headers: init?.headers as Record<string, string>,
          body: init?.body ? JSON.parse(init.body as string) : undefined,
        });
        return new Response(JSON.stringify({ items: [] }), { status: 200 });
      },
    });
  return { sent, client };
}

describe('PayApi', () => {
  it('leaves the amount out when paying a dynamic code and sends the Idempotency-Key', async () => {
    const { sent, client } = recording();
    const api = new PayApi(client('atr_device'));
    await api.payMerchant('000201…', null, '123456', 'k-1');
    await api.payMerchant('000201…', 320, '123456', 'k-2');
    expect(sent.map((request) => request.body)).toEqual([
      { qrPayload: '000201…', pin: '123456' },
      { qrPayload: '000201…', amountCents: 320, pin: '123456' },
    ]);
    expect(sent.map((request) => request.headers['Idempotency-Key'])).toEqual(['k-1', 'k-2']);
  });

  it('asks for top-up instructions with an optional amount and pages withdrawals by cursor', async () => {
    const { sent, client } = recording();
    const api = new PayApi(client('atr_device'));
    await api.getTopUpInstructions(null);
    await api.getTopUpInstructions(2_500);
    await api.listWithdrawals('c/1+2');
    expect(sent.map((request) => request.url)).toEqual([
      '/api/v1/wallet/top-up',
      '/api/v1/wallet/top-up?amountCents=2500',
      '/api/v1/wallet/withdrawals?limit=20&before=c%2F1%2B2',
    ]);
  });
});

describe('PayApi for a shop owner', () => {
  it('refunds and pays out with the PIN and an Idempotency-Key, on the device token', async () => {
    const { sent, client } = recording();
    const api = new PayApi(client('atr_device'));
    await api.refundMerchantPayment('m 1', 'p/1', 150, '123456', 'r-1');
    await api.createMerchantPayout('m 1', 2_000, '123456', 'po-1');
    await api.setMerchantPayoutAccount('m 1', 'DE89370400440532013000', null, '123456');
    await api.listMerchantPayments('m 1', '17');
    expect(
      sent.map((request) => [request.method, request.url, request.body, request.headers['Idempotency-Key']]),
    ).toEqual([
      ['POST', '/api/v1/merchants/m%201/payments/p%2F1/refunds', { amountCents: 150, pin: '123456' }, 'r-1'],
      ['POST', '/api/v1/merchants/m%201/payouts', { amountCents: 2_000, pin: '123456' }, 'po-1'],
      ['PUT', '/api/v1/merchants/m%201/payout-account', { iban: 'DE89370400440532013000', pin: '123456' }, undefined],
      ['GET', '/api/v1/merchants/m%201/payments?limit=20&before=17', undefined, undefined],
    ]);
    expect(sent.every((request) => request.headers.Authorization === 'Bearer atr_device')).toBe(true);
  });
});

describe('PosApi', () => {
  it('sends the merchant key, not the device token, and refunds with an Idempotency-Key', async () => {
    const { sent, client } = recording();
    const pos = new PosApi(client('mk_secret'));
    await pos.refund('p 1', 100, 'r-1');
    expect(sent[0]).toMatchObject({
      url: '/api/v1/pos/payments/p%201/refunds',
      method: 'POST',
      body: { amountCents: 100 },
      headers: { Authorization: 'Bearer mk_secret', 'Idempotency-Key': 'r-1' },
    });
  });
});
