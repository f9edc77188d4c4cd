import { describe, expect, it } from 'vitest';
import { MESSAGES_PER_CONVERSATION_MAX, mergeMessage, messageKey, unseenEnvelopes, type ChatMessage } from './messages';

const message = (id: string, seq?: number, status: ChatMessage['status'] = 'received'): ChatMessage => ({
  key: messageKey('dev1', id),
  conversationId: 'c1',
  seq,
  senderAccountId: 'a1',
  senderDeviceId: 'dev1',
  kind: 'text',
  text: id,
  sentAt: 1,
  status,
});

describe('dedupe', () => {
  it('drops envelopes at or below the last processed sequence number and repeats within a frame', () => {
    const envelopes = [{ seq: 3 }, { seq: 5 }, { seq: 4 }, { seq: 5 }, { seq: 2 }];
    expect(unseenEnvelopes(envelopes, 3).map((envelope) => envelope.seq)).toEqual([4, 5]);
    expect(unseenEnvelopes(envelopes, 5)).toEqual([]);
  });

  it('shows a message delivered twice once', () => {
    let list: ChatMessage[] = [];
    list = mergeMessage(list, message('x', 7)).list;
    const again = mergeMessage(list, message('x', 7));
    expect(again.added).toBe(false);
    expect(again.list).toHaveLength(1);
    // Same sequence number under another key (re-delivery after a reload): still once.
    expect(mergeMessage(list, message('y', 7)).list).toHaveLength(1);
  });

  it('a pending own message becomes sent, with its sequence number, without a second copy', () => {
    const list = mergeMessage([], message('mine', undefined, 'pending')).list;
    const merged = mergeMessage(list, message('mine', 9, 'sent'));
    expect(merged.list).toEqual([{ ...message('mine', 9, 'sent') }]);
  });

  it('orders by sequence number, with messages not yet sent last', () => {
    let list: ChatMessage[] = [];
    list = mergeMessage(list, message('mine', undefined, 'pending')).list;
    list = mergeMessage(list, message('b', 5)).list;
    list = mergeMessage(list, message('a', 4)).list;
    expect(list.map((m) => m.text)).toEqual(['a', 'b', 'mine']);
    list = mergeMessage(list, message('mine', 3, 'sent')).list;
    expect(list.map((m) => m.text)).toEqual(['mine', 'a', 'b']);
  });

  it('keeps at most the newest messages per conversation', () => {
    let list: ChatMessage[] = [];
    for (let i = 0; i <= MESSAGES_PER_CONVERSATION_MAX; i++) list = mergeMessage(list, message(`m${i}`, i + 1)).list;
    expect(list).toHaveLength(MESSAGES_PER_CONVERSATION_MAX);
    expect(list[0]!.text).toBe('m1');
  });
});
