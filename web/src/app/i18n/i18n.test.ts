import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { errorMessage, interpolate, languageFromBrowser, translatorFor } from './i18n';
import { de, en } from './strings';

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
  const t = translatorFor(de, en);

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
