// Time to interactive on loopback (target ≤ 1.5 s), cold and with the service worker warm, for
// the sign-in screen and for a signed-in user's Chats list. Prints `tti …` lines and writes
// web/target/tti.json; the assertion is generous (shared CI machines), the figures are what
// docs/benchmarks.md records. ATRIUM_TTI_RUNS sets the runs per case (default 10).
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, befriend, launchBrowser, messageContact, phone, register, uniqueUsername } from './harness';
import { coldCache, describeFigures, figures, measure, newContext, serviceWorkerReady, type Figures } from './tti';

const RUNS = Number(process.env.ATRIUM_TTI_RUNS ?? 10);
/** Far above the 1.5 s target: this fails only when something is broken, not when CI is busy. */
const MEDIAN_LIMIT_MILLIS = 6_000;

let browser: Browser;
const results: Record<string, Figures> = {};

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  const out = resolve(import.meta.dirname, '../target');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    resolve(out, 'tti.json'),
    JSON.stringify({ runs: RUNS, date: new Date().toISOString(), results }, null, 2),
  );
});

function record(name: string, values: number[]): void {
  const result = figures(values);
  results[name] = result;
  console.log(describeFigures(name, result));
  expect(result.median).toBeLessThan(MEDIAN_LIMIT_MILLIS);
}

describe('time to interactive', () => {
  it(
    'sign-in screen: cold context, then with the service worker warm',
    async () => {
      const cold: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await newContext(browser);
        cold.push((await measure(context, baseUrl(), 'sign-in')).millis);
        await context.close();
      }
      record('sign-in cold', cold);

      const context = await newContext(browser);
      const first = await measure(context, baseUrl(), 'sign-in');
      await serviceWorkerReady(first.page);
      await first.page.close();
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const { millis, page } = await measure(context, baseUrl(), 'sign-in');
        warm.push(millis);
        await page.close();
      }
      await context.close();
      record('sign-in warm', warm);
    },
    60_000 + RUNS * 12_000,
  );

  it(
    'Chats list of a signed-in user with a chat: cold cache, then warm',
    async () => {
      const bob = await phone(browser);
      await register(bob.page, uniqueUsername('bob'), 'Bob');
      const context = await newContext(browser);
      const setup = await context.newPage();
      await register(setup, uniqueUsername('tti'), 'Tia');
      await befriend({ page: setup }, bob);
      await messageContact(setup, 'Bob');
      await setup.getByTestId('composer').fill('Hello from the benchmark');
      await setup.getByTestId('send').click();
      await setup.getByTestId('message').first().waitFor();
      await serviceWorkerReady(setup);
      await bob.context.close();

      const warm: number[] = [];
      let last = setup;
      for (let i = 0; i < RUNS; i++) {
        await last.close();
        const { millis, page } = await measure(context, `${baseUrl()}/#/chats`, 'chats');
        warm.push(millis);
        last = page;
      }
      record('chats warm', warm);

      const cold: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // The account stays signed in (IndexedDB); the HTTP cache, service worker and its caches go.
        await coldCache(context, last);
        await last.close();
        const { millis, page } = await measure(context, `${baseUrl()}/#/chats`, 'chats');
        cold.push(millis);
        last = page;
      }
      record('chats cold', cold);
      await context.close();
    },
    90_000 + RUNS * 20_000,
  );
});
