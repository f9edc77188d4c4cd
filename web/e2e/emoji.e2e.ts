// The composer's emoji picker end to end: open it at phone size, search by name, pick an emoji
// into the text at the caret, send it, and the other side sees it; the emoji then shows under
// "Recently used" on this device.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { befriend, messageContact, openChat, registeredPerson, screenshot, sharedBrowser } from './harness';

const browser = sharedBrowser();

const messageTexts = (page: Page) => page.getByTestId('message').locator('.bubble-text').allTextContents();

describe('emoji picker', { timeout: 180_000 }, () => {
  it('picks an emoji at the caret, sends it, and the other side sees it', async () => {
    const ann = await registeredPerson(browser(), 'Ann');
    const bob = await registeredPerson(browser(), 'Bob');
    await befriend(ann, bob);
    await messageContact(ann.page, 'Bob');

    const composer = ann.page.getByTestId('composer');
    await composer.fill('Pizza tonight?');
    // The caret after "Pizza": the emoji goes there, not at the end.
    await composer.evaluate((area: HTMLTextAreaElement) => area.setSelectionRange(5, 5));
    await ann.page.getByTestId('emoji-button').click();
    const picker = ann.page.getByTestId('emoji-picker');
    await picker.waitFor();
    await expect.poll(() => picker.getByTestId('emoji-option').count(), { timeout: 15_000 }).toBeGreaterThan(1000);
    await screenshot(ann.page, '90-emoji-picker');
    await picker.getByTestId('emoji-search').fill('pizza');
    await picker.getByTestId('emoji-option').first().waitFor();
    await screenshot(ann.page, '91-emoji-search');
    await picker.locator('[data-testid="emoji-option"][data-name="pizza"]').click();
    await picker.getByTestId('sheet-close').click();
    expect(await composer.inputValue()).toBe('Pizza🍕 tonight?');
    await ann.page.getByTestId('send').click();

    await openChat(bob.page, 'Ann');
    await expect.poll(() => messageTexts(bob.page), { timeout: 20_000 }).toContain('Pizza🍕 tonight?');

    // Recently used, on Ann's device.
    await ann.page.getByTestId('emoji-button').click();
    await expect
      .poll(() => ann.page.getByTestId('emoji-recent').getByTestId('emoji-option').allTextContents(), {
        timeout: 10_000,
      })
      .toEqual(['🍕']);
  });
});
