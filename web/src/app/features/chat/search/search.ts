// Local search over what this device already has in clear: conversation names, contacts and
// decrypted messages. The server cannot search (it only holds ciphertext), so the index is built
// in memory from the device's message store when the user starts searching, bounded in size, and
// thrown away with the screen; nothing extra is written to disk.
import type { ChatMessage } from '../engine/messages';

/** Messages indexed at most, newest first across all conversations. */
export const INDEXED_MESSAGES_MAX = 20_000;
/** Conversations whose messages are read for the index, at most. */
export const INDEXED_CONVERSATIONS_MAX = 200;
/** Results shown per kind, at most. */
export const RESULTS_PER_KIND_MAX = 30;
/** Longer queries are cut: nobody types more, and matching stays cheap. */
const QUERY_MAX = 200;

export interface SearchChat {
  conversationId: string;
  name: string;
}
export interface SearchContact {
  accountId: string;
  displayName: string;
  username: string;
}

export interface SearchResults {
  chats: SearchChat[];
  contacts: SearchContact[];
  /** Newest first. */
  messages: ChatMessage[];
}

/** Lower case without accents, so "Zoe" finds "Zoë" and "ÉTÉ" finds "été". */
export function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function tokens(query: string): string[] {
  return normalize(query.slice(0, QUERY_MAX)).split(/\s+/).filter(Boolean);
}

function matches(haystack: string, needles: string[]): boolean {
  return needles.every((needle) => haystack.includes(needle));
}

export class SearchIndex {
  private constructor(
    private readonly chats: { item: SearchChat; text: string }[],
    private readonly contacts: { item: SearchContact; text: string }[],
    private readonly messages: { item: ChatMessage; text: string }[],
  ) {}

  static build(chats: SearchChat[], contacts: SearchContact[], messages: ChatMessage[]): SearchIndex {
    const searchable = messages
      .filter((message) => message.text || message.file?.name)
      .sort((a, b) => b.sentAt - a.sentAt)
      .slice(0, INDEXED_MESSAGES_MAX);
    return new SearchIndex(
      chats.map((item) => ({ item, text: normalize(item.name) })),
      contacts.map((item) => ({ item, text: normalize(`${item.displayName} ${item.username}`) })),
      searchable.map((item) => ({ item, text: normalize(`${item.text ?? ''} ${item.file?.name ?? ''}`) })),
    );
  }

  get messageCount(): number {
    return this.messages.length;
  }

  search(query: string): SearchResults {
    const needles = tokens(query);
    if (needles.length === 0) return { chats: [], contacts: [], messages: [] };
    const pick = <T>(entries: { item: T; text: string }[]) => {
      const found: T[] = [];
      for (const entry of entries) {
        if (matches(entry.text, needles)) found.push(entry.item);
        if (found.length >= RESULTS_PER_KIND_MAX) break;
      }
      return found;
    };
    return { chats: pick(this.chats), contacts: pick(this.contacts), messages: pick(this.messages) };
  }
}

/** Reads the messages of up to INDEXED_CONVERSATIONS_MAX conversations and builds the index. */
export async function buildSearchIndex(
  chats: SearchChat[],
  contacts: SearchContact[],
  messagesOf: (conversationId: string) => Promise<ChatMessage[]>,
): Promise<SearchIndex> {
  const lists = await Promise.all(
    chats.slice(0, INDEXED_CONVERSATIONS_MAX).map((chat) => messagesOf(chat.conversationId).catch(() => [])),
  );
  return SearchIndex.build(chats, contacts, lists.flat());
}
