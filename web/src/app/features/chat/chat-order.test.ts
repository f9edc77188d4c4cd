import { describe, expect, it } from 'vitest';
import { orderChats, PINNED_CHATS_MAX, withPin } from './chat-order';

const rows = [
  { id: 'a', at: 1 },
  { id: 'b', at: 3 },
  { id: 'c', at: 2 },
  { id: 'd', at: 4 },
];
const order = (pinned: string[]) =>
  orderChats(
    rows,
    (row) => row.id,
    (row) => row.at,
    pinned,
  ).map((row) => row.id);

describe('chat list order', () => {
  it('puts the newest first without pins', () => {
    expect(order([])).toEqual(['d', 'b', 'c', 'a']);
  });

  it('puts pinned chats on top in pin order, then the rest by recency; unknown pins change nothing', () => {
    expect(order(['a', 'c', 'gone'])).toEqual(['a', 'c', 'd', 'b']);
  });

  it('pins to the front, unpins, and keeps a bounded list', () => {
    expect(withPin(['a', 'b'], 'b', true)).toEqual(['b', 'a']);
    expect(withPin(['a', 'b'], 'a', false)).toEqual(['b']);
    const many = Array.from({ length: PINNED_CHATS_MAX }, (_, index) => `c${index}`);
    expect(withPin(many, 'new', true)).toHaveLength(PINNED_CHATS_MAX);
    expect(withPin(many, 'new', true)[0]).toBe('new');
  });
});
