// Reading someone's contact link ("my code": <server>/c/<token>) from scanned or pasted text.

/**
 * The token of a contact link, or null when the text is not one. The link must have the /c/
 * path: a bare token has no prefix to tell it apart from any other word.
 */
export function contactLinkTokenOf(text: string): string | null {
  const match = /^(?:https?:\/\/[^/\s?#]+)?\/c\/([A-Za-z0-9_-]{8,128})\/?(?:[?#]\S*)?$/.exec(text.trim());
  return match ? match[1]! : null;
}
