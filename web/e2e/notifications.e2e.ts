// Notifications against the real server: the Contacts tab counts a waiting contact request,
// the Chats tab and the page title count unread messages, a message to a person whose app is
// in the background shows a system notification through the service worker (Chromium here has
// no push service, so the setting says push is unavailable and local notifications still work),
// and a muted chat shows a dot instead of a count and notifies nothing.
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiFromPage,
  baseUrl,
  expectText,
  go,
  messageContact,
  phone,
  register,
  screenshot,
  sharedBrowser,
  uniqueUsername,
} from './harness';

const browser = sharedBrowser();

interface Someone {
  context: BrowserContext;
  page: Page;
  name: string;
}

async function someone(name: string): Promise<Someone> {
  const { context, page } = await phone(browser());
  await context.grantPermissions(['notifications'], { origin: baseUrl() });
  await register(page, uniqueUsername(name.toLowerCase()), name);
  return { context, page, name };
}

interface Shown {
  title: string;
  body: string;
  tag: string;
  url: string;
}

/** The notifications the page's service worker shows now. */
function notifications(page: Page): Promise<Shown[]> {
  return page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((shown) => ({
      title: shown.title,
      body: shown.body,
      tag: shown.tag,
      url: (shown.data as { url: string }).url,
    })),
  );
}

function closeNotifications(page: Page): Promise<void> {
  return page.evaluate(async () => {
    for (const shown of await (await navigator.serviceWorker.ready).getNotifications()) shown.close();
  });
}

/**
 * Puts `page` in the background. Headless Chromium keeps every tab 'visible' whatever is in
 * front (bringing another tab to the front, minimising the window and turning off focus
 * emulation change nothing; tried), so the document reports 'hidden' with a visibilitychange
 * event, as a browser does when its tab goes to the background.
 */
async function toBackground(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
}

async function toFront(page: Page): Promise<void> {
  await page.evaluate(() => {
    delete (document as { visibilityState?: unknown }).visibilityState;
    delete (document as { hidden?: unknown }).hidden;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  expect(await page.evaluate(() => [document.visibilityState, document.hasFocus()])).toEqual(['visible', true]);
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
  await page.getByTestId('message').filter({ hasText: text }).waitFor();
}

const badge = (page: Page, tab: string) => page.getByTestId(`badge-${tab}`);

describe('notifications', () => {
  it('badges count what waits; a background app notifies, a muted chat does not', async () => {
    const alice = await someone('Alice');
    const bob = await someone('Bob');

    // Bob asks Alice to be contacts: her Contacts tab and title count the request.
    await go(alice.page, '/me/code');
    const link = (await alice.page.getByTestId('contact-link').textContent()) ?? '';
    await bob.page.goto(link);
    await bob.page.getByRole('button', { name: 'Send contact request' }).click();
    await expectText(bob.page, 'link-result', 'Request sent.');
    await go(alice.page, '/chats');
    await expect
      .poll(
        () =>
          badge(alice.page, 'contacts')
            .getAttribute('data-count')
            .catch(() => null),
        { timeout: 10_000 },
      )
      .toBe('1');
    expect(await alice.page.getByRole('link', { name: /^Contacts\s*,\s*1 contact requests waiting$/ }).count()).toBe(1);
    expect(await alice.page.title()).toBe('(1) Atrium');
    await go(alice.page, '/contacts/requests');
    await alice.page.getByTestId('accept').first().click();
    await expect.poll(() => badge(alice.page, 'contacts').count(), { timeout: 10_000 }).toBe(0);
    expect(await alice.page.title()).toBe('Atrium');

    // Bob turns notifications on: there is no push service in this Chromium, which it says calmly.
    await go(bob.page, '/me');
    await bob.page.getByTestId('me-notifications').click();
    await bob.page.getByTestId('notifications-toggle').check();
    await bob.page.getByTestId('push-unavailable').waitFor({ timeout: 20_000 });
    expect(await bob.page.getByTestId('notifications-toggle').isChecked()).toBe(true);
    await expect.poll(() => bob.page.getByRole('alert').count()).toBe(0);
    await screenshot(bob.page, 'notifications-setting');
    await bob.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    // Alice writes; Bob's device joins the chat while his app is in front.
    await messageContact(alice.page, 'Bob');
    const conversationId = new URL(alice.page.url()).hash.replace('#/chat/', '');
    await send(alice.page, 'Hello Bob!');
    await go(bob.page, '/chats');
    await expect
      .poll(
        () =>
          badge(bob.page, 'chats')
            .getAttribute('data-count')
            .catch(() => null),
        { timeout: 20_000 },
      )
      .toBe('1');
    expect(await bob.page.getByRole('link', { name: /^Chats\s*,\s*1 unread$/ }).count()).toBe(1);
    expect(await bob.page.title()).toBe('(1) Atrium');
    expect(await notifications(bob.page)).toEqual([]); // in front: the app shows it itself

    // In the background, Alice's next message is a system notification that opens the chat.
    await toBackground(bob.page);
    await send(alice.page, 'Are you free tonight? '.repeat(8));
    await expect.poll(() => notifications(bob.page), { timeout: 20_000 }).toHaveLength(1);
    const [shown] = await notifications(bob.page);
    expect(shown).toEqual({
      title: 'Alice',
      body: `${'Are you free tonight? '.repeat(8).trim().slice(0, 99)}…`,
      tag: conversationId,
      url: `/#/chat/${conversationId}`,
    });
    expect(await bob.page.title()).toBe('(2) Atrium');
    await closeNotifications(bob.page);
    await toFront(bob.page);

    // Bob mutes the chat: a crossed bell in the list, and its unread messages only a dot.
    await bob.page.getByTestId('chat-row').filter({ hasText: 'Alice' }).click();
    await bob.page.getByTestId('mute').click();
    await bob.page.getByTestId('mute-always').click();
    await bob.page.getByTestId('unmute').waitFor();
    await go(bob.page, '/chats');
    await bob.page.getByTestId('muted-icon').waitFor();
    expect(await badge(bob.page, 'chats').count()).toBe(0);
    await toBackground(bob.page);
    await send(alice.page, 'Still there?');
    await bob.page
      .getByTestId('chat-row')
      .filter({ hasText: 'Alice' })
      .getByTestId('unread-dot')
      .waitFor({ timeout: 20_000 });
    await expect
      .poll(() =>
        badge(bob.page, 'chats')
          .getAttribute('data-count')
          .catch(() => null),
      )
      .toBe('0');
    expect(await bob.page.getByRole('link', { name: /^Chats\s*,\s*Unread messages in muted chats$/ }).count()).toBe(1);
    expect(await bob.page.title()).toBe('Atrium');
    // Give a notification time to appear, if one were (wrongly) coming.
    await bob.page.waitForTimeout(1500);
    expect(await notifications(bob.page)).toEqual([]);
    await toFront(bob.page);
    await screenshot(bob.page, 'notifications-muted-chat');

    // The mute is the account's: the server lists it.
    const muted = await apiFromPage<{ conversationId: string }[]>(bob.page, 'GET', '/api/v1/muted-conversations');
    expect(muted.map((mute) => mute.conversationId)).toEqual([conversationId]);
    await alice.context.close();
    await bob.context.close();
  }, 180_000);
});
