// Where a picked emoji goes in the composer's text: apart from the picker's data, so the composer
// (in the first-load chunk) does not pull the picker in.

/** Puts `emoji` into `text` in place of the selection [start, end); returns the text and the caret after it. */
export function insertAt(text: string, start: number, end: number, emoji: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + emoji + text.slice(to), caret: from + emoji.length };
}
