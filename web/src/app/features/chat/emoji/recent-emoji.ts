// The recently used emoji of this browser, kept in localStorage: a convenience of the device,
// not of the account, like a phone keyboard's recents.
import { addRecent, parseRecent } from './emoji-data';

const KEY = 'atrium.emoji.recent';

export function readRecent(): string[] {
  try {
    return parseRecent(localStorage.getItem(KEY));
  } catch {
    return [];
  }
}

/** Records a use and returns the new list. */
export function rememberRecent(unicode: string): string[] {
  const next = addRecent(readRecent(), unicode);
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage refused (private mode): the recents last as long as the picker's state.
  }
  return next;
}
