// The engine tells its incoming listeners of each new message from someone else, once saved:
// what notifications are shown for. Edits, reactions and one's own messages are not news.
import { describe, expect, it } from 'vitest';
import { annAndBobInADirectChat, texts, until } from './engine-testing';
import type { ChatMessage } from './messages';

describe('incoming messages', { timeout: 30_000 }, () => {
  it('are told once each, with their content, and never for the own messages, edits or reactions', async () => {
    const { ann, bob, conversationId } = await annAndBobInADirectChat();
    const toBob: ChatMessage[] = [];
    const toAnn: ChatMessage[] = [];
    bob.engine.subscribeIncoming((message) => toBob.push(message));
    ann.engine.subscribeIncoming((message) => toAnn.push(message));

    await ann.engine.sendText(conversationId, 'dinner at 8?');
    await until(async () => (await texts(bob, conversationId)).includes('dinner at 8?'), 'bob got it');
    const key = (await ann.engine.messages(conversationId)).find((message) => message.text === 'dinner at 8?')!.key;
    await ann.engine.editMessage(conversationId, key, 'dinner at 9?');
    await bob.engine.react(conversationId, key, '👍');
    await bob.engine.sendText(conversationId, 'yes');
    await until(async () => (await texts(ann, conversationId)).includes('yes'), 'ann got the answer');
    await until(async () => (await texts(bob, conversationId)).includes('dinner at 9?'), 'bob got the edit');

    expect(
      toBob.map((message) => [message.conversationId, message.kind, message.text, message.senderAccountId]),
    ).toEqual([[conversationId, 'text', 'dinner at 8?', 'ann']]);
    expect(toAnn.map((message) => message.text)).toEqual(['yes']);
    expect(await bob.engine.conversation(conversationId)).toMatchObject({ unread: 1 });
    ann.engine.stop();
    bob.engine.stop();
  });
});
