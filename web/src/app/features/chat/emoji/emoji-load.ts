// Loads the emoji data lazily: each language's list is its own chunk (Vite splits dynamic
// imports), fetched the first time the picker opens, so the first load of the app stays as small.
import type { Language } from '../../../api/types';
import { buildCatalogue, newerThan, type CompactEmoji, type PickerEmoji } from './emoji-data';

type JsonModule = { default: unknown };

const LOADERS: Record<Language, () => Promise<JsonModule>> = {
  en: () => import('emojibase-data/en/compact.json'),
  de: () => import('emojibase-data/de/compact.json'),
  fr: () => import('emojibase-data/fr/compact.json'),
  zh: () => import('emojibase-data/zh/compact.json'),
};

const loaded = new Map<Language, Promise<PickerEmoji[]>>();

/** The catalogue in `language` (English names where it has none), loaded once per language. */
export function loadCatalogue(language: Language): Promise<PickerEmoji[]> {
  let catalogue = loaded.get(language);
  if (!catalogue) {
    catalogue = Promise.all([LOADERS.en(), LOADERS[language](), import('emojibase-data/versions/emoji.json')]).then(
      ([english, local, versions]) =>
        buildCatalogue(
          english.default as CompactEmoji[],
          local.default as CompactEmoji[],
          newerThan(versions.default as Record<string, string[]>),
        ),
    );
    catalogue.catch(() => loaded.delete(language));
    loaded.set(language, catalogue);
  }
  return catalogue;
}
