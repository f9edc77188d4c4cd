// The order of the chat list: pinned chats first (the most recently pinned on top), then the
// others by their newest message (or, without one, when the chat was created).

/** Chats one device keeps pinned, at most (older pins drop off). */
export const PINNED_CHATS_MAX = 50;

export function orderChats<T>(
  rows: readonly T[],
  idOf: (row: T) => string,
  newestAt: (row: T) => number,
  pinned: readonly string[],
): T[] {
  const pinRank = new Map(pinned.map((id, index) => [id, index]));
  return [...rows].sort((a, b) => {
    const rankA = pinRank.get(idOf(a)) ?? Infinity;
    const rankB = pinRank.get(idOf(b)) ?? Infinity;
    if (rankA !== rankB) return rankA < rankB ? -1 : 1;
    return newestAt(b) - newestAt(a);
  });
}

/** The pin list after pinning (to the front) or unpinning one chat. */
export function withPin(pinned: readonly string[], conversationId: string, pin: boolean): string[] {
  const others = pinned.filter((id) => id !== conversationId);
  return pin ? [conversationId, ...others].slice(0, PINNED_CHATS_MAX) : others;
}
