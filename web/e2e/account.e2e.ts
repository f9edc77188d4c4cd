// Accounts, language and devices, through the real client and server.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiFromPage,
  baseUrl,
  expectText,
  go,
  launchBrowser,
  login,
  phone,
  register,
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

describe('account', () => {
  it('registers and shows the name on Me; the session survives a reload', async () => {
    const { context, page } = await phone(browser);
    const startedMillis = Date.now();
    await page.goto(baseUrl());
    await page.getByTestId('register-form').waitFor();
    // The test server is open to everyone: no invite code is asked for.
    await page.getByTestId('register-display-name').waitFor();
    expect(await page.locator('input[name=inviteCode]').count()).toBe(0);
    // Reported, not asserted: the product's target is 1.5 s, but a shared CI machine's timing
    // would make an assertion flaky.
    console.log(`web e2e: first load to an interactive form in ${Date.now() - startedMillis} ms`);
    await screenshot(page, '01-register');

    await register(page, uniqueUsername('ann'), 'Ann Example');
    await screenshot(page, '02-chats');
    await go(page, '/me');
    await expectText(page, 'me-name', 'Ann Example');
    await screenshot(page, '03-me');

    await page.reload();
    await expectText(page, 'me-name', 'Ann Example');
    await go(page, '/discover');
    await expectText(page, 'screen-title', 'Discover');
    await screenshot(page, '04-discover');
    await page.setViewportSize({ width: 1280, height: 800 });
    await go(page, '/me');
    await expectText(page, 'me-name', 'Ann Example');
    await screenshot(page, '10-desktop-me');
    await context.close();
  });

  it('shows a translated server error for a taken username', async () => {
    const username = uniqueUsername('dup');
    const first = await phone(browser);
    await register(first.page, username, 'First');
    await first.context.close();

    const { context, page } = await phone(browser, 'de-DE');
    await page.goto(baseUrl());
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', 'correct horse battery');
    await page.fill('input[name=displayName]', 'Second');
    await page.getByTestId('auth-submit').click();
    await expectText(page, 'error', 'Dieser Benutzername ist vergeben.');
    await context.close();
  });

  it('switches the language on Me, saves it to the profile and keeps it after a reload', async () => {
    const { context, page } = await phone(browser);
    await register(page, uniqueUsername('lang'), 'Lena');
    await go(page, '/me');
    await expectText(page, 'tab-me', 'Me');

    await page.getByTestId('language').selectOption('de');
    await expectText(page, 'tab-me', 'Ich');
    await expectText(page, 'screen-title', 'Ich');
    await expectText(page, 'tab-contacts', 'Kontakte');
    await screenshot(page, '05-me-german');

    await page.getByTestId('language').selectOption('zh');
    await expectText(page, 'tab-contacts', '通讯录');
    // The UI switches at once and saves to the profile in the background: wait for the save, so
    // the reload below cannot abort it (on a busy machine it may take a moment).
    await expect
      .poll(async () => (await apiFromPage<{ language: string }>(page, 'GET', '/api/v1/me')).language, {
        timeout: 10_000,
      })
      .toBe('zh');
    await page.reload();
    await expectText(page, 'tab-contacts', '通讯录');
    const saved = await apiFromPage<{ language: string }>(page, 'GET', '/api/v1/me');
    expect(saved.language).toBe('zh');
    await context.close();
  });

  it('lists both devices of a user; a revoked device is logged out on its next request', async () => {
    const username = uniqueUsername('dev');
    const first = await phone(browser);
    await register(first.page, username, 'Dev One');
    const second = await phone(browser);
    await login(second.page, username);

    await go(second.page, '/me/devices');
    await expect.poll(() => second.page.getByTestId('device').count(), { timeout: 10_000 }).toBe(2);
    // Each device is named after its browser and system, not a generic "Web browser".
    for (const text of await second.page.getByTestId('device').allInnerTexts())
      expect(text).toMatch(/Chrom(?:e|ium) on Linux/);
    await screenshot(second.page, '06-devices');
    await second.page.getByTestId('revoke').click();
    await expect.poll(() => second.page.getByTestId('device').count(), { timeout: 10_000 }).toBe(1);

    await go(first.page, '/contacts');
    await first.page.getByTestId('notice').waitFor({ timeout: 10_000 });
    await expectText(first.page, 'notice', 'This device was logged out');
    await first.page.getByTestId('register-form').waitFor();
    await first.context.close();
    await second.context.close();
  });

  it('lists the conversations on the Chats tab', async () => {
    const { context, page } = await phone(browser);
    await register(page, uniqueUsername('chat'), 'Chet');
    await page.getByTestId('chats-empty').waitFor();

    await apiFromPage(page, 'POST', '/api/v1/conversations', { kind: 'group', name: 'Hikers' });
    await go(page, '/me');
    await go(page, '/chats');
    await expectText(page, 'chats-list', /Hikers.*Group/);
    await context.close();
  });

  it('logs out from Me and forgets the session', async () => {
    const { context, page } = await phone(browser);
    await register(page, uniqueUsername('out'), 'Otto');
    await go(page, '/me');
    await page.getByTestId('logout').click();
    await page.getByTestId('register-form').waitFor();
    await page.reload();
    await page.getByTestId('register-form').waitFor();
    await context.close();
  });

  it('opens the app shell offline once the service worker has cached it', async () => {
    const { context, page } = await phone(browser);
    await register(page, uniqueUsername('off'), 'Offline Olga');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 })
      .toBe(true);

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('tab-me').waitFor({ timeout: 10_000 });
    await go(page, '/discover');
    await expectText(page, 'screen-title', 'Discover');
    await context.setOffline(false);
    await context.close();
  });
});
