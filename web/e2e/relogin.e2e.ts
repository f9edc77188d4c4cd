// Logging out and in again, end to end against the real server: the logged-out device is gone
// (the server deletes it with its keys), so the members take its leaf out of every group by the
// commit that adds the new device, which can then check every leaf of the group it joins.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  befriend,
  createGroup,
  expectText,
  go,
  login,
  openChat,
  registeredPerson,
  screenshot,
  sharedBrowser,
  type Person,
} from './harness';

const browser = sharedBrowser();
const person = (displayName: string): Promise<Person> => registeredPerson(browser(), displayName);

const messageTexts = (page: Page) => page.getByTestId('message').locator('.bubble-text').allTextContents();

async function waitForMessage(page: Page, text: string, timeout = 30_000): Promise<void> {
  await expect
    .poll(async () => (await messageTexts(page)).filter((shown) => shown === text).length, { timeout })
    .toBe(1);
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
  await waitForMessage(page, text);
}

describe('logging out and in again', () => {
  it('a group member logs out and in again, twice: the group opens, and messages go both ways', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const cat = await person('Cat');
    await befriend(ann, bob);
    await befriend(ann, cat);

    await createGroup(ann.page, 'Rope team', [bob, cat]);
    await send(ann.page, 'Before anyone logged out.');
    await openChat(bob.page, 'Rope team');
    await waitForMessage(bob.page, 'Before anyone logged out.');
    await openChat(cat.page, 'Rope team');
    await waitForMessage(cat.page, 'Before anyone logged out.');

    for (let round = 1; round <= 2; round++) {
      await go(cat.page, '/me');
      await cat.page.getByTestId('logout').click();
      await cat.page.getByTestId('register-form').waitFor();
      await login(cat.page, cat.username);
      await openChat(cat.page, 'Rope team');

      // The new device is added to the group (and the old one's leaf taken out) without anyone
      // opening anything; the chat says plainly that earlier messages are not on this device.
      await expectText(
        cat.page,
        'history-notice',
        'Messages from before you signed in on this device are not on this device.',
      );
      expect(await cat.page.getByTestId('chat-join-failed').count()).toBe(0);
      expect(await cat.page.getByTestId('chat-lost').count()).toBe(0);
      expect(await messageTexts(cat.page)).not.toContain('Before anyone logged out.');
      if (round === 1) await screenshot(cat.page, '60-relogin-history-notice');

      await send(bob.page, `Bob after login ${round}.`);
      await waitForMessage(cat.page, `Bob after login ${round}.`);
      await send(cat.page, `Cat is back, round ${round}.`);
      await waitForMessage(ann.page, `Cat is back, round ${round}.`);
      await waitForMessage(bob.page, `Cat is back, round ${round}.`);
      expect(await cat.page.getByTestId('chat-join-failed').count()).toBe(0);
    }
    await ann.close();
    await bob.close();
    await cat.close();
  }, 240_000);
});
