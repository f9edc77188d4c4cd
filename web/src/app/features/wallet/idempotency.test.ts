import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { IdempotentAction, newIdempotencyKey } from './idempotency';

function counter() {
  let n = 0;
  return () => `key-${++n}`;
}

describe('IdempotentAction', () => {
  it('keeps the key across retries of the same request after failures', async () => {
    const action = new IdempotentAction<{ amountCents: number }>(counter());
    const sent: string[] = [];
    const failing = async (key: string) => {
      sent.push(key);
      throw new ApiError(0, 'network_error', 'offline');
    };
    await expect(action.run({ amountCents: 500 }, failing)).rejects.toThrow('offline');
    await expect(action.run({ amountCents: 500 }, failing)).rejects.toThrow('offline');
    const result = await action.run({ amountCents: 500 }, async (key) => {
      sent.push(key);
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(sent).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('takes a new key for the next action after a success', async () => {
    const action = new IdempotentAction<{ amountCents: number }>(counter());
    const sent: string[] = [];
    const send = async (key: string) => sent.push(key);
    await action.run({ amountCents: 500 }, send);
    await action.run({ amountCents: 500 }, send);
    expect(sent).toEqual(['key-1', 'key-2']);
  });

  it('takes a new key when the request changes', async () => {
    const action = new IdempotentAction<{ amountCents: number }>(counter());
    expect(action.keyFor({ amountCents: 500 })).toBe('key-1');
    expect(action.keyFor({ amountCents: 500 })).toBe('key-1');
    expect(action.keyFor({ amountCents: 700 })).toBe('key-2');
    expect(action.keyFor({ amountCents: 500 })).toBe('key-3');
  });

  it('sends the key as the Idempotency-Key header through the API client', async () => {
    const { ApiClient } = await import('../../api/client');
    const { WalletApi } = await import('./wallet-api');
    const headers: Record<string, string>[] = [];
    let calls = 0;
    const client = new ApiClient({
      token: () => 'atr_t',
      fetch: async (_url, init) => {
        headers.push(init?.headers as Record<string, string>);
        calls += 1;
        if (calls === 1) throw new TypeError('Failed to fetch');
        return new Response(JSON.stringify({ postingId: 'p', amountCents: 500, balanceCents: 500 }), { status: 201 });
      },
    });
    const wallet = new WalletApi(client);
    const action = new IdempotentAction<{ amountCents: number }>(counter());
    await expect(action.run({ amountCents: 500 }, (key) => wallet.sandboxTopUp(500, key))).rejects.toBeInstanceOf(
      ApiError,
    );
    await action.run({ amountCents: 500 }, (key) => wallet.sandboxTopUp(500, key));
    expect(headers.map((sent) => sent['Idempotency-Key'])).toEqual(['key-1', 'key-1']);
    expect(headers[0]).toMatchObject({ Authorization: 'Bearer atr_t', Accept: 'application/json' });
  });
});

describe('newIdempotencyKey', () => {
  it('makes distinct keys the server accepts', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_.:-]{1,100}$/);
  });
});
