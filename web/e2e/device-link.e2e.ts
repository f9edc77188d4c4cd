// Logging a second browser in by QR code: the new browser shows the link, the logged-in one
// pastes (or opens) it and approves or declines.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiFromPage,
  baseUrl,
  expectText,
  go,
  launchBrowser,
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

async function showLoginCode(page: import('playwright-core').Page): Promise<string> {
  await page.goto(baseUrl());
  await page.getByTestId('auth-by-qr').click();
  await page.getByTestId('link-qr').waitFor();
  const url = (await page.getByTestId('link-url').textContent()) ?? '';
  expect(url).toMatch(/\/link\/dl_[A-Za-z0-9_-]+$/);
  return url;
}

describe('device link', () => {
  it("logs browser B into A's account when A approves the pasted link", async () => {
    const username = uniqueUsername('qr');
    const a = await phone(browser);
    await register(a.page, username, 'Quinn Approver');

    const b = await phone(browser);
    const url = await showLoginCode(b.page);
    await expectText(b.page, 'link-status', 'Waiting for approval');
    await screenshot(b.page, '20-link-login-qr');

    await go(a.page, '/me/devices');
    await a.page.getByTestId('link-device').click();
    await a.page.fill('input[name=link]', url);
    await a.page.getByTestId('link-open').click();
    await expectText(a.page, 'link-device-name', '“Chromium on Linux” wants to log in to your account.');
    await screenshot(a.page, '21-link-approve');
    await a.page.getByTestId('link-approve').click();
    await expectText(a.page, 'link-answer', 'The new device is now logged in.');

    // B polls every 2 s and is then logged in as A.
    await b.page.getByTestId('tab-me').waitFor({ timeout: 15_000 });
    await go(b.page, '/me');
    await expectText(b.page, 'me-name', 'Quinn Approver');
    const profile = await apiFromPage<{ username: string }>(b.page, 'GET', '/api/v1/me');
    expect(profile.username).toBe(username);
    await b.page.reload();
    await expectText(b.page, 'me-name', 'Quinn Approver');

    await go(a.page, '/me/devices');
    await expect.poll(() => a.page.getByTestId('device').count(), { timeout: 10_000 }).toBe(2);
    await a.context.close();
    await b.context.close();
  });

  it('opens a link at <server>/link/<code>; a declined browser is offered a new code', async () => {
    const a = await phone(browser);
    await register(a.page, uniqueUsername('qrd'), 'Dana Decliner');
    const b = await phone(browser);
    const url = await showLoginCode(b.page);

    await a.page.goto(url);
    await expect.poll(() => a.page.evaluate(() => location.hash), { timeout: 10_000 }).toMatch(/^#\/link\/dl_/);
    await a.page.getByTestId('link-decline').click();
    await expectText(a.page, 'link-answer', 'Declined.');

    await expectText(b.page, 'link-status', 'The other device declined.');
    await b.page.getByTestId('link-new-code').click();
    await b.page.getByTestId('link-qr').waitFor();
    expect(await b.page.getByTestId('link-url').textContent()).not.toBe(url);

    // The answered link is gone for good.
    await a.page.goto(url);
    await expectText(a.page, 'error', 'expired or was already used');
    await a.context.close();
    await b.context.close();
  });
});
