import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../engine/messages';
import { buildSearchIndex, INDEXED_MESSAGES_MAX, normalize, RESULTS_PER_KIND_MAX, SearchIndex } from './search';

const message = (conversationId: string, n: number, text?: string, fileName?: string): ChatMessage => ({
  key: `dev:${conversationId}:${n}`,
  conversationId,
  senderAccountId: 'acc',
  senderDeviceId: 'dev',
  kind: fileName ? 'file' : 'text',
  text,
  sentAt: 1_000 + n,
  status: 'received',
  ...(fileName ? { file: { name: fileName } as ChatMessage['file'] } : {}),
});

describe('local search', () => {
  const chats = [
    { conversationId: 'c1', name: 'Climbing crew' },
    { conversationId: 'c2', name: 'Zoë' },
  ];
  const contacts = [
    { accountId: 'a1', displayName: 'Zoë Martin', username: 'zoe' },
    { accountId: 'a2', displayName: 'Bob', username: 'bobby' },
  ];

  it('finds chats, contacts and messages, ignoring case and accents, newest message first', async () => {
    const stored: Record<string, ChatMessage[]> = {
      c1: [message('c1', 1, 'Meet at the crag at nine'), message('c1', 3, 'crag closed, gym instead')],
      c2: [
        message('c2', 2, 'See you at the Crag!'),
        message('c2', 4, undefined, 'crag-topo.pdf'),
        message('c2', 5, 'unrelated'),
      ],
    };
    const index = await buildSearchIndex(chats, contacts, async (id) => stored[id] ?? []);
    const byCrag = index.search('CRAG');
    expect(byCrag.messages.map((found) => found.sentAt)).toEqual([1004, 1003, 1002, 1001]);
    expect(index.search('zoe').contacts.map((contact) => contact.accountId)).toEqual(['a1']);
    expect(index.search('zoe').chats.map((chat) => chat.conversationId)).toEqual(['c2']);
    expect(index.search('bobby').contacts).toHaveLength(1);
    expect(index.search('crag nine').messages.map((found) => found.text)).toEqual(['Meet at the crag at nine']);
    expect(index.search('   ')).toEqual({ chats: [], contacts: [], messages: [] });
    expect(index.search('nothing like this')).toEqual({ chats: [], contacts: [], messages: [] });
  });

  it('is bounded in what it indexes and returns', () => {
    const many = Array.from({ length: INDEXED_MESSAGES_MAX + 50 }, (_, n) => message('c1', n, `hello ${n}`));
    const index = SearchIndex.build([], [], many);
    expect(index.messageCount).toBe(INDEXED_MESSAGES_MAX);
    const found = index.search('hello').messages;
    expect(found).toHaveLength(RESULTS_PER_KIND_MAX);
    expect(found[0]!.text).toBe(`hello ${INDEXED_MESSAGES_MAX + 49}`);
  });

  it('normalizes accents and case', () => {
    expect(normalize('ÉTÉ Zoë')).toBe('ete zoe');
  });
});
