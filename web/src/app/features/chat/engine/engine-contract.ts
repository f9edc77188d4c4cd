// The chat engine's core scenarios, written once against any delivery service: registering
// (a person with one device), becoming contacts, a direct chat both ways with read marks, and a
// group made with its first members. engine-contract.test.ts runs them against the in-memory
// FakeServer the other engine tests use; e2e/engine-contract.e2e.ts runs them against the real
// server jar, so a fake that drifts from the server fails there.
import { expect } from 'vitest';
import { online, type Person, texts, until } from './engine-testing';

/** A delivery service the scenarios run against. */
export interface Network {
  /** A new person with one device, registered; the engine is made but not started. */
  person(name: string): Promise<Person>;
  /** Makes two people contacts (the server opens direct chats between contacts only). */
  befriend(first: Person, second: Person): Promise<void>;
  /** How long a scenario waits for one thing to happen. */
  waitMillis: number;
}

export interface Scenario {
  name: string;
  run(network: Network): Promise<void>;
}

export const CONTRACT_SCENARIOS: readonly Scenario[] = [
  {
    name: 'two people chat both ways in a direct conversation, with unread counts and read marks',
    async run(network) {
      const wait = network.waitMillis;
      const ann = await network.person('ann');
      const bob = await network.person('bob');
      await network.befriend(ann, bob);
      try {
        await online(ann, bob);
        const conversationId = await ann.engine.openDirect(bob.accountId);
        await until(() => bob.engine.hasGroup(conversationId), 'bob joined', wait);
        await ann.engine.sendText(conversationId, 'hi bob');
        await until(async () => (await texts(bob, conversationId)).includes('hi bob'), 'bob got it', wait);
        await bob.engine.sendText(conversationId, 'hi ann');
        await until(async () => (await texts(ann, conversationId)).includes('hi ann'), 'ann got it', wait);
        expect(await texts(ann, conversationId)).toEqual(['hi bob', 'hi ann']);
        expect(await texts(bob, conversationId)).toEqual(['hi bob', 'hi ann']);
        expect((await bob.engine.conversation(conversationId)).unread).toBe(1);
        await until(
          async () => (await ann.engine.messages(conversationId)).find((m) => m.text === 'hi bob')?.status === 'sent',
          'sent',
          wait,
        );

        // Bob opens the chat: his unread count clears and Ann learns how far he read.
        await bob.engine.setOpenConversation(conversationId);
        expect((await bob.engine.conversation(conversationId)).unread).toBe(0);
        const bobLastSeq = (await bob.engine.conversation(conversationId)).lastSeq;
        await until(
          async () => (await ann.engine.conversation(conversationId)).readUpTo?.[bob.accountId] === bobLastSeq,
          'read mark',
          wait,
        );
      } finally {
        ann.engine.stop();
        bob.engine.stop();
      }
    },
  },
  {
    name: 'a group made with its first members: everyone joins, sees who made it, and reads everyone',
    async run(network) {
      const wait = network.waitMillis;
      const [ann, bob, cat] = [await network.person('ann'), await network.person('bob'), await network.person('cat')];
      await network.befriend(ann, bob);
      await network.befriend(ann, cat);
      try {
        await online(ann, bob, cat);
        const conversationId = await ann.engine.createGroup('trio', [bob.accountId, cat.accountId]);
        await until(
          () => bob.engine.hasGroup(conversationId) && cat.engine.hasGroup(conversationId),
          'both joined',
          wait,
        );
        expect((await ann.engine.memberAccounts(conversationId)).sort()).toEqual(
          [ann.accountId, bob.accountId, cat.accountId].sort(),
        );
        for (const [who, text] of [
          [ann, 'from ann'],
          [bob, 'from bob'],
          [cat, 'from cat'],
        ] as const) {
          await who.engine.sendText(conversationId, text);
          for (const reader of [ann, bob, cat]) {
            await until(async () => (await texts(reader, conversationId)).includes(text), `${text} arrived`, wait);
          }
        }
        for (const reader of [bob, cat]) {
          const created = (await reader.engine.messages(conversationId)).find((message) => message.kind === 'system');
          expect(created?.system).toEqual({
            event: 'member',
            change: 'created',
            accountIds: expect.arrayContaining([bob.accountId, cat.accountId]),
          });
          expect(created?.senderAccountId).toBe(ann.accountId);
        }
      } finally {
        for (const who of [ann, bob, cat]) who.engine.stop();
      }
    },
  },
];
