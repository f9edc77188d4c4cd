// The composed catalogue: every language has exactly the English keys with the same
// placeholders, and no key is defined by two parts (a later part would silently win).
import { describe, expect, it } from 'vitest';
import { CATALOGUE_PARTS, CATALOGUES, translator } from './catalogue';
import { LANGUAGES } from './i18n/i18n';

const en = CATALOGUES.en;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('catalogues', () => {
  const englishKeys = Object.keys(en).sort();

  it.each(LANGUAGES)('%s has exactly the English keys', (language) => {
    expect(Object.keys(CATALOGUES[language]).sort()).toEqual(englishKeys);
  });

  it.each(LANGUAGES)('%s has no empty message and the same placeholders as English', (language) => {
    const catalogue = CATALOGUES[language] as Record<string, string>;
    for (const key of englishKeys) {
      expect(catalogue[key]?.trim(), `${language} ${key}`).toBeTruthy();
      expect(placeholders(catalogue[key] ?? ''), `${language} ${key}`).toEqual(
        placeholders((en as Record<string, string>)[key] ?? ''),
      );
    }
  });

  it('translates the tab names in every language', () => {
    expect(LANGUAGES.map((language) => translator(language)('tab.contacts'))).toEqual([
      'Contacts',
      'Kontakte',
      'Contacts',
      '通讯录',
    ]);
  });
});

describe('catalogue parts', () => {
  it('define each key once', () => {
    const owners = new Map<string, string[]>();
    for (const [part, strings] of Object.entries(CATALOGUE_PARTS)) {
      for (const key of Object.keys(strings.en)) owners.set(key, [...(owners.get(key) ?? []), part]);
    }
    expect([...owners].filter(([, parts]) => parts.length > 1)).toEqual([]);
  });

  it.each(Object.keys(CATALOGUE_PARTS))('%s has the English keys in every language', (part) => {
    const strings = CATALOGUE_PARTS[part as keyof typeof CATALOGUE_PARTS] as Record<string, object>;
    const english = Object.keys(strings.en!).sort();
    for (const language of LANGUAGES) expect(Object.keys(strings[language]!).sort(), language).toEqual(english);
  });
});
