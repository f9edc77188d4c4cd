// The keyboard and focus rules of a modal dialog (the bottom sheet): Escape closes it, Tab and
// Shift+Tab wrap around inside it, everything outside it is inert while it is open, and focus goes
// back to where it was when it closes. The rules work on small interfaces instead of the DOM's
// types, so they are unit-tested without a browser; sheet.tsx wires them to the page.

/** The controls Tab can reach, before filtering out the hidden ones. */
export const FOCUSABLE_SELECTOR = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type=hidden])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** What a key pressed inside an open dialog does. */
export type DialogKeyAction<T> =
  | { kind: 'close' }
  /** Focus moves to `target` instead of where the browser would send it. */
  | { kind: 'focus'; target: T }
  /** Tab with nothing focusable: focus stays on the dialog itself. */
  | { kind: 'stay' }
  | { kind: 'none' };

/**
 * Where Tab (or Shift+Tab, `backwards`) goes from `active` in a dialog whose focusable elements
 * are `items`, in order: from the last to the first and back, and from anything outside the list
 * (the dialog itself, or the page behind it) to the first or last element. Null when the browser's
 * own order already stays inside.
 */
export function tabTarget<T>(items: readonly T[], active: T | null, backwards: boolean): T | null {
  if (items.length === 0) return null;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const index = active === null ? -1 : items.indexOf(active);
  if (index === -1) return backwards ? last : first;
  if (backwards && index === 0) return last;
  if (!backwards && index === items.length - 1) return first;
  return null;
}

/** What a key does in an open dialog: Escape closes, Tab wraps, anything else is the browser's. */
export function dialogKeyAction<T>(
  key: { key: string; shiftKey: boolean },
  items: readonly T[],
  active: T | null,
): DialogKeyAction<T> {
  if (key.key === 'Escape') return { kind: 'close' };
  if (key.key !== 'Tab') return { kind: 'none' };
  if (items.length === 0) return { kind: 'stay' };
  const target = tabTarget(items, active, key.shiftKey);
  return target === null ? { kind: 'none' } : { kind: 'focus', target };
}

/**
 * The element to focus when a dialog opens or its content changes: the first field to fill in (so
 * a form can be typed into at once), else the first control, else null (the dialog itself).
 */
export function initialFocus<T extends { matches(selector: string): boolean }>(items: readonly T[]): T | null {
  return items.find((item) => item.matches('input, select, textarea')) ?? items[0] ?? null;
}

/** The part of an element that `InertOutside` needs. */
export interface TreeElement {
  readonly parentElement: TreeElement | null;
  readonly children: ArrayLike<TreeElement>;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

/**
 * Makes everything outside one element inert (no clicks, no focus, hidden from screen readers):
 * each sibling of the element and of each of its ancestors below `top`. `apply` may run again
 * when the page adds elements; `undo` touches only what this made inert, so an element that was
 * inert before stays so.
 */
export class InertOutside {
  private readonly changed = new Set<TreeElement>();

  constructor(
    private readonly keep: TreeElement,
    private readonly top: TreeElement,
  ) {}

  apply(): void {
    for (let at = this.keep; at !== this.top && at.parentElement; at = at.parentElement) {
      const siblings = Array.from(at.parentElement.children);
      for (const sibling of siblings) {
        if (sibling === at || sibling.hasAttribute('inert')) continue;
        sibling.setAttribute('inert', '');
        this.changed.add(sibling);
      }
    }
  }

  /** The elements whose children `apply` looks at, to watch for added elements. */
  parents(): TreeElement[] {
    const found: TreeElement[] = [];
    for (let at = this.keep; at !== this.top && at.parentElement; at = at.parentElement) found.push(at.parentElement);
    return found;
  }

  undo(): void {
    for (const element of this.changed) element.removeAttribute('inert');
    this.changed.clear();
  }
}

/** Focus goes back to the element that had it before the dialog opened, if it is still on the page. */
export function restoreFocus(opener: { focus(): void; isConnected: boolean } | null): boolean {
  if (!opener || !opener.isConnected) return false;
  opener.focus();
  return true;
}
