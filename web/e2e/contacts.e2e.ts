// Contacts between two (and three) people, each in a browser profile of their own.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, go, launchBrowser, phone, register, screenshot, uniqueUsername } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const contactNames = async (page: Page) => {
  // Leave and come back, so the screen loads the list afresh.
  await go(page, '/chats');
  await go(page, '/contacts');
  await page.getByTestId('contacts-list').waitFor({ state: 'attached' });
  return page.getByTestId('contact').allTextContents();
};

describe('contacts', () => {
  it('adds by username, accepts, shows both as contacts, then blocks', async () => {
    const annName = uniqueUsername('ann');
    const bobName = uniqueUsername('bob');
    const ann = await phone(browser);
    const bob = await phone(browser);
    await register(ann.page, annName, 'Ann');
    await register(bob.page, bobName, 'Bob');

    await go(ann.page, '/contacts/add');
    await ann.page.fill('input[name=username]', bobName);
    await ann.page.fill('input[name=note]', 'Hi Bob, it is Ann');
    await ann.page.getByRole('button', { name: 'Send request' }).click();
    await expectText(ann.page, 'add-result', 'Request sent to Bob.');

    await go(bob.page, '/contacts');
    await expectText(bob.page, 'contacts-requests', '1');
    await go(bob.page, '/contacts/requests');
    await expectText(bob.page, 'request-incoming', 'Hi Bob, it is Ann');
    await screenshot(bob.page, '07-requests');
    await bob.page.getByTestId('accept').click();
    await expect.poll(() => bob.page.getByTestId('request-incoming').count(), { timeout: 10_000 }).toBe(0);

    await expect.poll(() => contactNames(bob.page), { timeout: 10_000 }).toEqual([expect.stringContaining('Ann')]);
    await expect.poll(() => contactNames(ann.page), { timeout: 10_000 }).toEqual([expect.stringContaining('Bob')]);
    await screenshot(ann.page, '08-contacts');

    // The actions are on the contact's page, reached by tapping the row.
    await ann.page.getByTestId('contact').filter({ hasText: 'Bob' }).click();
    await expectText(ann.page, 'contact-profile', bobName);
    await screenshot(ann.page, '08-contact-page');
    await ann.page.getByTestId('block').click();
    await ann.page.getByTestId('contacts-list').waitFor({ state: 'attached' });
    await expect.poll(() => ann.page.getByTestId('contact').count(), { timeout: 10_000 }).toBe(0);
    await go(ann.page, '/contacts/blocked');
    await expectText(ann.page, 'blocked', 'Bob');
    await expect.poll(() => contactNames(bob.page), { timeout: 10_000 }).toEqual([]);

    // Bob cannot ask again: the same refusal as any other, translated.
    await go(bob.page, '/contacts/add');
    await bob.page.fill('input[name=username]', annName);
    await bob.page.getByRole('button', { name: 'Send request' }).click();
    await expectText(bob.page, 'error', 'This request is not possible.');
    await ann.context.close();
    await bob.context.close();
  });

  it('shows my code with its QR; opening the link offers a request, also to a new user', async () => {
    const cat = await phone(browser);
    await register(cat.page, uniqueUsername('cat'), 'Cat');
    await go(cat.page, '/me/code');
    await cat.page.getByTestId('qr').waitFor();
    const qrLoaded = await cat.page.getByTestId('qr').evaluate((image) => (image as HTMLImageElement).naturalWidth > 0);
    expect(qrLoaded).toBe(true);
    const link = (await cat.page.getByTestId('contact-link').textContent()) ?? '';
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9_-]+$/);
    await screenshot(cat.page, '09-my-code');

    const dan = await phone(browser);
    await dan.page.goto(link);
    await dan.page.getByTestId('register-form').waitFor();
    await dan.page.fill('input[name=username]', uniqueUsername('dan'));
    await dan.page.fill('input[name=password]', 'correct horse battery');
    await dan.page.fill('input[name=displayName]', 'Dan');
    await dan.page.getByTestId('auth-submit').click();
    await dan.page.getByTestId('contact-link-form').waitFor();
    await dan.page.getByRole('button', { name: 'Send contact request' }).click();
    await expectText(dan.page, 'link-result', 'Request sent.');

    await go(cat.page, '/contacts/requests');
    await expectText(cat.page, 'request-incoming', 'Dan');

    // A rotated code invalidates the old link.
    await go(cat.page, '/me/code');
    await cat.page.getByTestId('rotate').click();
    await expect
      .poll(async () => cat.page.getByTestId('contact-link').textContent(), { timeout: 10_000 })
      .not.toBe(link);
    await cat.context.close();
    await dan.context.close();
  });
});
