// Discover → Scan with pasted codes (the camera path is in camera.e2e.ts): a new device's login
// link opens its approval, a contact's safety number code opens the verification and verifies
// them, and any other text is "not an Atrium code".
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, befriend, expectText, go, messageContact, registeredPerson, sharedBrowser } from './harness';

const browser = sharedBrowser();

/** The account id the page's client stored with its session. */
function accountIdOf(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((done, fail) => {
        const open = indexedDB.open('atrium');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('local').objectStore('local').get('session');
          read.onerror = () => fail(read.error);
          read.onsuccess = () => done((read.result as { accountId: string }).accountId);
        };
      }),
  );
}

async function scanText(page: Page, text: string): Promise<void> {
  await go(page, '/discover/scan');
  await page.fill('textarea[name=payload]', text);
  await page.getByTestId('scan-read').click();
}

describe('Discover → Scan', () => {
  it('says clearly when a code is not an Atrium code, and opens a new device’s approval', async () => {
    const ann = await registeredPerson(browser(), 'Ann');
    await scanText(ann.page, 'WIFI:S:home;T:WPA;P:secret;;');
    await expectText(ann.page, 'error', 'This is not an Atrium code.');

    const response = await fetch(`${baseUrl()}/api/v1/device-links`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ deviceName: 'Kitchen tablet' }),
    });
    expect(response.status).toBe(201);
    const link = (await response.json()) as { url: string; code: string };
    await scanText(ann.page, link.url);
    await expectText(ann.page, 'link-device-name', 'Kitchen tablet');
    expect(await ann.page.evaluate(() => location.hash)).toBe(`#/link/${link.code}`);
    await ann.close();
  });

  it('a contact’s safety number code opens their verification and verifies them', async () => {
    const ann = await registeredPerson(browser(), 'Ann');
    const bob = await registeredPerson(browser(), 'Bob');
    await befriend(ann, bob);
    // Bob's phone shows the code; its text is the two ids and the number both phones compute.
    await messageContact(bob.page, 'Ann');
    await bob.page.getByTestId('safety-number-link').click();
    await bob.page.getByTestId('safety-qr').waitFor();
    const digits = ((await bob.page.getByTestId('safety-number').getAttribute('aria-label')) ?? '').replace(/ /g, '');
    const ids = await Promise.all([ann.page, bob.page].map(accountIdOf));
    const [low, high] = [...ids].sort();
    await scanText(ann.page, `ATRIUM-SN1:${low}:${high}:${digits}`);
    await expect
      .poll(() => ann.page.getByTestId('safety-result').getAttribute('data-result'), { timeout: 20_000 })
      .toBe('match');
    expect(await ann.page.evaluate(() => location.hash)).toContain(`#/contacts/safety/${ids[1]}/`);
    await expect.poll(() => ann.page.getByTestId('safety-status').getAttribute('data-status')).toBe('verified');
    await ann.close();
    await bob.close();
  });
});
