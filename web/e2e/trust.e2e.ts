// Trust features against the real server: two people see the same safety number and one marks
// the other verified; local search finds a message that was sent; an encrypted backup is made
// and a wrong passphrase is refused clearly.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  befriend,
  expectText,
  go,
  launchBrowser,
  messageContact,
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

interface Person {
  page: Page;
  name: string;
  close: () => Promise<void>;
}

async function person(displayName: string): Promise<Person> {
  const { context, page } = await phone(browser);
  await register(page, uniqueUsername(displayName.toLowerCase()), displayName);
  return { page, name: displayName, close: () => context.close() };
}

async function safetyNumberOf(page: Page): Promise<string> {
  await page.getByTestId('safety-number-link').click();
  await page.getByTestId('safety-number').waitFor();
  return (await page.getByTestId('safety-number').getAttribute('aria-label')) ?? '';
}

describe('trust', () => {
  it('safety numbers match on both sides, search finds a sent message, backups refuse a wrong passphrase', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);

    await messageContact(ann.page, 'Bob');
    const sentence = `Meet me at the lighthouse ${Date.now().toString(36)}`;
    await ann.page.getByTestId('composer').fill(sentence);
    await ann.page.getByTestId('send').click();
    await expect
      .poll(() => ann.page.getByTestId('message').filter({ hasText: sentence }).count(), { timeout: 10_000 })
      .toBe(1);

    const annSees = await safetyNumberOf(ann.page);
    expect(annSees).toMatch(/^(\d{5} ){11}\d{5}$/);
    await messageContact(bob.page, 'Ann');
    const bobSees = await safetyNumberOf(bob.page);
    expect(bobSees).toBe(annSees);
    // The same number from Bob's contact list.
    await go(bob.page, '/contacts');
    await bob.page.getByTestId('contact').filter({ hasText: 'Ann' }).click();
    await bob.page.getByTestId('contact-safety').click();
    await bob.page.getByTestId('safety-number').waitFor();
    expect(await bob.page.getByTestId('safety-number').getAttribute('aria-label')).toBe(annSees);
    await ann.page.getByTestId('mark-verified').click();
    await expect.poll(() => ann.page.getByTestId('safety-status').getAttribute('data-status')).toBe('verified');
    await screenshot(ann.page, '60-safety-number');

    // Search on the Chats tab finds the message from this device's history.
    await go(ann.page, '/chats');
    await ann.page.getByTestId('chat-search').fill('LIGHTHOUSE');
    await expect
      .poll(() => ann.page.getByTestId('search-message').filter({ hasText: sentence }).count(), { timeout: 10_000 })
      .toBe(1);
    await screenshot(ann.page, '61-search');

    // An encrypted backup is made; restoring it with a wrong passphrase says so.
    await go(ann.page, '/me/backup');
    await ann.page.getByTestId('backup-passphrase').fill('a long enough passphrase');
    await ann.page.getByTestId('backup-repeat').fill('a long enough passphrase');
    await ann.page.getByTestId('backup-export').click();
    const link = ann.page.getByTestId('backup-download');
    await link.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([ann.page.waitForEvent('download'), link.click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).not.toContain(sentence);
    expect(JSON.parse(text).kdf.name).toBe('argon2id');
    await ann.page
      .getByTestId('restore-file')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await ann.page.getByTestId('restore-passphrase').fill('not the passphrase');
    await ann.page.getByTestId('restore-submit').click();
    await expectText(ann.page, 'backup-problem', 'Wrong passphrase, or the file is damaged.');
    await screenshot(ann.page, '62-backup');
    await ann.close();
    await bob.close();
  });
});
