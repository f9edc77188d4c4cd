// The emoji picker's data, without UI: the catalogue built from emojibase-data's compact lists
// (the UI language's names where it has them, English otherwise), search by name and keyword,
// and the device's recently used emoji. Pure functions, so they are unit-tested without a browser.

/** One entry of emojibase-data's `<locale>/compact.json` (the fields the picker reads). */
export interface CompactEmoji {
  hexcode: string;
  unicode: string;
  label: string;
  group?: number;
  order?: number;
  tags?: string[];
}

/** An emoji as the picker shows it. */
export interface PickerEmoji {
  hexcode: string;
  unicode: string;
  /** The name in the UI language, else the English one. */
  name: string;
  group: number;
  /** Lower-case words searched: both names and both languages' keywords. */
  terms: string[];
}

/** emojibase's group numbers that the picker shows as categories ("component", 2, is skin tones and hair parts). */
export const CATEGORIES = [0, 1, 3, 4, 5, 6, 7, 8, 9] as const;
export type Category = (typeof CATEGORIES)[number];

/** Recently used emoji kept per device. */
export const RECENT_LIMIT = 32;
/** Search results shown at most. */
export const SEARCH_LIMIT = 120;

/**
 * The picker's catalogue from English entries and the UI language's (the same list when the UI is
 * English): ordered as Unicode orders them, without the components and without entries lacking a group.
 */
export function buildCatalogue(
  english: readonly CompactEmoji[],
  local: readonly CompactEmoji[],
  tooNew: ReadonlySet<string> = new Set(),
): PickerEmoji[] {
  const localByCode = new Map(local.map((entry) => [entry.hexcode, entry]));
  return english
    .filter((entry) => entry.group !== undefined && entry.group !== 2 && !tooNew.has(entry.hexcode))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((entry) => {
      const translated = localByCode.get(entry.hexcode);
      const name = translated?.label || entry.label;
      const words = [name, entry.label, ...(translated?.tags ?? []), ...(entry.tags ?? [])];
      return {
        hexcode: entry.hexcode,
        unicode: entry.unicode,
        name,
        group: entry.group!,
        terms: [...new Set(words.map((word) => word.toLowerCase()))],
      };
    });
}

/**
 * Emoji versions newer than this are left out: the colour emoji fonts people have (Noto Color
 * Emoji 2.042 in Debian 12, phones a year or two old) draw them as empty boxes.
 */
export const EMOJI_VERSION_MAX = 15.1;

/** The code points of emoji newer than `max`, from emojibase's `versions/emoji.json` (version -> hexcodes). */
export function newerThan(versions: Record<string, string[]>, max = EMOJI_VERSION_MAX): Set<string> {
  return new Set(
    Object.entries(versions)
      .filter(([version]) => Number(version) > max)
      .flatMap(([, hexcodes]) => hexcodes),
  );
}

/**
 * The emoji whose name or keywords match every word of the query (each word a prefix of one of
 * the name's words or keywords, or, for scripts without spaces such as Chinese, contained in them).
 * Names that start with the query come first. At most SEARCH_LIMIT results.
 */
export function searchEmoji(catalogue: readonly PickerEmoji[], query: string): PickerEmoji[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const matches = (term: string, word: string) =>
    term.split(/[\s:,_-]+/).some((part) => part.startsWith(word)) ||
    (/[^\p{Script=Latin}\p{Script=Common}]/u.test(word) && term.includes(word));
  const found = catalogue.filter((emoji) => words.every((word) => emoji.terms.some((term) => matches(term, word))));
  const first = words.join(' ');
  const ranked = [
    ...found.filter((emoji) => emoji.name.toLowerCase().startsWith(first)),
    ...found.filter((emoji) => !emoji.name.toLowerCase().startsWith(first)),
  ];
  return ranked.slice(0, SEARCH_LIMIT);
}

/** The recent list after using `unicode`: it moves to the front, without duplicates, at most `limit`. */
export function addRecent(recent: readonly string[], unicode: string, limit = RECENT_LIMIT): string[] {
  return [unicode, ...recent.filter((used) => used !== unicode)].slice(0, limit);
}

/** Parses what was stored as the recent list; anything malformed counts as no recent emoji. */
export function parseRecent(stored: string | null): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [];
    return value.filter((item): item is string => typeof item === 'string' && item.length <= 32).slice(0, RECENT_LIMIT);
  } catch {
    return [];
  }
}
