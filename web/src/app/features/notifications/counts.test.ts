import { describe, expect, it } from 'vitest';
import { badgeText, titleWithCount, unreadTotal } from './counts';

describe('unread counts', () => {
  it('sums chats that are not muted; a muted chat with unread messages only sets the dot', () => {
    const muted = new Set(['m']);
    const total = unreadTotal(
      [
        { conversationId: 'a', unread: 2 },
        { conversationId: 'b', unread: 1 },
        { conversationId: 'm', unread: 5 },
        { conversationId: 'z', unread: 0 },
      ],
      (id) => muted.has(id),
    );
    expect(total).toEqual({ count: 3, mutedUnread: true });
  });

  it('a muted chat without unread messages sets no dot', () => {
    expect(unreadTotal([{ conversationId: 'm', unread: 0 }], () => true)).toEqual({ count: 0, mutedUnread: false });
  });

  it('the title shows what waits, and nothing when nothing does', () => {
    expect(titleWithCount(3, 'Atrium')).toBe('(3) Atrium');
    expect(titleWithCount(0, 'Atrium')).toBe('Atrium');
    expect(titleWithCount(250, 'Atrium')).toBe('(99+) Atrium');
  });

  it('a badge shows at most 99', () => {
    expect([badgeText(1), badgeText(99), badgeText(100)]).toEqual(['1', '99', '99+']);
  });
});
