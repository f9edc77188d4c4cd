// Closing what is open (a message menu, an inline form, the scanner) with the Escape key, as
// keyboard users expect from menus and dialogs.
import { useLayoutEffect, useRef } from 'preact/hooks';

/** While `open`, Escape anywhere on the page calls `close`. */
export function useEscapeToClose(open: boolean, close: () => void): void {
  const latest = useRef(close);
  latest.current = close;
  // A layout effect: the key handler is in place as soon as the open thing is on screen.
  useLayoutEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      latest.current();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [open]);
}
