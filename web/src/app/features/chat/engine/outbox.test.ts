import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { indexedDbLocalDb } from '../../../store/local-db';
import { OUTBOX_ITEMS_MAX, Outbox, OutboxFull, type OutboxItem } from './outbox';

let databases = 0;
const freshDb = () => indexedDbLocalDb(`atrium-outbox-test-${databases++}`);

const item = (id: string, conversationId = 'c1'): OutboxItem => ({
  clientMessageId: id,
  conversationId,
  queuedAt: 1,
  payload: { type: 'text', id, sentAt: 1, text: `text ${id}` },
});

describe('Outbox on IndexedDB', () => {
  it('keeps queued messages across instances (a reload) in the order they were written', async () => {
    const db = freshDb();
    await new Outbox(db).add(item('a'));
    await new Outbox(db).add(item('b'));
    expect((await new Outbox(db).list()).map((queued) => queued.clientMessageId)).toEqual(['a', 'b']);
  });

  it('queues the same message once', async () => {
    const outbox = new Outbox(freshDb());
    await outbox.add(item('a'));
    await outbox.add(item('a'));
    expect(await outbox.list()).toHaveLength(1);
  });

  it('removes a message once the server accepted it', async () => {
    const outbox = new Outbox(freshDb());
    await outbox.add(item('a'));
    await outbox.add(item('b'));
    await outbox.remove('a');
    expect((await outbox.list()).map((queued) => queued.clientMessageId)).toEqual(['b']);
  });

  it('hands out the oldest message of a ready conversation, never overtaking within a conversation', async () => {
    const outbox = new Outbox(freshDb());
    await outbox.add(item('a1', 'waiting'));
    await outbox.add(item('b1', 'ready'));
    await outbox.add(item('a2', 'waiting'));
    await outbox.add(item('b2', 'ready'));
    const ready = (id: string) => id === 'ready';
    expect((await outbox.next(ready))?.clientMessageId).toBe('b1');
    // b1 failed for good: b2 waits behind it rather than overtaking it.
    expect(await outbox.next(ready, new Set(['b1']))).toBeUndefined();
    expect((await outbox.next(() => true))?.clientMessageId).toBe('a1');
  });

  it('is bounded', async () => {
    const db = freshDb();
    const items = Array.from({ length: OUTBOX_ITEMS_MAX }, (_, i) => item(`m${i}`));
    await db.setMany([['outbox', items]]);
    await expect(new Outbox(db).add(item('one-more'))).rejects.toBeInstanceOf(OutboxFull);
  });
});
