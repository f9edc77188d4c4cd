import { describe, expect, it } from 'vitest';
import { mergeNewest } from './merchant-payments';

describe('mergeNewest', () => {
  it('puts new payments on top, refreshes shown ones and keeps older pages', () => {
    const shown = [
      { id: 'p3', refunded: 0 },
      { id: 'p2', refunded: 0 },
      { id: 'p1', refunded: 0 },
    ];
    const newest = [
      { id: 'p5', refunded: 0 },
      { id: 'p4', refunded: 0 },
      { id: 'p3', refunded: 100 },
    ];
    expect(mergeNewest(shown, newest)).toEqual([
      { id: 'p5', refunded: 0 },
      { id: 'p4', refunded: 0 },
      { id: 'p3', refunded: 100 },
      { id: 'p2', refunded: 0 },
      { id: 'p1', refunded: 0 },
    ]);
  });

  it('changes nothing when nothing is new', () => {
    const shown = [{ id: 'p1' }];
    expect(mergeNewest(shown, [{ id: 'p1' }])).toEqual(shown);
  });
});
