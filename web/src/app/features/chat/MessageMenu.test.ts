import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './engine/messages';
import { menuItems, QUICK_REACTIONS, reactionCounts } from './MessageMenu';

const now = 1_000_000;
const message = (extra: Partial<ChatMessage>): ChatMessage => ({
  key: 'd:1',
  conversationId: 'c1',
  senderAccountId: 'ann',
  senderDeviceId: 'd',
  kind: 'text',
  text: 'hi',
  sentAt: now,
  status: 'sent',
  ...extra,
});

describe('message menu', () => {
  it("offers everything on a fresh own text, and no edit or recall on someone else's", () => {
    expect(menuItems(message({}), 'ann', now)).toEqual({
      react: true,
      reply: true,
      copy: true,
      forward: true,
      edit: true,
      recall: true,
      delete: true,
    });
    expect(menuItems(message({}), 'bob', now)).toMatchObject({ edit: false, recall: false, copy: true, delete: true });
  });

  it('offers only "delete for me" on recalled, payment and undecryptable messages, and no copy of a file', () => {
    const onlyDelete = {
      react: false,
      reply: false,
      copy: false,
      forward: false,
      edit: false,
      recall: false,
      delete: true,
    };
    expect(menuItems(message({ recalled: true, text: undefined }), 'bob', now)).toEqual(onlyDelete);
    expect(menuItems(message({ kind: 'payment', text: undefined }), 'bob', now)).toEqual(onlyDelete);
    expect(menuItems(message({ kind: 'undecryptable', text: undefined }), 'bob', now)).toEqual(onlyDelete);
    expect(menuItems(message({ kind: 'file', text: undefined }), 'bob', now)).toMatchObject({
      copy: false,
      forward: true,
      react: true,
    });
  });

  it('offers six quick reactions and counts reactions per emoji', () => {
    expect(QUICK_REACTIONS).toHaveLength(6);
    expect(reactionCounts({ ann: '👍', bob: '❤️', cat: '👍' })).toEqual([
      { emoji: '👍', count: 2 },
      { emoji: '❤️', count: 1 },
    ]);
  });
});

describe('forward sheet search', () => {
  it('keeps the chats whose name contains the query, in any case', async () => {
    const { matchingTargets } = await import('./conversation/ForwardSheet');
    const targets = [
      { id: 'a', name: 'Climbing crew' },
      { id: 'b', name: 'Bob' },
      { id: 'c', name: 'Éloïse' },
    ];
    expect(matchingTargets(targets, '  CLIMB ').map((target) => target.id)).toEqual(['a']);
    expect(matchingTargets(targets, 'éLo').map((target) => target.id)).toEqual(['c']);
    expect(matchingTargets(targets, '')).toBe(targets);
  });
});

describe('image viewer', () => {
  it("steps through the chat's images only, without wrapping around", async () => {
    const { steppedIndex, viewableImages } = await import('./conversation/ImageViewer');
    const file = (name: string, mime: string) => ({ attachmentId: 'att_x', key: 'k', iv: 'i', name, mime, size: 1 });
    const images = viewableImages([
      message({ key: 'd:1', kind: 'file', text: undefined, file: file('a.png', 'image/png') }),
      message({ key: 'd:2' }),
      message({ key: 'd:3', kind: 'file', text: undefined, file: file('b.pdf', 'application/pdf') }),
      message({ key: 'd:4', kind: 'file', text: undefined, file: file('c.svg', 'image/svg+xml') }),
      message({ key: 'd:5', kind: 'file', text: undefined, recalled: true }),
      message({ key: 'd:6', kind: 'file', text: undefined, file: file('d.jpg', 'image/jpeg') }),
    ]);
    expect(images.map((image) => image.key)).toEqual(['d:1', 'd:6']);
    expect(steppedIndex(0, 1, 2)).toBe(1);
    expect(steppedIndex(1, 1, 2)).toBe(1);
    expect(steppedIndex(0, -1, 2)).toBe(0);
  });
});
