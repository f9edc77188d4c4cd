// The wallet in Me: PIN, sandbox top-up, balance, history with paging and the CSV export.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  befriend,
  expectText,
  go,
  launchBrowser,
  phone,
  register,
  registeredPerson,
  screenshot,
  uniqueUsername,
} from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Sandbox top-ups straight through the API, each with its own Idempotency-Key. */
function topUpFromPage(page: Page, count: number, amountCents: number): Promise<number[]> {
  return page.evaluate(
    async ({ count, amountCents }) => {
      const open = indexedDB.open('atrium');
      const db = await new Promise<IDBDatabase>((done, fail) => {
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      const read = db.transaction('local').objectStore('local').get('session');
      const session = await new Promise<{ token: string }>((done) => {
        read.onsuccess = () => done(read.result as { token: string });
      });
      const statuses: number[] = [];
      for (let i = 0; i < count; i++) {
        const response = await fetch('/api/v1/wallet/sandbox/top-ups', {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${session.token}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': crypto.randomUUID(),
          },
          body: JSON.stringify({ amountCents }),
        });
        statuses.push(response.status);
      }
      return statuses;
    },
    { count, amountCents },
  );
}

/** An API call from the page with its stored device token; the status and the parsed body. */
function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const open = indexedDB.open('atrium');
      const db = await new Promise<IDBDatabase>((done, fail) => {
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      const read = db.transaction('local').objectStore('local').get('session');
      const session = await new Promise<{ token: string }>((done) => {
        read.onsuccess = () => done(read.result as { token: string });
      });
      const response = await fetch(path, {
        method,
        headers: {
          Authorization: `Bearer ${session.token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, path, body },
  );
}

describe('wallet', () => {
  it('sets a PIN, tops up in the sandbox, and shows the balance and the history entry', async () => {
    const { context, page } = await phone(browser);
    await register(page, uniqueUsername('pay'), 'Penny Payer');
    await go(page, '/me');
    await page.getByTestId('me-wallet').click();
    await expectText(page, 'wallet-balance', '€0.00');
    // A missing PIN is a neutral hint with a way to set it, not an error.
    await page.getByTestId('wallet-pin-missing').waitFor();
    expect(await page.getByTestId('wallet-pin-missing').getAttribute('class')).not.toMatch(/\b(notice|error)\b/);
    await screenshot(page, '29-wallet-pin-missing');

    await page.getByTestId('wallet-pin-missing-set').click();
    await page.fill('input[name=pin]', '123456');
    await page.fill('input[name=pinRepeat]', '123465');
    await page.getByTestId('pin-submit').click();
    await expectText(page, 'error', 'The two PINs are not the same.');
    await page.fill('input[name=pinRepeat]', '123456');
    await page.getByTestId('pin-submit').click();
    await expectText(page, 'pin-saved', 'Your payment PIN is saved.');
    // Saved: a success state, not an empty "Change PIN" form.
    expect(await page.locator('input[name=pin]').count()).toBe(0);
    await screenshot(page, '29-wallet-pin-saved');
    await go(page, '/me/wallet');
    await go(page, '/me/wallet/pin');
    await expectText(page, 'pin-set', 'Your payment PIN is set.');

    // Changing it with a wrong current PIN counts towards the lock, and says so.
    await page.getByTestId('pin-change').click();
    await page.fill('input[name=currentPin]', '000000');
    await page.fill('input[name=pin]', '654321');
    await page.fill('input[name=pinRepeat]', '654321');
    await page.getByTestId('pin-submit').click();
    await expectText(page, 'error', 'The PIN is wrong. Tries left before payments are locked: 4.');

    await go(page, '/me/wallet');
    await expectText(page, 'wallet-balance', '€0.00');
    expect(await page.getByTestId('wallet-pin-missing').count()).toBe(0);
    await page.getByTestId('wallet-top-up').click();
    await page.fill('input[name=amount]', '12.345');
    await page.getByTestId('top-up-submit').click();
    await expectText(page, 'error', 'at most two decimals');
    await page.fill('input[name=amount]', '12,34');
    await page.getByTestId('top-up-submit').click();
    await expectText(page, 'top-up-done', '€12.34 added. Your balance is now €12.34.');
    await screenshot(page, '30-wallet-top-up');

    await go(page, '/me/wallet');
    await expectText(page, 'wallet-balance', '€12.34');
    await screenshot(page, '31-wallet');
    await page.getByTestId('wallet-history').click();
    await expect.poll(() => page.getByTestId('statement-line').count(), { timeout: 10_000 }).toBe(1);
    await expectText(page, 'statement-line', /Demo top-up.*\+€12\.34.*Balance €12\.34/);
    expect(await page.getByTestId('statement-more').count()).toBe(0);
    await screenshot(page, '32-wallet-history');
    await context.close();
  });

  it('pages the history with "Load more", exports CSV, and formats euros in German', async () => {
    const { context, page } = await phone(browser, 'de-DE');
    await register(page, uniqueUsername('hist'), 'Hanna');
    expect(new Set(await topUpFromPage(page, 55, 100))).toEqual(new Set([201]));

    await go(page, '/me/wallet');
    await expectText(page, 'wallet-balance', /^55,00\s€$/);
    await go(page, '/me/wallet/history');
    await expect.poll(() => page.getByTestId('statement-line').count(), { timeout: 10_000 }).toBe(50);
    await expectText(page, 'statement-line', /Demo-Aufladung.*\+1,00\s€.*Saldo 55,00\s€/);
    await screenshot(page, '33-wallet-history-de');
    await page.getByTestId('statement-more').click();
    await expect.poll(() => page.getByTestId('statement-line').count(), { timeout: 10_000 }).toBe(55);
    expect(await page.getByTestId('statement-more').count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-csv').click()]);
    expect(download.suggestedFilename()).toBe('atrium-wallet-statement.csv');
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(56);
    expect(csv[1]).toContain('sandbox_top_up');
    await context.close();
  });

  it('names the other person of chat transfers in the history', async () => {
    const ann = await registeredPerson(browser, 'Ann');
    const bob = await registeredPerson(browser, 'Bob');
    await befriend(ann, bob);
    expect((await api(ann.page, 'PUT', '/api/v1/wallet/pin', { pin: '135790' })).status).toBe(204);
    expect(await topUpFromPage(ann.page, 1, 10_00)).toEqual([201]);
    const bobId = (await api<{ id: string }>(bob.page, 'GET', '/api/v1/me')).body.id;
    const chat = await api<{ id: string }>(ann.page, 'POST', '/api/v1/conversations', {
      kind: 'direct',
      peerAccountId: bobId,
    });
    const sent = await api<{ id: string }>(ann.page, 'POST', '/api/v1/wallet/transfers', {
      conversationId: chat.body.id,
      amountCents: 2_50,
      pin: '135790',
    });
    expect(sent.status).toBe(201);
    expect((await api(bob.page, 'POST', `/api/v1/wallet/transfers/${sent.body.id}/accept`, {})).status).toBe(200);

    await go(ann.page, '/me/wallet/history');
    await expectText(ann.page, 'statement-party', 'To Bob');
    await screenshot(ann.page, '33-wallet-history-party');
    await go(bob.page, '/me/wallet/history');
    await expectText(bob.page, 'statement-party', 'From Ann');
    await ann.close();
    await bob.close();
  });
});
