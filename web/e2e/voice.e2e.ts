// Voice notes both ways in Chromium with its fake microphone (a beeping tone): Ann taps to
// start and taps to send (the keyboard and accessibility mode), Bob presses and holds and lets
// go; each side receives a voice note whose length is the recorded ~2 s and whose audio plays.
// A recording cancelled with Cancel, or by sliding off the button, sends nothing.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  befriend,
  launchBrowserWithMicrophone,
  messageContact,
  openChat,
  registeredPerson,
  screenshot,
  type Person,
} from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowserWithMicrophone();
});

afterAll(async () => {
  await browser?.close();
});

async function person(name: string): Promise<Person> {
  const someone = await registeredPerson(browser, name);
  await someone.page.context().grantPermissions(['microphone'], { origin: baseUrl() });
  return someone;
}

const voiceNotes = (page: Page) => page.getByTestId('voice-message');

/** The newest voice note on `page` arrives, says ~2 s, and its audio plays when tapped. */
async function expectPlayableTwoSeconds(page: Page, count: number): Promise<void> {
  await expect.poll(() => voiceNotes(page).count(), { timeout: 20_000 }).toBe(count);
  const note = voiceNotes(page).nth(count - 1);
  const millis = Number(await note.getAttribute('data-duration-millis'));
  expect(millis).toBeGreaterThanOrEqual(1_500);
  expect(millis).toBeLessThanOrEqual(3_500);
  expect(await note.getByTestId('voice-duration').textContent()).toMatch(/^0:0[23]$/);
  await note.getByTestId('voice-play').click();
  await expect
    .poll(() => note.getByTestId('voice-audio').evaluate((audio: HTMLAudioElement) => audio.currentTime), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0.3);
}

describe('voice notes', () => {
  it('are recorded, sent encrypted and played both ways; a cancelled one is not sent', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);
    await messageContact(ann.page, 'Bob');
    await ann.page.getByTestId('composer').fill('Listen to this');
    await ann.page.getByTestId('send').click();
    await expect
      .poll(() => ann.page.locator('[data-testid=message][data-status=sent]').count(), { timeout: 20_000 })
      .toBe(1);
    await openChat(bob.page, 'Ann');

    // Ann: tap to start, tap again to send.
    await ann.page.getByTestId('voice-record').click();
    await ann.page.getByTestId('voice-recording').waitFor();
    await ann.page.waitForTimeout(2_100);
    await ann.page.getByTestId('voice-record').click();
    await expect.poll(() => ann.page.getByTestId('voice-recording').count()).toBe(0);
    await expect.poll(() => voiceNotes(ann.page).count(), { timeout: 20_000 }).toBe(1);
    await expectPlayableTwoSeconds(bob.page, 1);
    await screenshot(bob.page, '60-voice-note-received');

    // Bob: press and hold, let go to send.
    const button = bob.page.getByTestId('voice-record');
    const box = (await button.boundingBox())!;
    await bob.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await bob.page.mouse.down();
    await bob.page.getByTestId('voice-recording').waitFor();
    await screenshot(bob.page, '61-voice-note-recording');
    await bob.page.waitForTimeout(2_100);
    await bob.page.mouse.up();
    await expectPlayableTwoSeconds(ann.page, 2);
    await screenshot(ann.page, '62-voice-note-played');

    // Cancel, and sliding off the button while holding, send nothing.
    await ann.page.getByTestId('voice-record').click();
    await ann.page.getByTestId('voice-recording').waitFor();
    await ann.page.waitForTimeout(1_000);
    await ann.page.getByTestId('voice-cancel').click();
    const annButton = (await ann.page.getByTestId('voice-record').boundingBox())!;
    await ann.page.mouse.move(annButton.x + annButton.width / 2, annButton.y + annButton.height / 2);
    await ann.page.mouse.down();
    await ann.page.getByTestId('voice-recording').waitFor();
    await ann.page.waitForTimeout(1_000);
    await ann.page.mouse.move(annButton.x - 200, annButton.y - 300, { steps: 5 });
    await expect.poll(() => ann.page.getByTestId('voice-recording').count()).toBe(0);
    await ann.page.mouse.up();
    await ann.page.waitForTimeout(2_000);
    expect(await voiceNotes(ann.page).count()).toBe(2);
    expect(await voiceNotes(bob.page).count()).toBe(2);
    await ann.close();
    await bob.close();
  }, 180_000);
});
