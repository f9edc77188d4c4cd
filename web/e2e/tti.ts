// Time to interactive of the web client on loopback: from the start of the navigation (the
// page's time origin) to the first animation frame in which the screen is usable, recorded by
// the page itself (an init script watching the DOM), so Playwright's polling adds nothing.
//   sign-in: the register form's username field and submit button are there and enabled;
//   chats:   a signed-in user's Chats list shows its rows and the tab bar.
// Cold: a browser context with an empty HTTP cache and no service worker. Warm: the same
// context after a first visit, with the service worker controlling the page and its cache full.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PHONE } from './harness';

export type Screen = 'sign-in' | 'chats';

const READY: Record<Screen, string> = {
  'sign-in':
    '[data-testid=register-form] input[name=username]:not([disabled]), [data-testid=auth-submit]:not([disabled])',
  chats: '[data-testid=chats-list] [data-testid=chat-row]',
};

/** Installed before any page script: records performance.now() at the first frame the screen is ready. */
function watch(selectors: Record<Screen, string>): void {
  const state = window as unknown as { __tti?: Partial<Record<Screen, number>> };
  state.__tti = {};
  const check = () => {
    for (const [screen, selector] of Object.entries(selectors) as [Screen, string][]) {
      if (state.__tti![screen] !== undefined) continue;
      const ready =
        screen === 'sign-in'
          ? document.querySelectorAll(selector).length >= 2
          : document.querySelector(selector) !== null && document.querySelector('[data-testid=tab-me]') !== null;
      if (ready) {
        state.__tti![screen] = -1;
        requestAnimationFrame(() => {
          state.__tti![screen] = performance.now();
        });
      }
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
}

export async function prepare(context: BrowserContext): Promise<void> {
  await context.addInitScript(watch, READY);
}

/** Opens url in a new page of the context and returns the milliseconds until `screen` is usable. */
export async function measure(
  context: BrowserContext,
  url: string,
  screen: Screen,
): Promise<{ millis: number; page: Page }> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (wanted) => {
      const value = (window as unknown as { __tti?: Partial<Record<string, number>> }).__tti?.[wanted];
      return value !== undefined && value >= 0 ? value : null;
    },
    screen,
    { timeout: 30_000, polling: 50 },
  );
  return { millis: Math.round((await handle.jsonValue()) as number), page };
}

/** A context at phone size with the watcher installed. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-US', deviceScaleFactor: 1 });
  await prepare(context);
  return context;
}

/** Empties the HTTP cache and removes the service worker and its caches: the next load is cold. */
export async function coldCache(context: BrowserContext, page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
    for (const name of await caches.keys()) await caches.delete(name);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

/** Waits until a service worker controls the page (so the next load is served from its cache). */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 })
    .catch(async () => {
      // The first page is not controlled until it reloads (clients.claim covers most cases).
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
    });
}

export interface Figures {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  all: number[];
}

export function figures(values: number[]): Figures {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { runs: sorted.length, median: rank(50), p95: rank(95), min: sorted[0]!, max: sorted.at(-1)!, all: values };
}

export function describeFigures(name: string, result: Figures): string {
  return `tti ${name}: median ${result.median} ms, p95 ${result.p95} ms, min ${result.min}, max ${result.max}, runs ${result.runs} [${result.all.join(', ')}]`;
}
