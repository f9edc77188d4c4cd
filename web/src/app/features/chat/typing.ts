// The line under a chat naming who is typing: "Ann is typing…", "Ann and Bob are typing…",
// "Ann, Bob and 2 others are typing…", joined by the language's own list rules.
import type { Language } from '../../api/types';
import type { Translate } from '../../catalogue';

/** Up to this many typers are named; beyond it the first two are named and the rest counted. */
export const TYPERS_NAMED_MAX = 3;

// English lists read "Ann, Bob and Cat" here, without the serial comma.
const listLocale: Record<Language, string> = { en: 'en-GB', de: 'de', fr: 'fr', zh: 'zh' };

/** The typing line for the given display names, or null when nobody types. */
export function typingText(names: readonly string[], language: Language, t: Translate): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return t('chat.typing', { name: names[0]! });
  const parts = names.length <= TYPERS_NAMED_MAX ? [...names] : names.slice(0, 2);
  const others = names.length - parts.length;
  if (others > 0) {
    const plural =
      new Intl.PluralRules(language).select(others) === 'one' ? 'chat.typingOthersOne' : 'chat.typingOthers';
    parts.push(t(plural, { count: others }));
  }
  const list = new Intl.ListFormat(listLocale[language], { style: 'long', type: 'conjunction' }).format(parts);
  return t('chat.typingMany', { names: list });
}
