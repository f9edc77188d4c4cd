import { describe, expect, it } from 'vitest';
import { memoryLocalDb } from '../../../store/local-db';
import type { ChatMessage } from '../engine/messages';
import { countHistory } from './history-counts';

const message = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  key: `d:${seq}`,
  conversationId: 'c',
  seq,
  senderAccountId: 'a',
  senderDeviceId: 'd',
  kind: 'text',
  text: 'hi',
  sentAt: seq,
  status: 'sent',
  ...extra,
});

describe('history counts', () => {
  it('counts chats with messages and their messages, not system lines, placeholders or recalled ones', async () => {
    const db = memoryLocalDb();
    expect(await countHistory(db)).toEqual({ chats: 0, messages: 0 });
    await db.setMany([
      ['msgs:c1', [message(1), message(2), message(3, { kind: 'system', system: { event: 'history' } })]],
      ['msgs:c2', [message(1, { kind: 'undecryptable' }), message(2, { recalled: true })]],
      ['msgs:c3', [message(1, { kind: 'file' })]],
      ['conv:c1', { unread: 0 }],
    ]);
    expect(await countHistory(db)).toEqual({ chats: 2, messages: 3 });
  });
});
