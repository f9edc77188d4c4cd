// What the badges and the page title show: unread messages of chats that are not muted (a muted
// chat with unread messages shows only a dot, as in WeChat) and pending contact requests.

export interface UnreadEntry {
  conversationId: string;
  unread: number;
}

export interface UnreadTotal {
  /** Unread messages in chats that are not muted. */
  count: number;
  /** Some muted chat has unread messages (shown as a dot when `count` is 0). */
  mutedUnread: boolean;
}

export function unreadTotal(
  entries: readonly UnreadEntry[],
  isMuted: (conversationId: string) => boolean,
): UnreadTotal {
  let count = 0;
  let mutedUnread = false;
  for (const { conversationId, unread } of entries) {
    if (unread <= 0) continue;
    if (isMuted(conversationId)) mutedUnread = true;
    else count += unread;
  }
  return { count, mutedUnread };
}

/** Numbers above this show as "99+" in a badge (the label still says the number). */
export const BADGE_COUNT_SHOWN_MAX = 99;

export function badgeText(count: number): string {
  return count > BADGE_COUNT_SHOWN_MAX ? `${BADGE_COUNT_SHOWN_MAX}+` : String(count);
}

/** The page title with what waits, e.g. "(3) Atrium", so a background tab shows it. */
export function titleWithCount(count: number, appName: string): string {
  return count > 0 ? `(${badgeText(count)}) ${appName}` : appName;
}
