// A bottom sheet: a modal dialog that slides up over the screen from the bottom, above a dimmed
// backdrop, with a title and a close button. Escape, the close button and a tap on the backdrop
// close it; while it is open, focus stays inside it and the rest of the page is inert, and when it
// closes focus goes back to where it was (usually the button that opened it).
import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { useApp } from '../state';
import { useEscapeToClose } from './escape';
import { dialogKeyAction, FOCUSABLE_SELECTOR, InertOutside, initialFocus, restoreFocus } from './focus-trap';
import { CloseIcon } from './icons';

interface Props {
  title: string;
  onClose: () => void;
  /** Changes when the content is replaced (the next step): focus moves to its first field. */
  step?: string;
  testId?: string;
  children: ComponentChildren;
}

/** The controls in `root` that Tab can reach now (not hidden, not disabled). */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE_SELECTOR)].filter(
    (element) => element.getClientRects().length > 0,
  );
}

export function Sheet({ title, onClose, step = '', testId, children }: Props) {
  const { t } = useApp();
  const titleId = useId();
  const layer = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  // Escape while focus is nowhere (on the page's body) still closes; the dialog's own key handler
  // comes first whenever focus is inside it.
  useEscapeToClose(true, () => close.current());

  // Opening: the page behind becomes inert (elements it adds later too), and a focus that
  // escapes anyway (a click on the page's scroll bar, a script) is brought back. Closing undoes it.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const inert = new InertOutside(layer.current!, document.body);
    inert.apply();
    const added = new MutationObserver(() => inert.apply());
    for (const parent of inert.parents()) added.observe(parent as HTMLElement, { childList: true });
    const guard = (event: FocusEvent) => {
      if (panel.current && event.target instanceof Node && !panel.current.contains(event.target)) focusStart();
    };
    document.addEventListener('focusin', guard);
    return () => {
      document.removeEventListener('focusin', guard);
      added.disconnect();
      inert.undo();
      restoreFocus(opener);
    };
  }, []);

  // On opening and on every new step: the first field of the content, else the dialog itself.
  useLayoutEffect(() => focusStart(), [step]);

  function focusStart() {
    const target = body.current ? initialFocus(focusables(body.current)) : null;
    (target ?? panel.current)?.focus();
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const root = panel.current;
    if (!root) return;
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const action = dialogKeyAction(event, focusables(root), active);
    if (action.kind === 'none') return;
    event.preventDefault();
    event.stopPropagation();
    if (action.kind === 'close') close.current();
    else if (action.kind === 'stay') root.focus();
    else action.target.focus();
  };

  return (
    <div class="sheet-layer" ref={layer}>
      <div class="sheet-backdrop" aria-hidden="true" data-testid="sheet-backdrop" onClick={() => close.current()} />
      <section
        class="sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        ref={panel}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header class="sheet-head">
          <h2 id={titleId} data-testid="sheet-title">
            {title}
          </h2>
          <button
            type="button"
            class="sheet-close"
            aria-label={t('common.close')}
            data-testid="sheet-close"
            onClick={() => close.current()}
          >
            <CloseIcon />
          </button>
        </header>
        <div class="sheet-body" ref={body}>
          {children}
        </div>
      </section>
    </div>
  );
}
