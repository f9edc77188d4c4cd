// Helpers for the end-to-end tests: Debian's Chromium through playwright-core (never a
// downloaded browser), phone-size contexts, and the steps most tests share.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

export const PHONE = { width: 390, height: 844 };
const SCREENSHOT_DIR = resolve(import.meta.dirname, '../target/screenshots');
export const PASSWORD = 'correct horse battery';

export function baseUrl(): string {
  return inject('baseUrl');
}

const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Debian's Chromium, headless; each launch gets a fresh temporary profile from playwright. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.ATRIUM_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: BROWSER_ARGS,
  });
}

/**
 * Like launchBrowser, but every page's camera is `videoFile` (a .y4m or .mjpeg, looped; see
 * fake-camera.ts) and camera permission is granted without a prompt. The file is fixed for the
 * browser's life, so each picture needs its own launch.
 */
export function launchBrowserWithCamera(videoFile: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.ATRIUM_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      ...BROWSER_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${videoFile}`,
    ],
  });
}

/**
 * Like launchBrowser, but every page's microphone is Chromium's fake one (a beeping tone) and
 * the permission prompt is answered yes; only the voice-note tests use it, so no other test's
 * browser has a microphone.
 */
export function launchBrowserWithMicrophone(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.ATRIUM_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [...BROWSER_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
}

let profiles = 0;

/** A separate browser profile (its own IndexedDB and service worker) at phone size. */
export async function phone(browser: Browser, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, locale, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  // ATRIUM_E2E_CONSOLE=1 prints every profile's warnings and errors, numbered by profile.
  if (process.env.ATRIUM_E2E_CONSOLE === '1') {
    const profile = ++profiles;
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') {
        console.log(`[profile ${profile} ${new Date().toISOString().slice(11, 23)}] ${message.text().slice(0, 400)}`);
      }
    });
  }
  return { context, page };
}

let counter = 0;
/** A username no other test run uses (3-32 characters of a-z, 0-9). */
export function uniqueUsername(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`.slice(0, 32);
}

export async function register(page: Page, username: string, displayName: string): Promise<void> {
  await page.goto(baseUrl());
  await page.getByTestId('register-form').waitFor();
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.fill('input[name=displayName]', displayName);
  await page.getByTestId('auth-submit').click();
  await page.getByTestId('tab-me').waitFor();
}

export async function login(page: Page, username: string): Promise<void> {
  await page.goto(baseUrl());
  await page.getByTestId('auth-switch').click();
  await page.getByTestId('login-form').waitFor();
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.getByTestId('auth-submit').click();
  await page.getByTestId('tab-me').waitFor();
}

export async function go(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#${route}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

export async function expectText(page: Page, testId: string, text: string | RegExp): Promise<void> {
  await expect
    .poll(async () => (await page.getByTestId(testId).first().textContent()) ?? '', { timeout: 10_000 })
    .toMatch(text);
}

/** Calls the API from the page with the device token the client stored in IndexedDB. */
export function apiFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const open = indexedDB.open('atrium');
      const db = await new Promise<IDBDatabase>((done, fail) => {
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      const read = db.transaction('local').objectStore('local').get('session');
      const session = await new Promise<{ token: string }>((done, fail) => {
        read.onsuccess = () => done(read.result as { token: string });
        read.onerror = () => fail(read.error);
      });
      const response = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await response.json()) as T;
    },
    { method, path, body },
  );
}

/** `asker` opens `owner`'s my-code link and asks; `owner` accepts. */
export async function befriend(owner: { page: Page }, asker: { page: Page }): Promise<void> {
  await go(owner.page, '/me/code');
  await owner.page.getByTestId('contact-link').waitFor();
  const link = (await owner.page.getByTestId('contact-link').textContent()) ?? '';
  await asker.page.goto(link);
  await asker.page.getByTestId('contact-link-form').waitFor();
  await asker.page.getByRole('button', { name: 'Send contact request' }).click();
  await expectText(asker.page, 'link-result', 'Request sent.');
  await go(owner.page, '/contacts/requests');
  await owner.page.getByTestId('accept').first().click();
  await expect.poll(() => owner.page.getByTestId('request-incoming').count(), { timeout: 10_000 }).toBe(0);
}

/** Opens the direct chat with the contact named `name` from the contacts list (through their page). */
export async function messageContact(page: Page, name: string): Promise<void> {
  await go(page, '/chats');
  await go(page, '/contacts');
  await page.getByTestId('contact').filter({ hasText: name }).click();
  await page.getByTestId('contact-message').click();
  await page.getByTestId('composer').waitFor();
}

/** One Chromium for all the tests of a file: launched before them, closed after them. */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the shared browser is used before beforeAll launched it');
    return browser;
  };
}

export interface Person {
  page: Page;
  name: string;
  username: string;
  close: () => Promise<void>;
}

/** Someone newly registered, in a phone-size profile of their own. */
export async function registeredPerson(browser: Browser, displayName: string): Promise<Person> {
  const { context, page } = await phone(browser);
  const username = uniqueUsername(displayName.toLowerCase());
  await register(page, username, displayName);
  return { page, name: displayName, username, close: () => context.close() };
}

/**
 * Opens the chat whose row shows `name`, going back and forth to reload the list until the row
 * is there (right after a page load the app may still be restoring the session).
 */
export async function openChat(page: Page, name: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await go(page, '/contacts');
        await go(page, '/chats');
        // Count only once the list has loaded; counting while it loads would always see none.
        await page.locator('[data-testid=chats-list], [data-testid=chats-empty]').first().waitFor({ timeout: 10_000 });
        return page.getByTestId('chat-row').filter({ hasText: name }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  await page.getByTestId('chat-row').filter({ hasText: name }).click();
  await page.getByTestId('composer').waitFor();
}

/** Creates a group from the new-group screen with these members, and waits in its open chat. */
export async function createGroup(page: Page, name: string, members: readonly { username: string }[]): Promise<void> {
  await go(page, '/chats/new-group');
  await page.getByTestId('group-name').fill(name);
  for (const member of members) {
    await page.locator(`[data-testid=group-member-choice][data-username=${member.username}]`).check();
  }
  await page.getByTestId('group-create').click();
  await page.getByTestId('composer').waitFor();
}
