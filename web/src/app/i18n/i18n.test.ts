import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { en } from './en';
import { CATALOGUES, errorMessage, interpolate, languageFromBrowser, LANGUAGES, translator } from './i18n';

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

describe('language choice', () => {
  it('takes the first supported browser language, by its primary subtag', () => {
    expect(languageFromBrowser(['pt-BR', 'de-AT', 'en'])).toBe('de');
    expect(languageFromBrowser(['zh-Hans-CN'])).toBe('zh');
    expect(languageFromBrowser(['FR'])).toBe('fr');
  });

  it('falls back to English', () => {
    expect(languageFromBrowser(['ja', 'ko'])).toBe('en');
    expect(languageFromBrowser([])).toBe('en');
  });
});

describe('interpolate', () => {
  it('replaces known placeholders and keeps unknown ones', () => {
    expect(interpolate('{name} and {other}', { name: 'Ann' })).toBe('Ann and {other}');
  });
});

describe('errorMessage', () => {
  const t = translator('de');

  it('translates a known code', () => {
    expect(errorMessage(t, new ApiError(409, 'username_taken', 'Username taken.'))).toBe(
      'Dieser Benutzername ist vergeben.',
    );
  });

  it('prefers the code-and-field message for validation errors', () => {
    const error = new ApiError(422, 'validation_failed', 'too short', 'password');
    expect(errorMessage(t, error)).toBe('Ein Passwort braucht mindestens 10 Zeichen.');
  });

  it('falls back to the code alone for an unknown field', () => {
    expect(errorMessage(t, new ApiError(422, 'validation_failed', 'x', 'colour'))).toBe('Bitte prüfe deine Eingabe.');
  });

  it('names an unknown code rather than showing untranslated server text', () => {
    expect(errorMessage(t, new ApiError(409, 'epoch_conflict', 'Epoch moved.'))).toBe(
      'Etwas ist schiefgegangen (epoch_conflict).',
    );
  });

  it('handles errors that are not ApiErrors', () => {
    expect(errorMessage(t, new Error('boom'))).toBe('Etwas ist schiefgegangen (client).');
  });
});
