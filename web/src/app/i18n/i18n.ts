// Message lookup for the four languages, interpolation of {placeholders}, the choice of a
// language from the browser, and the translation of the server's error codes. The messages
// themselves: the shared ones in ./strings.ts, each feature's in its strings.ts, all of them
// put together in ../catalogue.ts (this folder imports no feature).
import { ApiError } from '../api/client';
import type { Language } from '../api/types';
import { en, type SharedKey } from './strings';

export type { SharedKey } from './strings';
export const LANGUAGES: readonly Language[] = ['en', 'de', 'fr', 'zh'];

export type Params = Record<string, string | number>;
/** Looks up a message of the keys K, filling in its placeholders. */
export type Translator<K extends string> = (key: K, params?: Params) => string;

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

/** A translator over one language's catalogue, falling back to English, then to the key itself. */
export function translatorFor<K extends string>(
  catalogue: Readonly<Record<K, string>>,
  english: Readonly<Record<K, string>>,
): Translator<K> {
  return (key, params) => interpolate(catalogue[key] ?? english[key] ?? key, params);
}

export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

function isSharedKey(key: string): key is SharedKey {
  return Object.hasOwn(en, key);
}

/**
 * The text to show for a failure: the translation of the server's code (more precisely of
 * code and field for validation errors), else a generic message naming the code. The error
 * messages are shared ones: any feature may meet any code.
 */
export function errorMessage(t: Translator<SharedKey>, error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown', { code: 'client' });
  const withField = `error.${error.code}.${error.field ?? ''}`;
  if (error.field && isSharedKey(withField)) return t(withField);
  const plain = `error.${error.code}`;
  if (isSharedKey(plain)) return t(plain);
  return t('error.unknown', { code: error.code });
}
