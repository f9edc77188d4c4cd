// End-to-end encrypted chats between people in browser profiles of their own, against the real
// server: direct chats, groups with members added and removed, offline catch-up, and a check
// that what people write never reaches the server's disk or log in readable form.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiFromPage,
  befriend,
  createGroup,
  expectText,
  go,
  launchBrowser,
  login,
  messageContact,
  openChat,
  phone,
  register,
  screenshot,
  uniqueUsername,
} from './harness';
import { expectNewestMessageVisible } from './screen-checks';

let browser: Browser;
/** Written by Ann, read by Bob; must never appear in the server's files or log. */
const SECRET_SENTENCE = `The violet heron sleeps under bridge number ${Date.now().toString(36)}`;
/** A 2×2 PNG, sent as an image; its bytes must not be stored in readable form either. */
const PICTURE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Person {
  page: Page;
  name: string;
  username: string;
  close: () => Promise<void>;
}

async function person(displayName: string, locale = 'en-US'): Promise<Person> {
  const { context, page } = await phone(browser, locale);
  const username = uniqueUsername(displayName.toLowerCase());
  await register(page, username, displayName);
  return { page, name: displayName, username, close: () => context.close() };
}

const messageTexts = (page: Page) => page.getByTestId('message').locator('.bubble-text').allTextContents();

async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
  await expect
    .poll(async () => (await messageTexts(page)).filter((shown) => shown === text).length, { timeout: 10_000 })
    .toBe(1);
}

/** Opens the chat named `name` from the chat list. */

async function waitForMessage(page: Page, text: string, timeout = 15_000): Promise<void> {
  await expect
    .poll(async () => (await messageTexts(page)).filter((shown) => shown === text).length, { timeout })
    .toBe(1);
}

describe('end-to-end encrypted chats', () => {
  it('two people become contacts through the my-code link and chat both ways', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);

    await messageContact(ann.page, 'Bob');
    await send(ann.page, 'Hello Bob, this is Ann.');
    await send(ann.page, SECRET_SENTENCE);

    // Bob's list shows the chat with two unread messages once his device has joined the group.
    await go(bob.page, '/chats');
    await expect
      .poll(
        async () => {
          await go(bob.page, '/contacts');
          await go(bob.page, '/chats');
          return bob.page
            .getByTestId('chat-row')
            .filter({ hasText: 'Ann' })
            .getByTestId('unread')
            .textContent({ timeout: 2000 })
            .catch(() => '');
        },
        { timeout: 20_000 },
      )
      .toBe('2');
    await screenshot(bob.page, '20-chats-unread');
    await openChat(bob.page, 'Ann');
    await waitForMessage(bob.page, 'Hello Bob, this is Ann.');
    await waitForMessage(bob.page, SECRET_SENTENCE);
    await expect.poll(() => bob.page.getByTestId('day-separator').count()).toBe(1);

    // Typing shows on the other side; the answer arrives.
    await bob.page.getByTestId('composer').pressSequentially('Hi Ann', { delay: 30 });
    await expectText(ann.page, 'typing', 'Bob is typing');
    await bob.page.getByTestId('send').click();
    await waitForMessage(ann.page, 'Hi Ann');
    await expect.poll(() => ann.page.getByTestId('read-mark').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // Ann reacts to Bob's message and replies to it; Bob sees both on his side.
    const bobsMessage = ann.page.getByTestId('message').filter({ hasText: 'Hi Ann' });
    await bobsMessage.getByTestId('message-actions').click();
    await ann.page.locator('[data-testid=react][data-emoji="👍"]').click();
    await expectText(bob.page, 'reactions', '👍');
    await bobsMessage.getByTestId('message-actions').click();
    await ann.page.getByTestId('reply').click();
    await ann.page.getByTestId('reply-banner').waitFor();
    await send(ann.page, 'Glad you answered');
    await waitForMessage(bob.page, 'Glad you answered');
    await expectText(bob.page, 'reply-quote', 'Hi Ann');
    await screenshot(ann.page, '21-conversation');
    expect((await messageTexts(ann.page)).slice(0, 3)).toEqual(['Hello Bob, this is Ann.', SECRET_SENTENCE, 'Hi Ann']);

    // A picture: encrypted in Ann's browser, uploaded as ciphertext, shown decrypted to Bob.
    await ann.page
      .getByTestId('attach-input')
      .setInputFiles({ name: 'dots.png', mimeType: 'image/png', buffer: PICTURE });
    await expect.poll(() => bob.page.getByTestId('message-image').count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => bob.page.getByTestId('message-image').evaluate((image) => (image as HTMLImageElement).naturalWidth), {
        timeout: 10_000,
      })
      .toBe(2);
    await screenshot(bob.page, '23-picture');

    // How long MLS took in Chromium (User Timing measures the engine records).
    const timing = async (page: Page, name: string) =>
      page.evaluate((measure) => {
        const durations = performance.getEntriesByName(measure).map((entry) => entry.duration);
        return {
          count: durations.length,
          meanMillis: durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length),
        };
      }, name);
    for (let i = 1; i <= 20; i++) await send(ann.page, `Timing sample ${i}`);
    await waitForMessage(bob.page, 'Timing sample 20');
    const encrypt = await timing(ann.page, 'atrium-mls-encrypt');
    const decrypt = await timing(bob.page, 'atrium-mls-decrypt');
    console.log(
      `mls-browser encrypt mean ${encrypt.meanMillis.toFixed(2)} ms over ${encrypt.count}, ` +
        `decrypt mean ${decrypt.meanMillis.toFixed(2)} ms over ${decrypt.count} (Chromium, headless)`,
    );
    expect(encrypt.count).toBeGreaterThan(0);

    // Read on screen: no unread left in Bob's list.
    await go(bob.page, '/chats');
    await bob.page.getByTestId('chat-row').first().waitFor();
    expect(await bob.page.getByTestId('unread').count()).toBe(0);
    await ann.close();
    await bob.close();
  });

  it('a group: a third person joins, and a removed member cannot read what follows', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const cat = await person('Cat');
    await befriend(ann, bob);
    await befriend(ann, cat);

    await createGroup(ann.page, 'Climbing club', [bob]);
    await send(ann.page, 'Welcome to the club, Bob.');
    await openChat(bob.page, 'Climbing club');
    await waitForMessage(bob.page, 'Welcome to the club, Bob.');

    // Ann adds Cat; Cat sees what is sent from then on, and everyone sees Cat's message.
    await ann.page.getByTestId('group-members').click();
    await ann.page.locator(`[data-testid=member-add][data-username=${cat.username}]`).click();
    await expect.poll(() => ann.page.getByTestId('member').count(), { timeout: 15_000 }).toBe(3);
    await openChat(cat.page, 'Climbing club');
    await send(cat.page, 'Thanks for adding me!');
    await waitForMessage(bob.page, 'Thanks for adding me!');
    await go(ann.page, '/chats');
    await openChat(ann.page, 'Climbing club');
    await waitForMessage(ann.page, 'Thanks for adding me!');

    // Ann removes Bob. Bob is told; what Ann writes next reaches Cat but never Bob.
    await ann.page.getByTestId('group-members').click();
    await ann.page.getByTestId('member').filter({ hasText: 'Bob' }).getByTestId('member-remove').click();
    await expect.poll(() => ann.page.getByTestId('member').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => bob.page.getByTestId('chat-removed').count(), { timeout: 15_000 }).toBe(1);
    await openChat(ann.page, 'Climbing club');
    await send(ann.page, 'Only Ann and Cat read this.');
    await waitForMessage(cat.page, 'Only Ann and Cat read this.');
    await screenshot(cat.page, '22-group');
    await bob.page.waitForTimeout(1500);
    expect(await messageTexts(bob.page)).not.toContain('Only Ann and Cat read this.');
    // The server does not even hand Bob the ciphertext any more.
    const conversationId = bob.page.url().split('/chat/')[1]!;
    const refused = await apiFromPage<{ error?: { code: string } }>(
      bob.page,
      'GET',
      `/api/v1/conversations/${conversationId}/envelopes`,
    );
    expect(refused.error?.code).toBeDefined();
    await ann.close();
    await bob.close();
    await cat.close();
  });

  it('an offline browser gets every message exactly once when it comes back', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);
    await messageContact(ann.page, 'Bob');
    await send(ann.page, 'Before the tunnel');
    await openChat(bob.page, 'Ann');
    await waitForMessage(bob.page, 'Before the tunnel');

    await bob.page.context().setOffline(true);
    await bob.page.evaluate(() => dispatchEvent(new Event('offline')));
    for (const text of ['In the tunnel 1', 'In the tunnel 2', 'In the tunnel 3']) await send(ann.page, text);
    await expect
      .poll(() => ann.page.locator('[data-testid=message][data-status=pending]').count(), { timeout: 10_000 })
      .toBe(0);
    // Bob writes while offline: shown as sending, delivered after reconnecting.
    await bob.page.getByTestId('composer').fill('Written underground');
    await bob.page.getByTestId('send').click();
    await expect.poll(() => bob.page.locator('[data-testid=message][data-status=pending]').count()).toBe(1);

    await bob.page.context().setOffline(false);
    await bob.page.evaluate(() => dispatchEvent(new Event('online')));
    for (const text of ['In the tunnel 1', 'In the tunnel 2', 'In the tunnel 3'])
      await waitForMessage(bob.page, text, 40_000);
    await waitForMessage(ann.page, 'Written underground', 40_000);
    // A reload replays nothing twice.
    await bob.page.reload();
    await bob.page.getByTestId('composer').waitFor();
    await expect
      .poll(() => messageTexts(bob.page), { timeout: 15_000 })
      .toEqual(['Before the tunnel', 'In the tunnel 1', 'In the tunnel 2', 'In the tunnel 3', 'Written underground']);

    // Logging out takes the device's keys and history out of the browser.
    const chatDatabases = () =>
      bob.page.evaluate(async () =>
        (await indexedDB.databases()).map((info) => info.name ?? '').filter((name) => name.startsWith('atrium-chat-')),
      );
    expect(await chatDatabases()).toHaveLength(1);
    await go(bob.page, '/me');
    await bob.page.getByTestId('logout').click();
    await bob.page.getByTestId('register-form').waitFor();
    await expect.poll(chatDatabases, { timeout: 10_000 }).toEqual([]);
    await ann.close();
    await bob.close();
  });

  it('a second device of a user gets the chat and reads new messages once someone opens it', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);
    await messageContact(ann.page, 'Bob');
    await send(ann.page, 'Only the laptop sees this');
    await openChat(bob.page, 'Ann');
    await waitForMessage(bob.page, 'Only the laptop sees this');

    // Bob logs in on a second browser: a new device with its own MLS keys.
    const { context, page: bobPhone } = await phone(browser);
    await login(bobPhone, bob.username);
    await go(bobPhone, '/me/devices');
    await expect.poll(() => bobPhone.getByTestId('device').count(), { timeout: 10_000 }).toBe(2);
    // Ann opens the chat again: her device adds Bob's new device to the group (once the new
    // device has registered its keys, which it does right after logging in).
    await expect
      .poll(
        async () => {
          await openChat(ann.page, 'Bob');
          await openChat(bobPhone, 'Ann');
          await bobPhone.waitForTimeout(1000);
          return bobPhone.getByTestId('chat-waiting').count();
        },
        { timeout: 30_000 },
      )
      .toBe(0);
    await send(ann.page, 'Both of your devices see this');
    await waitForMessage(bobPhone, 'Both of your devices see this', 20_000);
    await waitForMessage(bob.page, 'Both of your devices see this');
    expect(await messageTexts(bobPhone)).not.toContain('Only the laptop sees this');
    await context.close();
    await ann.close();
    await bob.close();
  });

  it('opens a chat with 1,000 messages quickly (figure for docs/benchmarks.md)', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);
    await messageContact(ann.page, 'Bob');
    await send(ann.page, 'The first of many');
    await openChat(bob.page, 'Ann');
    await waitForMessage(bob.page, 'The first of many');

    // 999 more messages in Bob's local history (as if they had arrived and been decrypted), then
    // a reload so nothing is cached in memory: opening the chat reads and renders all of them.
    const conversationId = bob.page.url().split('/chat/')[1]!;
    await bob.page.evaluate(async (id) => {
      const names = (await indexedDB.databases()).map((info) => info.name ?? '');
      const name = names.find((candidate) => candidate.startsWith('atrium-chat-'))!;
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      const store = db.transaction('kv', 'readwrite').objectStore('kv');
      const existing = await new Promise<Record<string, unknown>[]>((done) => {
        const read = store.get(`msgs:${id}`);
        read.onsuccess = () => done(read.result as Record<string, unknown>[]);
      });
      const first = existing[0]!;
      const more = Array.from({ length: 999 }, (_, i) => ({
        ...first,
        key: `${String(first.senderDeviceId)}:bulk${i}`,
        seq: 1000 + i,
        text: `Message number ${i + 2} of a long conversation`,
        sentAt: Number(first.sentAt) + i,
      }));
      await new Promise<void>((done) => {
        const tx = db.transaction('kv', 'readwrite');
        tx.objectStore('kv').put([...existing, ...more], `msgs:${id}`);
        tx.oncomplete = () => done();
      });
      db.close();
    }, conversationId);
    await go(bob.page, '/chats');
    await bob.page.reload();
    await bob.page.getByTestId('chat-row').first().waitFor();
    const started = Date.now();
    await bob.page.getByTestId('chat-row').first().click();
    await expect.poll(() => bob.page.getByTestId('message').count(), { timeout: 30_000, interval: 20 }).toBe(1000);
    const openMillis = Date.now() - started;
    console.log(`chat-open 1000 messages rendered in ${openMillis} ms (click to last bubble, Chromium headless)`);
    expect(openMillis).toBeLessThan(10_000);
    await ann.close();
    await bob.close();
  });

  it("opens a long chat at the newest message, counts new ones while scrolled up, and follows one's own", async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);
    await messageContact(ann.page, 'Bob');
    await send(ann.page, 'The last of sixty');
    await openChat(bob.page, 'Ann');
    await waitForMessage(bob.page, 'The last of sixty');

    // 59 earlier messages in Bob's local history, then a reload: the chat opens with 60.
    const conversationId = bob.page.url().split('/chat/')[1]!;
    await bob.page.evaluate(async (id) => {
      const names = (await indexedDB.databases()).map((info) => info.name ?? '');
      const name = names.find((candidate) => candidate.startsWith('atrium-chat-'))!;
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      const existing = await new Promise<Record<string, unknown>[]>((done) => {
        const read = db.transaction('kv').objectStore('kv').get(`msgs:${id}`);
        read.onsuccess = () => done(read.result as Record<string, unknown>[]);
      });
      const first = existing[0]!;
      // Sequence numbers between the one before the first message and the first keep the order.
      const earlier = Array.from({ length: 59 }, (_, i) => ({
        ...first,
        key: `${String(first.senderDeviceId)}:early${i}`,
        seq: Number(first.seq) - 1 + (i + 1) / 100,
        text: `Earlier message ${i + 1}`,
        sentAt: Number(first.sentAt) - (59 - i) * 1000,
      }));
      await new Promise<void>((done) => {
        const tx = db.transaction('kv', 'readwrite');
        tx.objectStore('kv').put([...earlier, ...existing], `msgs:${id}`);
        tx.oncomplete = () => done();
      });
      db.close();
    }, conversationId);
    await go(bob.page, '/chats');
    await bob.page.reload();
    await openChat(bob.page, 'Ann');
    await expect.poll(() => bob.page.getByTestId('message').count(), { timeout: 15_000 }).toBe(60);
    await expectNewestMessageVisible(bob.page, 'en', 'a chat of 60 messages');
    expect(await bob.page.getByTestId('tab-chats').isVisible()).toBe(false);
    await screenshot(bob.page, '27-long-chat');

    // Scrolled up, a new message does not move the view: a button counts it and goes to it.
    const scrollToTop = () =>
      bob.page.locator('.messages-scroll').evaluate((element) => {
        element.scrollTop = 0;
      });
    const newestShown = () =>
      bob.page.evaluate(() => {
        const messages = document.querySelectorAll('[data-testid=message]');
        const newest = messages[messages.length - 1]!.getBoundingClientRect();
        const list = document.querySelector('.messages-scroll')!.getBoundingClientRect();
        return newest.top >= list.top && newest.bottom <= list.bottom;
      });
    await scrollToTop();
    await expect.poll(newestShown).toBe(false);
    await send(ann.page, 'Are you still there?');
    await waitForMessage(bob.page, 'Are you still there?');
    await expectText(bob.page, 'jump-newest', '↓ 1 new');
    expect(await newestShown()).toBe(false);
    await screenshot(bob.page, '28-new-below');
    await bob.page.getByTestId('jump-newest').click();
    await expectNewestMessageVisible(bob.page, 'en', 'after tapping the new-messages button');
    await expect.poll(() => bob.page.getByTestId('jump-newest').count()).toBe(0);

    // At the bottom, new messages are followed; one's own message always shows, even scrolled up.
    await send(ann.page, 'Good, the bottom follows');
    await waitForMessage(bob.page, 'Good, the bottom follows');
    await expectNewestMessageVisible(bob.page, 'en', 'after receiving at the bottom');
    await scrollToTop();
    await send(bob.page, 'Yes, here I am');
    await expectNewestMessageVisible(bob.page, 'en', 'after sending while scrolled up');

    // Unread messages get a marker above the first of them when the chat opens.
    await go(bob.page, '/chats');
    await send(ann.page, 'One more thing');
    await expect
      .poll(
        async () =>
          bob.page
            .getByTestId('chat-row')
            .filter({ hasText: 'Ann' })
            .getByTestId('unread')
            .textContent({ timeout: 2000 })
            .catch(() => ''),
        { timeout: 20_000 },
      )
      .toBe('1');
    await openChat(bob.page, 'Ann');
    await waitForMessage(bob.page, 'One more thing');
    await expect.poll(() => bob.page.getByTestId('unread-marker').isVisible()).toBe(true);
    await expectNewestMessageVisible(bob.page, 'en', 'opening with an unread message');
    await ann.close();
    await bob.close();
  });

  it('shows the chat screens in German, French and Chinese (screenshots)', async () => {
    for (const locale of ['de-DE', 'fr-FR', 'zh-CN']) {
      const ann = await person('Ann', locale);
      const bob = await person('Bob');
      await befriend(ann, bob);
      await messageContact(ann.page, 'Bob');
      await send(ann.page, 'Hallo · Bonjour · 你好');
      await openChat(bob.page, 'Ann');
      await send(bob.page, 'Hello!');
      await waitForMessage(ann.page, 'Hello!');
      const language = locale.slice(0, 2);
      await screenshot(ann.page, `24-conversation-${language}`);
      await go(ann.page, '/chats');
      await ann.page.getByTestId('chat-row').first().waitFor();
      await screenshot(ann.page, `25-chats-${language}`);
      await go(ann.page, '/chats/new-group');
      await ann.page.getByTestId('group-create').waitFor();
      await screenshot(ann.page, `26-new-group-${language}`);
      // No message key shows instead of its text.
      const text = await ann.page.locator('body').innerText();
      expect(text, locale).not.toMatch(/\b(chat|chats|group|contacts)\.[a-z]+/);
      await ann.close();
      await bob.close();
    }
  });

  it('never stores or logs what people write or send in readable form', () => {
    const sentence = Buffer.from(SECRET_SENTENCE, 'utf8');
    const files = [...walk(inject('dataDir')), resolve(import.meta.dirname, '../target/e2e/server.log')];
    expect(files.some((file) => file.includes('blobs'))).toBe(true);
    for (const file of files) {
      const content = readFileSync(file);
      expect(content.includes(sentence), file).toBe(false);
      expect(content.includes(PICTURE), file).toBe(false);
    }
  });
});

function* walk(directory: string): Generator<string> {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
