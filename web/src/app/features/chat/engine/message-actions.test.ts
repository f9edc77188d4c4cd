// "Delete for me", forwarding and reactions between real ChatEngines (real MLS) over the fake
// delivery service, and the small rules behind them.
import { describe, expect, it } from 'vitest';
import { annAndBobInADirectChat, online, person, texts, threeWithAGroup, until } from './engine-testing';
import { withPreviewAfterDeletion } from './local-conversation';
import { withoutMessage, type ChatMessage } from './messages';
import { decodePayload, encodePayload } from './codec';

const message = (key: string, text: string, sentAt: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  key,
  conversationId: 'c1',
  senderAccountId: 'ann',
  senderDeviceId: 'ann-dev',
  kind: 'text',
  text,
  sentAt,
  status: 'sent',
  ...extra,
});

describe('delete for me', () => {
  it('removes only the one message, and leaves the list alone when it is not there', () => {
    const list = [message('d:1', 'one', 1), message('d:2', 'two', 2)];
    expect(withoutMessage(list, 'd:1').map((m) => m.key)).toEqual(['d:2']);
    expect(withoutMessage(list, 'd:9')).toBe(list);
  });

  it('moves the chat list preview to the newest message left, or clears it', () => {
    const list = [message('d:1', 'one', 1), message('d:2', 'two', 2)];
    const local = {
      lastSeq: 2,
      unread: 0,
      lastMessage: { text: 'two', sentAt: 2, senderAccountId: 'ann', key: 'd:2' },
    };
    expect(withPreviewAfterDeletion(local, withoutMessage(list, 'd:2'), 'd:2').lastMessage).toMatchObject({
      text: 'one',
      sentAt: 1,
      key: 'd:1',
    });
    expect(withPreviewAfterDeletion(local, withoutMessage(list, 'd:1'), 'd:1')).toBe(local);
    expect(withPreviewAfterDeletion(local, [], 'd:2').lastMessage).toBeUndefined();
  });

  it(
    "keeps the message gone after a restart, and leaves it on the other member's device",
    { timeout: 30_000 },
    async () => {
      const { server, ann, bob, conversationId } = await annAndBobInADirectChat();
      await ann.engine.sendText(conversationId, 'keep this');
      await ann.engine.sendText(conversationId, 'delete this');
      await until(async () => (await texts(bob, conversationId)).includes('delete this'), 'bob got both');
      const key = (await bob.engine.messages(conversationId)).find((m) => m.text === 'delete this')!.key;

      await bob.engine.deleteForMe(conversationId, key);
      expect(await texts(bob, conversationId)).toEqual(['keep this']);
      expect((await bob.engine.conversation(conversationId)).lastMessage?.text).toBe('keep this');

      // A reload: a new engine over the same device storage, catching up with the server again.
      bob.engine.stop();
      const again = person(server, 'bob', bob.db);
      await online(again);
      await ann.engine.sendText(conversationId, 'after the reload');
      await until(
        async () => (await texts(again, conversationId)).includes('after the reload'),
        'bob got the next one',
      );
      expect(await texts(again, conversationId)).toEqual(['keep this', 'after the reload']);
      expect(await texts(ann, conversationId)).toEqual(['keep this', 'delete this', 'after the reload']);
      again.engine.stop();
      ann.engine.stop();
    },
  );
});

describe('forwarded and reaction payloads', () => {
  const file = {
    attachmentId: 'att_' + 'a'.repeat(20),
    key: 'k'.repeat(43) + '=',
    iv: 'i'.repeat(16),
    name: 'crag.png',
    mime: 'image/png',
    size: 10,
  };

  it('carries the forwarded mark on texts and files, and reads old payloads as not forwarded', () => {
    const text = { type: 'text' as const, id: 'm1', sentAt: 5, text: 'look', forwarded: true as const };
    expect(decodePayload(encodePayload(text))).toEqual(text);
    const forwardedFile = { type: 'file' as const, id: 'm2', sentAt: 5, file, forwarded: true as const };
    expect(decodePayload(encodePayload(forwardedFile))).toEqual(forwardedFile);
    expect(decodePayload(encodePayload({ type: 'text', id: 'm3', sentAt: 5, text: 'plain' }))).not.toHaveProperty(
      'forwarded',
    );
    // Anything but `true` is no mark (a hostile or newer sender's value is ignored).
    const odd = new TextEncoder().encode(JSON.stringify({ v: 1, t: 'text', id: 'm4', at: 5, text: 'x', fwd: 'yes' }));
    expect(decodePayload(odd)).not.toHaveProperty('forwarded');
  });

  it('round-trips a reaction and its withdrawal, and refuses one without a message key', () => {
    const reaction = { type: 'reaction' as const, id: 'm5', sentAt: 5, target: 'dev1:m1', emoji: '😢' };
    expect(decodePayload(encodePayload(reaction))).toEqual(reaction);
    expect(decodePayload(encodePayload({ ...reaction, emoji: '' }))).toEqual({ ...reaction, emoji: '' });
    expect(() => encodePayload({ ...reaction, target: 'no key' })).toThrow();
  });
});

describe('forwarding between engines', () => {
  it('sends a copy to each chosen chat, marked forwarded on every side', { timeout: 30_000 }, async () => {
    const { ann, bob, cat, conversationId: group } = await threeWithAGroup('Crag');
    const direct = await ann.engine.openDirect('cat');
    await until(() => cat.engine.hasGroup(direct), 'cat joined');
    await bob.engine.sendText(group, 'Meet at the crag at 8');
    await until(async () => (await texts(ann, group)).includes('Meet at the crag at 8'), 'ann got it');
    const original = (await ann.engine.messages(group)).find((m) => m.text === 'Meet at the crag at 8')!;

    await ann.engine.forward([direct, group], original);
    await until(
      async () => (await cat.engine.messages(direct)).some((m) => m.forwarded && m.text === original.text),
      'cat got it',
    );
    await until(
      async () => (await bob.engine.messages(group)).some((m) => m.forwarded && m.text === original.text),
      'bob got it',
    );
    expect((await ann.engine.messages(direct)).find((m) => m.text === original.text)).toMatchObject({
      forwarded: true,
    });
    for (const who of [ann, bob, cat]) who.engine.stop();
  });
});
