// Message lookup for the four languages, interpolation of {placeholders}, the choice of a
// language from the browser, and the translation of the server's error codes.
import { ApiError } from '../api/client';
import type { Language } from '../api/types';
import { de } from './de';
import { en, type Catalogue, type MessageKey } from './en';
import { fr } from './fr';
import { zh } from './zh';

export type { MessageKey } from './en';
export const LANGUAGES: readonly Language[] = ['en', 'de', 'fr', 'zh'];
export const CATALOGUES: Record<Language, Catalogue> = { en, de, fr, zh };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the browser's preferred languages that Atrium speaks ("de-AT" → de), else English. */
export function languageFromBrowser(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, params) => interpolate(catalogue[key] ?? en[key] ?? key, params);
}

export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/**
 * The text to show for a failure: the translation of the server's code (more precisely of
 * code and field for validation errors), else a generic message naming the code.
 */
export function errorMessage(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown', { code: 'client' });
  const withField = `error.${error.code}.${error.field ?? ''}`;
  if (error.field && isMessageKey(withField)) return t(withField);
  const plain = `error.${error.code}`;
  if (isMessageKey(plain)) return t(plain);
  return t('error.unknown', { code: error.code });
}
