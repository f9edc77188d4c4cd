import { describe, expect, it } from 'vitest';
import { THUMBNAIL_CHARS_MAX, decodePayload, encodePayload } from './codec';
import {
  EDIT_WINDOW_MILLIS,
  PENDING_CHANGES_MAX,
  PENDING_CHANGE_MAX_AGE_MILLIS,
  applyChange,
  applyHeld,
  applyOrHold,
  canChange,
  mentionsMe,
  previewOf,
  type PendingChange,
} from './message-changes';
import { mentionQuery, tickState } from '../message-extras';
import type { ChatMessage } from './messages';
import { thumbnailSize } from '../thumbnail';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const T0 = 1_700_000_000_000;

function message(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    key: 'annDev:m1',
    conversationId: 'c1',
    seq: 2,
    senderAccountId: 'ann',
    senderDeviceId: 'annDev',
    kind: 'text',
    text: 'helo',
    sentAt: T0,
    serverAt: T0 + 50,
    status: 'received',
    ...overrides,
  };
}

describe('edit, recall, rename, mention and thumbnail payloads', () => {
  it('round-trip through the codec', () => {
    const edit = { type: 'edit' as const, id: 'm2', sentAt: T0, target: 'annDev:m1', text: 'hello' };
    const recall = { type: 'recall' as const, id: 'm3', sentAt: T0, target: 'annDev:m1' };
    const rename = { type: 'rename' as const, id: 'm4', sentAt: T0, name: 'Climbing crew 🧗' };
    const mention = { type: 'text' as const, id: 'm5', sentAt: T0, text: '@Bob look', mentions: ['bob'] };
    const file = {
      attachmentId: `att_${'a'.repeat(20)}`,
      key: 'A'.repeat(43) + '=',
      iv: 'B'.repeat(16),
      name: 'p.jpg',
      mime: 'image/jpeg',
      size: 10,
    };
    const image = { type: 'file' as const, id: 'm6', sentAt: T0, file, thumbnail: 'QUJD' };
    for (const payload of [edit, recall, rename, mention, image])
      expect(decodePayload(encodePayload(payload))).toEqual(payload);
  });

  it('refuses malformed ones on the way out and degrades them on the way in', () => {
    expect(() => encodePayload({ type: 'edit', id: 'm1', sentAt: 1, target: 'no-colon', text: 'x' })).toThrow();
    expect(() => encodePayload({ type: 'edit', id: 'm1', sentAt: 1, target: 'd:m', text: '' })).toThrow();
    expect(() => encodePayload({ type: 'rename', id: 'm1', sentAt: 1, name: '   ' })).toThrow();
    expect(() => encodePayload({ type: 'text', id: 'm1', sentAt: 1, text: 'x', mentions: ['bad id!'] })).toThrow();
    expect(decodePayload(json({ v: 1, t: 'recall', id: 'm2', at: 5, target: '<script>' }))).toMatchObject({
      type: 'unsupported',
    });
    expect(decodePayload(json({ v: 1, t: 'rename', id: 'm2', at: 5, name: 'x'.repeat(257) }))).toMatchObject({
      type: 'unsupported',
    });
    // Bad mentions or an oversized thumbnail are dropped; the message itself still shows.
    expect(decodePayload(json({ v: 1, t: 'text', id: 'm2', at: 5, text: 'hi', men: 'bob' }))).toEqual({
      type: 'text',
      id: 'm2',
      sentAt: 5,
      text: 'hi',
    });
    const file = {
      attachmentId: `att_${'a'.repeat(20)}`,
      key: 'A'.repeat(43) + '=',
      iv: 'B'.repeat(16),
      name: 'p.jpg',
      mime: 'image/jpeg',
      size: 10,
    };
    const big = decodePayload(
      json({ v: 1, t: 'file', id: 'm2', at: 5, file, thumb: 'A'.repeat(THUMBNAIL_CHARS_MAX + 4) }),
    );
    expect(big).toMatchObject({ type: 'file' });
    expect(big).not.toHaveProperty('thumbnail');
  });
});

describe('applying edits and recalls', () => {
  it('lets the sender edit its text within the window, marking it edited', () => {
    const list = [message()];
    const edited = applyChange(list, {
      type: 'edit',
      target: 'annDev:m1',
      accountId: 'ann',
      text: 'hello',
      sentAt: T0 + 60_000,
      serverAt: T0 + 60_100,
    });
    expect(edited[0]).toMatchObject({ text: 'hello', edited: true });
  });

  it('ignores edits by anyone else, too late, or of unknown messages', () => {
    const list = [message()];
    expect(
      applyChange(list, { type: 'edit', target: 'annDev:m1', accountId: 'bob', text: 'pwned', sentAt: T0 + 1 }),
    ).toBe(list);
    expect(
      applyChange(list, {
        type: 'edit',
        target: 'annDev:m1',
        accountId: 'ann',
        text: 'late',
        sentAt: T0 + EDIT_WINDOW_MILLIS + 1,
      }),
    ).toBe(list);
    // The sender's clock says "in time", the server's says otherwise: the server wins.
    expect(
      applyChange(list, {
        type: 'edit',
        target: 'annDev:m1',
        accountId: 'ann',
        text: 'late',
        sentAt: T0 + 1,
        serverAt: T0 + 50 + EDIT_WINDOW_MILLIS + 1,
      }),
    ).toBe(list);
    expect(
      applyChange(list, { type: 'edit', target: 'annDev:nope', accountId: 'ann', text: 'x', sentAt: T0 + 1 }),
    ).toBe(list);
    const file = [
      message({
        kind: 'file',
        text: undefined,
        file: { attachmentId: 'a', key: 'k', iv: 'i', name: 'n', mime: 'm', size: 1 },
      }),
    ];
    expect(applyChange(file, { type: 'edit', target: 'annDev:m1', accountId: 'ann', text: 'x', sentAt: T0 + 1 })).toBe(
      file,
    );
  });

  it("drops a recalled message's content (text, file, thumbnail), and nothing can change it afterwards", () => {
    const list = [
      message({
        kind: 'file',
        text: undefined,
        thumbnail: 'QUJD',
        file: { attachmentId: 'a', key: 'k', iv: 'i', name: 'secret.jpg', mime: 'image/jpeg', size: 1 },
      }),
    ];
    const recalled = applyChange(list, { type: 'recall', target: 'annDev:m1', accountId: 'ann', sentAt: T0 + 1000 });
    expect(recalled[0]).toMatchObject({ recalled: true, kind: 'file' });
    expect(JSON.stringify(recalled)).not.toContain('secret.jpg');
    expect(recalled[0]).not.toHaveProperty('thumbnail');
    expect(previewOf(recalled[0]!)).toBe('');
    const withReply = [
      message(),
      message({ key: 'bobDev:m9', senderAccountId: 'bob', text: 'ok', reply: { key: 'annDev:m1', excerpt: 'helo' } }),
    ];
    const scrubbed = applyChange(withReply, {
      type: 'recall',
      target: 'annDev:m1',
      accountId: 'ann',
      sentAt: T0 + 1000,
    });
    expect(JSON.stringify(scrubbed)).not.toContain('helo');
    expect(scrubbed[1]!.reply).toEqual({ key: 'annDev:m1', excerpt: '' });
    expect(
      applyChange(recalled, { type: 'edit', target: 'annDev:m1', accountId: 'ann', text: 'back', sentAt: T0 + 2000 }),
    ).toBe(recalled);
  });

  it('offers edit and recall to the sender only, within the window', () => {
    const now = T0 + 30_000;
    expect(canChange(message(), 'ann', 'edit', now)).toBe(true);
    expect(canChange(message(), 'bob', 'recall', now)).toBe(false);
    expect(canChange(message(), 'ann', 'edit', T0 + EDIT_WINDOW_MILLIS + 1)).toBe(false);
    expect(canChange(message({ kind: 'payment', text: undefined }), 'ann', 'recall', now)).toBe(false);
  });
});

describe('mentions, ticks and thumbnails', () => {
  it('knows when a message mentions me, and what @query is being typed', () => {
    expect(mentionsMe(message({ mentions: ['bob'] }), 'bob')).toBe(true);
    expect(mentionsMe(message({ mentions: ['bob'] }), 'cat')).toBe(false);
    expect(mentionsMe(message({ mentions: ['ann'] }), 'ann')).toBe(false);
    expect(mentionQuery('hi @Bo', 6)).toEqual({ start: 3, query: 'Bo' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail@example', 12)).toBeUndefined();
  });

  it('shows one tick when stored, two when every other member has it, read when all read', () => {
    expect(tickState(5, ['bob', 'cat'])).toBe('sent');
    expect(tickState(5, ['bob', 'cat'], {}, { bob: 5 })).toBe('sent');
    expect(tickState(5, ['bob', 'cat'], { cat: 6 }, { bob: 5 })).toBe('delivered');
    expect(tickState(5, ['bob', 'cat'], { bob: 5, cat: 9 }, {})).toBe('read');
    expect(tickState(5, [])).toBe('sent');
  });

  it('scales thumbnails to the longer edge without enlarging', () => {
    expect(thumbnailSize(4000, 3000)).toEqual({ width: 320, height: 240 });
    expect(thumbnailSize(1000, 4000)).toEqual({ width: 80, height: 320 });
    expect(thumbnailSize(100, 50)).toEqual({ width: 100, height: 50 });
  });
});

describe('changes that arrive before their message', () => {
  const edit = { type: 'edit' as const, target: 'annDev:m1', accountId: 'ann', text: 'hello', sentAt: T0 + 1_000 };

  it('holds a change to a message not here yet and applies it, rules checked, when the message comes', () => {
    const held = applyOrHold([], [], edit, T0);
    expect(held.list).toEqual([]);
    expect(held.pending).toHaveLength(1);
    const arrived = applyHeld([message()], held.pending, T0 + 5_000);
    expect(arrived.list[0]).toMatchObject({ text: 'hello', edited: true });
    expect(arrived.pending).toEqual([]);
    expect(arrived.applied).toEqual(['annDev:m1']);
  });

  it('still refuses a held change by someone else or outside the window, and drops it', () => {
    const forged = applyOrHold([], [], { ...edit, accountId: 'bob' }, T0).pending;
    const late = applyOrHold([], [], { ...edit, sentAt: T0 + EDIT_WINDOW_MILLIS + 1 }, T0).pending;
    const arrived = applyHeld([message()], [...forged, ...late], T0 + 5_000);
    expect(arrived.list[0]).toMatchObject({ text: 'helo' });
    expect(arrived.list[0]!.edited).toBeUndefined();
    expect(arrived.pending).toEqual([]);
  });

  it('does not hold a change whose message is here but refuses it', () => {
    expect(applyOrHold([message()], [], { ...edit, accountId: 'bob' }, T0).pending).toEqual([]);
  });

  it('keeps at most PENDING_CHANGES_MAX and forgets them after PENDING_CHANGE_MAX_AGE_MILLIS', () => {
    let pending: PendingChange[] = [];
    for (let i = 0; i < PENDING_CHANGES_MAX + 5; i++) {
      pending = applyOrHold([], pending, { ...edit, target: `annDev:x${i}` }, T0 + i).pending;
    }
    expect(pending).toHaveLength(PENDING_CHANGES_MAX);
    expect(pending[0]!.change.target).toBe('annDev:x5');
    const expired = applyHeld([message({ key: 'annDev:x104' })], pending, T0 + PENDING_CHANGE_MAX_AGE_MILLIS + 200);
    expect(expired.pending).toEqual([]);
    expect(expired.list[0]!.edited).toBeUndefined();
  });
});
