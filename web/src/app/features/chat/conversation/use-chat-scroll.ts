// The message list's scrolling, like a phone messenger's: the chat opens at the newest message
// (or at the first unread one, under a "new messages" marker), follows new messages while the
// view is at the bottom, and otherwise counts them on a "↓ N new" button; sending always shows
// one's own message.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatMessage } from '../engine/messages';

/** How close to the end (in CSS pixels) still counts as "at the newest message". */
const AT_BOTTOM_SLACK_PIXELS = 48;

/**
 * The message list's scrolling: opens at the newest message or, when that would hide the first
 * unread one, at the unread marker; follows new messages (and growing images) while at the
 * bottom; otherwise counts others' new messages; one's own new message always scrolls into view.
 */
export function useChatScroll(messages: readonly ChatMessage[], accountId: string) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastKey = useRef<string | null>(null);
  const [newBelow, setNewBelow] = useState(0);

  const scrollToNewest = () => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
    atBottom.current = true;
    setNewBelow(0);
  };
  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight <= AT_BOTTOM_SLACK_PIXELS;
    if (atBottom.current) setNewBelow(0);
  };

  useLayoutEffect(() => {
    const element = scrollRef.current;
    const newest = messages[messages.length - 1];
    if (!element || !newest) return;
    if (lastKey.current === null) {
      element.scrollTop = element.scrollHeight;
      const marker = element.querySelector<HTMLElement>('[data-unread-marker]');
      const markerTop = marker
        ? marker.getBoundingClientRect().top - element.getBoundingClientRect().top + element.scrollTop
        : 0;
      if (marker && markerTop < element.scrollTop) element.scrollTop = markerTop;
      onScroll();
    } else if (newest.key !== lastKey.current) {
      const seenIndex = messages.findIndex((message) => message.key === lastKey.current);
      const added = messages.slice(seenIndex + 1);
      if (atBottom.current || added.some((message) => message.senderAccountId === accountId)) scrollToNewest();
      else setNewBelow((count) => count + added.filter((message) => message.senderAccountId !== accountId).length);
    }
    lastKey.current = newest.key;
  }, [messages]);

  // Images that load, a composer that grows or a keyboard that opens change the sizes: stay at
  // the newest message if that is where the view was.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const follow = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    follow.observe(element);
    if (element.firstElementChild) follow.observe(element.firstElementChild);
    return () => follow.disconnect();
  }, []);

  return { scrollRef, onScroll, newBelow, scrollToNewest };
}
