// Me → Account against the real server: changing the password logs the other devices out and
// the new password works; the export downloads the server's JSON; deleting the account is
// refused while the wallet holds money, and otherwise erases it, wipes this device and returns to
// the welcome screen, after which the login is refused.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  baseUrl,
  expectText,
  go,
  login,
  PASSWORD,
  PHONE,
  phone,
  registeredPerson,
  screenshot,
  sharedBrowser,
} from './harness';

const browser = sharedBrowser();
const NEW_PASSWORD = 'a brand new passphrase';

async function loginWith(page: Page, username: string, password: string): Promise<void> {
  await page.goto(baseUrl());
  await page.getByTestId('auth-switch').click();
  await page.getByTestId('login-form').waitFor();
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.getByTestId('auth-submit').click();
}

/** Waits until the bottom sheet `testId` has slid up fully inside the phone's screen. */
async function sheetSlidUp(page: Page, testId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const box = await page.getByTestId(testId).boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height + 0.5;
      },
      { timeout: 5_000 },
    )
    .toBe(true);
}

describe('account settings', () => {
  it('changes the password: errors are clear, other devices are logged out, the new one logs in', async () => {
    const ann = await registeredPerson(browser(), 'Ann');
    const other = await phone(browser());
    await login(other.page, ann.username);

    await go(ann.page, '/me');
    await ann.page.getByTestId('change-password').click();
    const sheet = ann.page.getByRole('dialog', { name: 'Change password' });
    await sheet.waitFor();
    await sheetSlidUp(ann.page, 'password-sheet');
    await screenshot(ann.page, '60-sheet-change-password');
    await sheet.locator('input[name=currentPassword]').fill(PASSWORD);
    await sheet.locator('input[name=newPassword]').fill(NEW_PASSWORD);
    await sheet.locator('input[name=newPasswordRepeat]').fill(`${NEW_PASSWORD}!`);
    await sheet.getByTestId('password-submit').click();
    await expectText(ann.page, 'error', 'The two new passwords are not the same.');
    await sheet.locator('input[name=currentPassword]').fill('not my password');
    await sheet.locator('input[name=newPasswordRepeat]').fill(NEW_PASSWORD);
    await sheet.getByTestId('password-submit').click();
    await expectText(ann.page, 'error', 'The password is wrong.');
    await sheet.locator('input[name=currentPassword]').fill(PASSWORD);
    await sheet.getByTestId('password-submit').click();
    await expectText(ann.page, 'password-changed', /other devices were logged out/);
    await sheet.getByTestId('password-done').click();
    await expect.poll(() => ann.page.getByRole('dialog').count()).toBe(0);

    // This device stays logged in; the other one is out at its next request.
    await go(ann.page, '/contacts');
    await ann.page.getByTestId('tab-me').waitFor();
    await go(other.page, '/contacts');
    await expectText(other.page, 'notice', 'This device was logged out. Please log in again.');

    await loginWith(other.page, ann.username, PASSWORD);
    await expectText(other.page, 'error', 'Wrong username or password.');
    await loginWith(other.page, ann.username, NEW_PASSWORD);
    await other.page.getByTestId('tab-me').waitFor();
    await other.context.close();
    await ann.close();
  });

  it('exports the account’s data as a JSON file named after the username and the date', async () => {
    const ann = await registeredPerson(browser(), 'Ann');
    await go(ann.page, '/me');
    const [download] = await Promise.all([
      ann.page.waitForEvent('download'),
      ann.page.getByTestId('export-data').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^atrium-export-${ann.username}-\\d{4}-\\d{2}-\\d{2}\\.json$`),
    );
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      account: { username: string; displayName: string };
      devices: unknown[];
      sections: Record<string, unknown>;
    };
    expect(exported.account.username).toBe(ann.username);
    expect(exported.account.displayName).toBe('Ann');
    expect(exported.devices).toHaveLength(1);
    expect(Object.keys(exported.sections)).toContain('contacts');
    await ann.close();
  });

  it('refuses to delete while the wallet holds money, with the reason', async () => {
    const ann = await registeredPerson(browser(), 'Ann');
    await go(ann.page, '/me/wallet/top-up');
    await ann.page.fill('input[name=amount]', '5');
    await ann.page.getByTestId('top-up-submit').click();
    await expectText(ann.page, 'top-up-done', 'Your balance is now €5.00.');
    await go(ann.page, '/me');
    await ann.page.getByTestId('delete-account').click();
    const sheet = ann.page.getByRole('dialog', { name: 'Delete your account?' });
    await sheet.locator('input[name=password]').fill(PASSWORD);
    await sheet.getByTestId('delete-submit').click();
    await expectText(
      ann.page,
      'error',
      'Your wallet still holds money. Withdraw or spend it before deleting the account.',
    );
    // Nothing was deleted: the account still logs in.
    const other = await phone(browser());
    await login(other.page, ann.username);
    await other.context.close();
    await ann.close();
  });

  it('deletes the account: lists what goes and what stays, wipes this device, and the login is refused', async () => {
    const ann = await registeredPerson(browser(), 'Ann');
    await go(ann.page, '/me');
    await ann.page.getByTestId('delete-account').click();
    const sheet = ann.page.getByRole('dialog', { name: 'Delete your account?' });
    await sheet.waitFor();
    await expectText(ann.page, 'delete-kept', /bookkeeping/);
    await sheetSlidUp(ann.page, 'delete-sheet');
    await screenshot(ann.page, '61-sheet-delete-account');
    await sheet.locator('input[name=password]').fill('not my password');
    await sheet.getByTestId('delete-submit').click();
    await expectText(ann.page, 'error', 'The password is wrong.');
    await sheet.locator('input[name=password]').fill(PASSWORD);
    await sheet.getByTestId('delete-submit').click();

    await expectText(ann.page, 'notice', 'Your account was deleted, and this device forgot its data.');
    await ann.page.getByTestId('register-form').or(ann.page.getByTestId('login-form')).waitFor();
    // The session is gone from this browser: a reload shows the welcome screen again.
    await ann.page.reload();
    await ann.page.getByTestId('register-form').or(ann.page.getByTestId('login-form')).waitFor();
    expect(await ann.page.getByTestId('tab-me').count()).toBe(0);

    await loginWith(ann.page, ann.username, PASSWORD);
    await expectText(ann.page, 'error', 'Wrong username or password.');
    await ann.close();
  });
});
