// "Delete for me", forwarding and reactions between real ChatEngines (real MLS) over the fake
// delivery service, and the small rules behind them.
import { describe, expect, it } from 'vitest';
import { annAndBobInADirectChat, online, person, texts, until } from './engine-testing';
import { withPreviewAfterDeletion } from './local-conversation';
import { withoutMessage, type ChatMessage } from './messages';

const message = (key: string, text: string, sentAt: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  key, conversationId: 'c1', senderAccountId: 'ann', senderDeviceId: 'ann-dev', kind: 'text', text, sentAt, status: 'sent', ...extra,
});

describe('delete for me', () => {
  it('removes only the one message, and leaves the list alone when it is not there', () => {
    const list = [message('d:1', 'one', 1), message('d:2', 'two', 2)];
    expect(withoutMessage(list, 'd:1').map((m) => m.key)).toEqual(['d:2']);
    expect(withoutMessage(list, 'd:9')).toBe(list);
  });

  it('moves the chat list preview to the newest message left, or clears it', () => {
    const list = [message('d:1', 'one', 1), message('d:2', 'two', 2)];
    const local = { lastSeq: 2, unread: 0, lastMessage: { text: 'two', sentAt: 2, senderAccountId: 'ann', key: 'd:2' } };
    expect(withPreviewAfterDeletion(local, withoutMessage(list, 'd:2'), 'd:2').lastMessage)
      .toMatchObject({ text: 'one', sentAt: 1, key: 'd:1' });
    expect(withPreviewAfterDeletion(local, withoutMessage(list, 'd:1'), 'd:1')).toBe(local);
    expect(withPreviewAfterDeletion(local, [], 'd:2').lastMessage).toBeUndefined();
  });

  it('keeps the message gone after a restart, and leaves it on the other member\'s device', { timeout: 30_000 }, async () => {
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
    await until(async () => (await texts(again, conversationId)).includes('after the reload'), 'bob got the next one');
    expect(await texts(again, conversationId)).toEqual(['keep this', 'after the reload']);
    expect(await texts(ann, conversationId)).toEqual(['keep this', 'delete this', 'after the reload']);
    again.engine.stop();
    ann.engine.stop();
  });
});
