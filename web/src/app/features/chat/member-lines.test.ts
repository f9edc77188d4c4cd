// The wording of membership lines in the four languages, with names joined as each language joins a list.
import { describe, expect, it } from 'vitest';
import { translator } from '../../catalogue';
import type { Language } from '../../api/types';
import { departureOf, memberLines } from './message-extras';
import type { ChatMessage } from './engine/messages';

const names: Record<string, string> = { ann: 'Ann', bob: 'Bob', cat: 'Cat', dan: 'Dan', eve: 'Eve' };
const nameOf = (accountId: string) => names[accountId] ?? '?';
const lines = (
  language: Language,
  change: 'created' | 'added' | 'removed' | 'left',
  by: string,
  accountIds: string[],
  me = 'eve',
) => memberLines({ event: 'member', change, accountIds }, by, by === me, me, translator(language), language, nameOf);

describe('membership lines', () => {
  it('name who did what to whom, joining names as the language does', () => {
    expect(lines('en', 'created', 'ann', ['bob', 'cat'])).toEqual(['Ann created the group', 'Ann added Bob and Cat']);
    expect(lines('en', 'added', 'ann', ['bob', 'cat', 'dan'])).toEqual(['Ann added Bob, Cat, and Dan']);
    expect(lines('en', 'removed', 'ann', ['dan'])).toEqual(['Ann removed Dan']);
    expect(lines('en', 'left', 'eve', [], 'ann')).toEqual(['Eve left']);
    expect(lines('de', 'added', 'ann', ['bob', 'cat', 'dan'])).toEqual(['Ann hat Bob, Cat und Dan hinzugefügt']);
    expect(lines('fr', 'added', 'ann', ['bob', 'cat'])).toEqual(['Ann a ajouté Bob et Cat']);
    expect(lines('zh', 'added', 'ann', ['bob', 'cat'])).toEqual(['Ann 添加了 Bob和Cat']);
    expect(lines('de', 'left', 'eve', [], 'ann')).toEqual(['Eve hat die Gruppe verlassen']);
  });

  it('speak of the own account as "you"', () => {
    expect(lines('en', 'created', 'eve', ['bob'])).toEqual(['You created the group', 'You added Bob']);
    expect(lines('en', 'added', 'ann', ['eve', 'bob'])).toEqual(['Ann added you and Bob']);
    expect(lines('en', 'created', 'ann', ['eve'])).toEqual(['Ann created the group', 'Ann added you']);
    expect(lines('fr', 'added', 'ann', ['eve'])).toEqual(['Ann vous a ajouté au groupe']);
    expect(lines('de', 'added', 'ann', ['eve'])).toEqual(['Ann hat dich hinzugefügt']);
    expect(lines('en', 'removed', 'ann', ['eve'])).toEqual(['You were removed by Ann']);
    expect(lines('de', 'removed', 'ann', ['eve'])).toEqual(['Du wurdest von Ann entfernt']);
    expect(lines('fr', 'removed', 'ann', ['eve'])).toEqual(['Ann vous a retiré du groupe']);
    expect(lines('zh', 'removed', 'ann', ['eve'])).toEqual(['你已被 Ann 移出群组']);
    expect(lines('en', 'left', 'eve', [])).toEqual(['You left the group']);
  });

  it('tell from the newest line whether this account left or who removed it', () => {
    const line = (
      by: string,
      change: 'added' | 'removed' | 'left',
      accountIds: string[],
      seq: number,
    ): ChatMessage => ({
      key: `${by}-dev:m${seq}`,
      conversationId: 'c',
      seq,
      senderAccountId: by,
      senderDeviceId: `${by}-dev`,
      kind: 'system',
      system: { event: 'member', change, accountIds },
      sentAt: seq,
      status: 'received',
    });
    expect(departureOf([line('ann', 'added', ['eve'], 1), line('ann', 'removed', ['eve'], 2)], 'eve')).toEqual({
      left: false,
      byAccountId: 'ann',
    });
    expect(departureOf([line('ann', 'removed', ['dan'], 1), line('eve', 'left', [], 2)], 'eve')).toEqual({
      left: true,
    });
    expect(departureOf([line('ann', 'removed', ['dan'], 1)], 'eve')).toBeUndefined();
  });
});
