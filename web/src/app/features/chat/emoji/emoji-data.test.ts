import { describe, expect, it } from 'vitest';
import english from 'emojibase-data/en/compact.json';
import german from 'emojibase-data/de/compact.json';
import chinese from 'emojibase-data/zh/compact.json';
import versions from 'emojibase-data/versions/emoji.json';
import {
  RECENT_LIMIT,
  addRecent,
  buildCatalogue,
  type CompactEmoji,
  parseRecent,
  newerThan,
  searchEmoji,
} from './emoji-data';
import { insertAt } from './insert';

const en = english as CompactEmoji[];

describe('the emoji catalogue', () => {
  it('takes names from the UI language and falls back to English where it has none', () => {
    const local: CompactEmoji[] = [{ hexcode: '1F600', unicode: '😀', label: 'grinsendes Gesicht', tags: ['lachen'] }];
    const catalogue = buildCatalogue(en, local);
    expect(catalogue.find((emoji) => emoji.hexcode === '1F600')?.name).toBe('grinsendes Gesicht');
    expect(catalogue.find((emoji) => emoji.hexcode === '1F44D')?.name).toBe('thumbs up');
    expect(catalogue.every((emoji) => emoji.group !== 2)).toBe(true);
    expect(catalogue[0]?.unicode).toBe('😀');
  });

  it('leaves out emoji newer than the fonts people have', () => {
    const tooNew = newerThan(versions as Record<string, string[]>);
    expect(tooNew.has('1FAE9')).toBe(true); // face with bags under eyes, Emoji 16
    expect(tooNew.has('1F600')).toBe(false);
    const catalogue = buildCatalogue(en, en, tooNew);
    expect(catalogue.some((emoji) => emoji.hexcode === '1FAE9')).toBe(false);
    expect(catalogue.some((emoji) => emoji.hexcode === '1FAE8')).toBe(true); // shaking face, Emoji 15.0
  });

  it('finds emoji by English name, by keyword, and in German and Chinese', () => {
    const englishOnly = buildCatalogue(en, en);
    expect(searchEmoji(englishOnly, 'thumbs up')[0]?.unicode).toBe('👍️');
    expect(searchEmoji(englishOnly, 'pizza').map((emoji) => emoji.unicode)).toContain('🍕');
    expect(searchEmoji(englishOnly, '  ')).toEqual([]);
    expect(searchEmoji(englishOnly, 'xyzzy')).toEqual([]);
    const inGerman = buildCatalogue(en, german as CompactEmoji[]);
    expect(searchEmoji(inGerman, 'daumen').map((emoji) => emoji.hexcode)).toContain('1F44D');
    expect(searchEmoji(inGerman, 'pizza').map((emoji) => emoji.hexcode)).toContain('1F355');
    const inChinese = buildCatalogue(en, chinese as CompactEmoji[]);
    expect(searchEmoji(inChinese, '披萨').map((emoji) => emoji.hexcode)).toContain('1F355');
  });

  it('caps search results', () => {
    expect(searchEmoji(buildCatalogue(en, en), 'face').length).toBeLessThanOrEqual(120);
  });
});

describe('recently used emoji', () => {
  it('moves a used emoji to the front without duplicates, up to the limit', () => {
    expect(addRecent(['😀', '👍'], '👍')).toEqual(['👍', '😀']);
    const many = Array.from({ length: RECENT_LIMIT }, (_, index) => String(index));
    const next = addRecent(many, '🎉');
    expect(next).toHaveLength(RECENT_LIMIT);
    expect(next[0]).toBe('🎉');
    expect(next).not.toContain(String(RECENT_LIMIT - 1));
  });

  it('treats anything malformed in storage as no recents', () => {
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent('{"a":1}')).toEqual([]);
    expect(parseRecent('["😀", 3, "👍"]')).toEqual(['😀', '👍']);
  });
});

describe('inserting at the caret', () => {
  it('puts the emoji at the caret or in place of the selection', () => {
    expect(insertAt('hello world', 5, 5, '🎉')).toEqual({ text: 'hello🎉 world', caret: 7 });
    expect(insertAt('hello world', 6, 11, '🌍')).toEqual({ text: 'hello 🌍', caret: 8 });
    expect(insertAt('', 3, 3, '😀')).toEqual({ text: '😀', caret: 2 });
  });
});
