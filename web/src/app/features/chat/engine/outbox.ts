// Messages composed but not yet accepted by the server, kept in IndexedDB so they survive a
// reload or an offline spell and are sent, in order, on the next connection. Each keeps its
// clientMessageId, so a resend after a lost answer is recognised by the server as a duplicate.
import type { SendablePayload } from './codec';
import type { ChatMessage } from './messages';
import type { LocalDb } from '../../../store/local-db';

export interface OutboxItem {
  clientMessageId: string;
  conversationId: string;
  /** The message payload (encoded by codec.ts), encrypted only when it is sent. */
  payload: SendablePayload;
  queuedAt: number;
  /** For an edit or recall: its message as it was before, shown again if the change fails. */
  before?: ChatMessage;
}

export const OUTBOX_KEY = 'outbox';
/** Queued messages at most; composing more while offline is refused. */
export const OUTBOX_ITEMS_MAX = 500;

export class OutboxFull extends Error {}

export class Outbox {
  constructor(private readonly db: LocalDb) {}

  async list(): Promise<OutboxItem[]> {
    return (await this.db.get<OutboxItem[]>(OUTBOX_KEY)) ?? [];
  }

  /**
   * The entries that add `item`, for the caller to write in the same transaction as the
   * message it shows (so a message is never shown without being queued, or queued unseen).
   */
  async entriesAdding(item: OutboxItem): Promise<[string, unknown][]> {
    const items = await this.list();
    if (items.some((queued) => queued.clientMessageId === item.clientMessageId)) return [[OUTBOX_KEY, items]];
    if (items.length >= OUTBOX_ITEMS_MAX) throw new OutboxFull('too many unsent messages');
    return [[OUTBOX_KEY, [...items, item]]];
  }

  async add(item: OutboxItem): Promise<void> {
    await this.db.setMany(await this.entriesAdding(item));
  }

  async remove(clientMessageId: string): Promise<void> {
    const items = await this.list();
    await this.db.setMany([[OUTBOX_KEY, items.filter((item) => item.clientMessageId !== clientMessageId)]]);
  }

  /** The next item to send: the oldest whose conversation is ready (per-conversation order kept). */
  async next(
    isReady: (conversationId: string) => boolean,
    skip: Set<string> = new Set(),
  ): Promise<OutboxItem | undefined> {
    const blocked = new Set<string>();
    for (const item of await this.list()) {
      if (blocked.has(item.conversationId)) continue;
      if (!isReady(item.conversationId) || skip.has(item.clientMessageId)) {
        blocked.add(item.conversationId);
        continue;
      }
      return item;
    }
    return undefined;
  }
}
