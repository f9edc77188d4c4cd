// Bank and merchant payments in the wallet: bank top-up details, a withdrawal to an IBAN with the
// PIN (listed with its status), scan to pay by pasting a shop's static code, my payment code, and
// the shop owner's refunds and payouts with their own login and PIN.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectText, go, launchBrowser, phone, register, screenshot, uniqueUsername } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const PIN = '246810';

/** An API call from the page with the stored device token (or the given bearer token). */
function call<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  bearer?: string,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body, headers, bearer }) => {
      let token = bearer;
      if (!token) {
        const open = indexedDB.open('atrium');
        const db = await new Promise<IDBDatabase>((done, fail) => {
          open.onsuccess = () => done(open.result);
          open.onerror = () => fail(open.error);
        });
        const read = db.transaction('local').objectStore('local').get('session');
        token = (
          await new Promise<{ token: string }>((done) => {
            read.onsuccess = () => done(read.result as { token: string });
          })
        ).token;
      }
      const response = await fetch(path, {
        method,
        headers: { ...headers, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, path, body, headers, bearer },
  );
}

/** A new user with a PIN and demo money. */
async function payer(page: Page, name: string, cents: number): Promise<void> {
  await register(page, uniqueUsername('pay'), name);
  expect((await call(page, 'PUT', '/api/v1/wallet/pin', { pin: PIN })).status).toBe(204);
  const topUp = await call(
    page,
    'POST',
    '/api/v1/wallet/sandbox/top-ups',
    { amountCents: cents },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  expect(topUp.status).toBe(201);
}

describe('bank and merchant payments', () => {
  it('shows the bank top-up details, withdraws to an IBAN with the PIN and lists the withdrawal', async () => {
    const { context, page } = await phone(browser);
    await payer(page, 'Wanda Withdraw', 5_000);

    await go(page, '/me/wallet');
    await page.getByTestId('wallet-bank-top-up').click();
    await expectText(page, 'bank-iban', 'DE02 1203 0000 0000 2020 51');
    await expectText(page, 'bank-reference', /^RF\d{2}/);
    await page.getByTestId('bank-top-up-qr').waitFor();
    await screenshot(page, '40-wallet-bank-top-up');

    await go(page, '/me/wallet/withdraw');
    await expectText(page, 'withdraw-balance', 'Available: €50.00');
    await page.fill('input[name=iban]', 'DE89 3704 0044 0532 0130 01');
    await page.fill('input[name=name]', 'Wanda Withdraw');
    await page.fill('input[name=amount]', '12,50');
    await page.fill('input[name=pin]', PIN);
    await page.getByTestId('withdraw-submit').click();
    await expectText(page, 'error', 'This IBAN is not valid.');

    await page.fill('input[name=iban]', 'de89 3704 0044 0532 0130 00');
    await page.fill('input[name=pin]', '000000');
    await page.getByTestId('withdraw-submit').click();
    await expectText(page, 'error', 'The PIN is wrong.');

    await page.fill('input[name=pin]', PIN);
    await page.getByTestId('withdraw-submit').click();
    await expectText(page, 'withdraw-done', '€12.50 is on its way to DE89 3704 0044 0532 0130 00.');
    await expectText(page, 'withdraw-balance', 'Available: €37.50');
    await expect.poll(() => page.getByTestId('withdrawal').count(), { timeout: 10_000 }).toBe(1);
    await expectText(page, 'withdrawal-status', 'Waiting');
    await screenshot(page, '41-wallet-withdraw');

    // The list comes from the server, not from the form.
    await page.reload();
    await expect.poll(() => page.getByTestId('withdrawal').count(), { timeout: 10_000 }).toBe(1);
    await expectText(page, 'withdrawal', /Wanda Withdraw.*DE89 3704 0044 0532 0130 00.*€12\.50.*Waiting/);
    await context.close();
  });

  it('pays a shop by pasting its static code, shows a payment code, and the shop refunds in part and in full', async () => {
    const shop = await phone(browser);
    await register(shop.page, uniqueUsername('shop'), 'Sonja Shop');
    expect((await call(shop.page, 'PUT', '/api/v1/wallet/pin', { pin: PIN })).status).toBe(204);
    const applied = await call<{ id: string }>(shop.page, 'POST', '/api/v1/merchants', {
      name: 'Café Sonne',
      city: 'Berlin',
      categoryCode: '5812',
    });
    expect(applied.status).toBe(201);
    const approved = await call(
      shop.page,
      'POST',
      `/api/v1/admin/merchants/${applied.body.id}/approve`,
      undefined,
      {},
      inject('operatorToken'),
    );
    expect(approved.status).toBe(200);
    const code = await call<{ payload: string }>(shop.page, 'GET', `/api/v1/merchants/${applied.body.id}/static-code`);
    expect(code.status).toBe(200);

    const { context, page } = await phone(browser);
    await payer(page, 'Carl Customer', 2_000);
    await go(page, '/discover');
    await page.getByTestId('discover-scan').click();
    await page.fill('textarea[name=payload]', code.body.payload.replace('Berlin', 'Berlim'));
    await page.getByTestId('scan-read').click();
    await expectText(page, 'error', 'This QR code is damaged.');
    await page.fill('textarea[name=payload]', code.body.payload);
    await page.getByTestId('scan-read').click();
    await expectText(page, 'scan-merchant', 'Cafe Sonne');
    await expectText(page, 'scan-city', 'Berlin');
    await page.fill('input[name=amount]', '3,20');
    await page.fill('input[name=pin]', PIN);
    await screenshot(page, '42-wallet-scan-pay');
    await page.getByTestId('scan-pay-submit').click();
    await expectText(page, 'scan-paid', 'You paid €3.20 to Cafe Sonne.');
    await go(page, '/me/wallet');
    await expectText(page, 'wallet-balance', '€16.80');

    await page.getByTestId('wallet-payment-code').click();
    await page.fill('input[name=pin]', PIN);
    await page.getByTestId('payment-code-submit').click();
    await page.getByTestId('payment-code-qr').waitFor();
    await expectText(page, 'payment-code', /\S{8,}/);
    await expectText(page, 'payment-code-seconds', /^Valid for (60|59|58|57|56|55) s$/);
    await screenshot(page, '43-wallet-payment-code');
    await context.close();

    // The owner sees the payment with their own login and refunds part (PIN), then too much.
    await go(shop.page, '/me/wallet');
    await shop.page.getByTestId('wallet-merchant').click();
    await expectText(shop.page, 'merchant-status', 'Approved');
    await shop.page.getByTestId('merchant-qr').waitFor();
    await expectText(shop.page, 'merchant-payload', code.body.payload);
    await expect.poll(() => shop.page.getByTestId('merchant-payment').count(), { timeout: 10_000 }).toBe(1);
    await expectText(shop.page, 'merchant-payment', /€3\.20.*Shop QR code/);
    await shop.page.getByTestId('refund-open').click();
    await shop.page.fill('input[name=refund]', '1,00');
    await shop.page.fill('input[name=refundPin]', PIN);
    await shop.page.getByTestId('refund-submit').click();
    await expectText(shop.page, 'merchant-refunded', '€1.00 refunded');
    await shop.page.getByTestId('refund-open').click();
    await shop.page.fill('input[name=refund]', '5');
    await shop.page.fill('input[name=refundPin]', PIN);
    await shop.page.getByTestId('refund-submit').click();
    await expectText(shop.page, 'error', 'At most €2.20 of this payment can still be refunded.');
    await screenshot(shop.page, '44-wallet-merchant');

    // A payout of part of the balance to the shop's IBAN (PIN); the operator marks it failed, so
    // the money comes back to the shop, which then refunds the rest of the payment.
    await expectText(shop.page, 'merchant-balance', '€2.20');
    await shop.page.fill('input[name=payoutIban]', 'DE89 3704 0044 0532 0130 00');
    await shop.page.fill('input[name=payoutAccountPin]', PIN);
    await shop.page.getByTestId('payout-account-submit').click();
    await expectText(shop.page, 'payout-account', 'DE89 3704 0044 0532 0130 00');
    await shop.page.fill('input[name=payoutAmount]', '1,20');
    await shop.page.fill('input[name=payoutPin]', PIN);
    await shop.page.getByTestId('payout-submit').click();
    await expectText(shop.page, 'payout-done', '€1.20 is on its way to DE89 3704 0044 0532 0130 00.');
    await expectText(shop.page, 'merchant-balance', '€1.00');
    await expectText(shop.page, 'merchant-payout-status', 'Waiting');
    await screenshot(shop.page, '45-wallet-merchant-payout');
    const payouts = await call<{ items: { id: string }[] }>(
      shop.page,
      'GET',
      `/api/v1/merchants/${applied.body.id}/payouts`,
    );
    const failed = await call(
      shop.page,
      'POST',
      `/api/v1/admin/wallet/withdrawals/${payouts.body.items[0]!.id}/failed`,
      undefined,
      {},
      inject('operatorToken'),
    );
    expect(failed.status).toBe(200);
    await shop.page.reload();
    await expectText(shop.page, 'merchant-payout-status', 'Failed, refunded');
    await expectText(shop.page, 'merchant-balance', '€2.20');
    await shop.page.getByTestId('refund-open').click();
    await shop.page.fill('input[name=refundPin]', PIN);
    await shop.page.getByTestId('refund-submit').click();
    await expectText(shop.page, 'merchant-payment', 'Fully refunded');

    // Point-of-sale keys: the secret is shown once, and a revoked key is marked.
    await shop.page.fill('input[name=keyLabel]', 'Till 1');
    await shop.page.getByTestId('merchant-key-create').click();
    await expectText(shop.page, 'merchant-key-secret', /^mk_/);
    await shop.page.getByTestId('merchant-key-revoke').click();
    await expectText(shop.page, 'merchant-key-revoked', 'Revoked');
    await shop.context.close();
  });
  it('asks a shop with a Chinese name for its Latin name, which its payment code carries', async () => {
    const { context, page } = await phone(browser);
    await register(page, uniqueUsername('shop'), 'Lao Wang');
    await go(page, '/me/wallet/merchant');
    await page.getByTestId('merchant-apply').waitFor();
    expect(await page.locator('input[name=shopLatinName]').count()).toBe(0);
    await page.fill('input[name=shopName]', '老王面馆');
    await page.fill('input[name=shopCity]', 'Berlin');
    await page.locator('input[name=shopLatinName]').waitFor();
    expect(await page.locator('input[name=shopLatinCity]').count()).toBe(0);
    await page.fill('input[name=shopLatinName]', 'Lao Wang Nudeln');
    // The kind of shop is picked by name; its code is sent.
    await page.selectOption('select[name=shopCategory]', { label: 'Fast food, takeaway' });
    await screenshot(page, '46-wallet-merchant-latin-name');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(page, 'merchant-status', 'Waiting for the operator’s approval.');
    const shops = await call<{ items: { name: string; city: string; categoryCode: string }[] }>(
      page,
      'GET',
      '/api/v1/merchants',
    );
    expect(shops.body.items.map((shop) => `${shop.name} · ${shop.city} · ${shop.categoryCode}`)).toEqual([
      'Lao Wang Nudeln · Berlin · 5814',
    ]);
    // With a shop, the application form folds away behind "Apply for another shop".
    expect(await page.getByTestId('merchant-apply').count()).toBe(0);
    await page.getByTestId('merchant-apply-another').click();
    await page.selectOption('select[name=shopCategory]', 'other');
    await page.locator('input[name=shopCategoryCode]').waitFor();
    await screenshot(page, '47-wallet-merchant-apply-another');
    await context.close();
  });

  it('keeps Discover highlighted in the tab bar when scanning from Discover, and goes back there', async () => {
    const { context, page } = await phone(browser);
    await register(page, uniqueUsername('scan'), 'Sami Scan');
    await go(page, '/discover');
    await page.getByTestId('discover-scan').click();
    await page.getByTestId('scan-form').waitFor();
    expect(await page.getByTestId('tab-discover').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('tab-me').getAttribute('aria-current')).toBeNull();
    await page.locator('.bar-back').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/discover');
    await context.close();
  });
});
