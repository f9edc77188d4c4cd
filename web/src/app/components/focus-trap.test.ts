import { describe, expect, it } from 'vitest';
import { dialogKeyAction, InertOutside, initialFocus, restoreFocus, tabTarget, type TreeElement } from './focus-trap';

describe('tabTarget', () => {
  const items = ['close', 'amount', 'pin', 'send'];

  it('wraps from the last control to the first, and back with Shift+Tab', () => {
    expect(tabTarget(items, 'send', false)).toBe('close');
    expect(tabTarget(items, 'close', true)).toBe('send');
  });

  it('leaves Tab between inner controls to the browser', () => {
    expect(tabTarget(items, 'amount', false)).toBeNull();
    expect(tabTarget(items, 'pin', true)).toBeNull();
  });

  it('pulls focus from outside the dialog (or the dialog itself) to its first or last control', () => {
    expect(tabTarget(items, 'composer', false)).toBe('close');
    expect(tabTarget(items, null, true)).toBe('send');
  });

  it('wraps a single control onto itself', () => {
    expect(tabTarget(['close'], 'close', false)).toBe('close');
    expect(tabTarget(['close'], 'close', true)).toBe('close');
  });
});

describe('dialogKeyAction', () => {
  const items = ['close', 'amount', 'send'];

  it('closes on Escape wherever focus is', () => {
    expect(dialogKeyAction({ key: 'Escape', shiftKey: false }, items, 'amount')).toEqual({ kind: 'close' });
    expect(dialogKeyAction({ key: 'Escape', shiftKey: false }, [], null)).toEqual({ kind: 'close' });
  });

  it('keeps Tab inside: wraps at the ends, stays on the dialog when nothing is focusable', () => {
    expect(dialogKeyAction({ key: 'Tab', shiftKey: false }, items, 'send')).toEqual({ kind: 'focus', target: 'close' });
    expect(dialogKeyAction({ key: 'Tab', shiftKey: true }, items, 'close')).toEqual({ kind: 'focus', target: 'send' });
    expect(dialogKeyAction({ key: 'Tab', shiftKey: false }, items, 'close')).toEqual({ kind: 'none' });
    expect(dialogKeyAction({ key: 'Tab', shiftKey: false }, [], null)).toEqual({ kind: 'stay' });
  });

  it('leaves other keys alone', () => {
    expect(dialogKeyAction({ key: 'Enter', shiftKey: false }, items, 'send')).toEqual({ kind: 'none' });
    expect(dialogKeyAction({ key: 'a', shiftKey: true }, items, 'amount')).toEqual({ kind: 'none' });
  });
});

describe('initialFocus', () => {
  const control = (tag: string) => ({ tag, matches: (selector: string) => selector.split(', ').includes(tag) });

  it('takes the first field to fill in, not the close button before it', () => {
    const items = [control('button'), control('input'), control('button')];
    expect(initialFocus(items)).toBe(items[1]);
  });

  it('falls back to the first control, then to none (the dialog itself)', () => {
    const items = [control('button'), control('a')];
    expect(initialFocus(items)).toBe(items[0]);
    expect(initialFocus([])).toBeNull();
  });
});

/** A tiny element tree: enough of the DOM for InertOutside. */
class FakeElement implements TreeElement {
  parentElement: FakeElement | null = null;
  readonly children: FakeElement[] = [];
  readonly attributes = new Map<string, string>();

  constructor(
    readonly name: string,
    ...children: FakeElement[]
  ) {
    for (const child of children) this.append(child);
  }

  append(child: FakeElement): void {
    child.parentElement = this;
    this.children.push(child);
  }

  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
  get inert(): boolean {
    return this.hasAttribute('inert');
  }
}

function page() {
  const sheet = new FakeElement('sheet');
  const composer = new FakeElement('composer');
  const messages = new FakeElement('messages');
  const main = new FakeElement('main', messages, sheet, composer);
  const bar = new FakeElement('bar');
  const screen = new FakeElement('screen', bar, main);
  const tabs = new FakeElement('tabs');
  const shell = new FakeElement('shell', tabs, screen);
  const toast = new FakeElement('toast');
  const body = new FakeElement('body', shell, toast);
  return { body, shell, tabs, screen, bar, main, messages, sheet, composer, toast };
}

describe('InertOutside', () => {
  it('makes every sibling of the sheet and of its ancestors inert, but not the sheet or its ancestors', () => {
    const p = page();
    new InertOutside(p.sheet, p.body).apply();
    expect([p.messages, p.composer, p.bar, p.tabs, p.toast].map((node) => node.inert)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([p.sheet, p.main, p.screen, p.shell, p.body].map((node) => node.inert)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('undoes only what it made inert', () => {
    const p = page();
    p.toast.setAttribute('inert', '');
    const inert = new InertOutside(p.sheet, p.body);
    inert.apply();
    inert.undo();
    expect([p.messages, p.composer, p.bar, p.tabs].some((node) => node.inert)).toBe(false);
    expect(p.toast.inert).toBe(true);
  });

  it('makes elements added while open inert when applied again, and undoes them too', () => {
    const p = page();
    const inert = new InertOutside(p.sheet, p.body);
    inert.apply();
    const typing = new FakeElement('typing');
    p.main.append(typing);
    expect(inert.parents()).toEqual([p.main, p.screen, p.shell, p.body]);
    inert.apply();
    expect(typing.inert).toBe(true);
    inert.undo();
    expect(typing.inert).toBe(false);
  });
});

describe('restoreFocus', () => {
  it('focuses the opener again when it is still on the page', () => {
    let focused = 0;
    const opener = {
      isConnected: true,
      focus: () => {
        focused += 1;
      },
    };
    expect(restoreFocus(opener)).toBe(true);
    expect(focused).toBe(1);
  });

  it('does nothing when the opener is gone or there was none', () => {
    let focused = 0;
    expect(
      restoreFocus({
        isConnected: false,
        focus: () => {
          focused += 1;
        },
      }),
    ).toBe(false);
    expect(restoreFocus(null)).toBe(false);
    expect(focused).toBe(0);
  });
});
