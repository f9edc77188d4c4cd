// A payment card through the real chat engine (MLS encryption, outbox, delivery) against the
// in-memory delivery service: it arrives as a payment message with its reference intact.
import { describe, expect, it } from 'vitest';
import { Keyring } from '../../../mls/keyring';
import { ChatEngine } from './engine';
import { until } from './engine-testing';
import { FakeServer } from './fake-server';
import { memoryLocalDb } from '../../../store/local-db';
import type { PaymentRef } from '../../wallet';

function engineFor(server: FakeServer, accountId: string): ChatEngine {
  const db = memoryLocalDb();
  const deviceId = `${accountId}-dev`;
  return new ChatEngine({
    db,
    api: server.conversationsApi(accountId, deviceId),
    keyring: new Keyring(db, server.keysApi(accountId, deviceId), accountId, deviceId),
    accountId,
    deviceId,
    socketUrl: () => `ws://fake/?account=${accountId}&device=${deviceId}`,
    createSocket: (url) => server.connect(url),
  });
}

describe('payment cards in the chat engine', { timeout: 30_000 }, () => {
  it('delivers a transfer card end to end and previews it in the chat list', async () => {
    const server = new FakeServer();
    const ann = engineFor(server, 'ann');
    const bob = engineFor(server, 'bob');
    for (const engine of [ann, bob]) await engine.start();
    for (const engine of [ann, bob]) await engine.keysReady;
    await until(() => ann.status === 'online' && bob.status === 'online', 'online');
    const conversationId = await ann.openDirect('bob');
    const payment: PaymentRef = {
      kind: 'transfer',
      paymentId: 'trf_abcdefgh12345678',
      amountCents: 750,
      count: 1,
      memo: 'Lunch',
    };

    await ann.sendPayment(conversationId, payment);
    const own = (await ann.messages(conversationId))[0]!;
    expect(own).toMatchObject({ kind: 'payment', payment, status: 'pending' });
    expect((await ann.conversation(conversationId)).lastMessage?.text).toBe('💶 €7.50');

    await until(
      async () => (await bob.messages(conversationId)).some((message) => message.kind === 'payment'),
      'bob got the card',
    );
    const received = (await bob.messages(conversationId)).find((message) => message.kind === 'payment')!;
    expect(received).toMatchObject({ kind: 'payment', payment, senderAccountId: 'ann', status: 'received' });
    expect((await bob.conversation(conversationId)).lastMessage?.text).toBe('💶 €7.50');
    await expect(ann.sendPayment(conversationId, { ...payment, paymentId: 'not-an-id' })).rejects.toThrow();
  });
});
