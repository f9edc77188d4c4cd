// Every main screen in each language at phone size (390 × 844): a screenshot under
// web/target/screenshots/<lang>/, no message key or English fallback in de/fr/zh, no sideways
// overflow, no text laid out letter by letter, no overlapping controls, the newest message
// visible above a composer at the bottom in a chat, and no serious or critical axe-core
// violation. Then a keyboard-only walk: register and reach every tab with Tab/Enter/Space only,
// focus always visible, Escape closes menus.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../src/app/api/types';
import {
  PASSWORD,
  PHONE,
  baseUrl,
  befriend,
  expectText,
  go,
  launchBrowser,
  messageContact,
  phone,
  register,
  uniqueUsername,
} from './harness';
import {
  checkScreen,
  expectNewestMessageVisible,
  expectNoBrokenWords,
  expectNoCutPlaceholders,
  expectNoOverlap,
  settle,
  type ScreenReport,
} from './screen-checks';

let browser: Browser;
/** An English contact every language's user befriends and chats with. */
let bob: { page: Page; username: string };

const PIN = '135790';
const LOCALES: Record<Language, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', zh: 'zh-CN' };

beforeAll(async () => {
  browser = await launchBrowser();
  const { page } = await phone(browser);
  const username = uniqueUsername('bob');
  await register(page, username, 'Bob');
  bob = { page, username };
  // Bob sends each language's user a red packet and a transfer, so the cards show in every state.
  expect(await call(page, 'PUT', '/api/v1/wallet/pin', { pin: PIN })).toBe(204);
  expect(await call(page, 'POST', '/api/v1/wallet/sandbox/top-ups', { amountCents: 5_000 })).toBe(201);
});

/** Sends a transfer or a red packet from the chat open on `page`, through the payment sheet. */
async function pay(page: Page, kind: 'send-money' | 'red-packet', euros: string, memo: string): Promise<void> {
  await page.getByTestId(kind).click();
  const form = page.getByTestId(kind === 'send-money' ? 'send-money-form' : 'red-packet-form');
  await form.locator('input[name=amount]').fill(euros);
  if (memo) await form.locator('input[name=memo]').fill(memo);
  await form.locator('input[name=paymentPin]').fill(PIN);
  await form.getByTestId('payment-submit').click();
  await expect.poll(() => form.count(), { timeout: 10_000 }).toBe(0);
}

afterAll(async () => {
  await browser?.close();
});

/** An API call with the page's device token; wallet POSTs get their own Idempotency-Key. */
function call(page: Page, method: string, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const open = indexedDB.open('atrium');
      const db = await new Promise<IDBDatabase>((done, fail) => {
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      const read = db.transaction('local').objectStore('local').get('session');
      const session = await new Promise<{ token: string }>((done) => {
        read.onsuccess = () => done(read.result as { token: string });
      });
      const response = await fetch(path, {
        method,
        headers: {
          Authorization: `Bearer ${session.token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': crypto.randomUUID(),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.status;
    },
    { method, path, body },
  );
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

function failures(reports: ScreenReport[]): string[] {
  return reports.flatMap((report) =>
    report.axeViolations.map(
      (violation) =>
        `${report.language} ${report.screen}: ${violation.impact} ${violation.id} (${violation.help}) at ${violation.nodes.join(' | ')}`,
    ),
  );
}

describe('screens', () => {
  for (const language of ['en', 'de', 'fr', 'zh'] as const) {
    it(`every main screen in ${language}: translated, no sideways overflow, accessible`, async () => {
      const { context, page } = await phone(browser, LOCALES[language]);
      const reports: ScreenReport[] = [];
      const check = async (name: string) => reports.push(await checkScreen(page, language, name));

      await page.goto(baseUrl());
      await page.getByTestId('register-form').waitFor();
      await check('01-register');
      await page.getByTestId('auth-switch').click();
      await page.getByTestId('login-form').waitFor();
      await check('02-sign-in');

      const name = { en: 'Ann', de: 'Anke', fr: 'Amélie', zh: '安娜' }[language];
      const username = uniqueUsername(`ann${language}`);
      await register(page, username, name);

      // Data: Bob is a contact with a chat both ways and a group; Cy's request waits; money.
      await befriend({ page }, bob);
      await messageContact(page, 'Bob');
      await page.getByTestId('composer').fill('Hallo · Bonjour · 你好 — are we still on for Saturday?');
      await page.getByTestId('send').click();
      await page.getByTestId('message').first().waitFor();
      await expectNewestMessageVisible(page, language, 'conversation after sending');
      await messageContact(bob.page, name);
      await bob.page.getByTestId('composer').fill('Yes! See you at ten.');
      await bob.page.getByTestId('send').click();
      await expect
        .poll(() => page.getByTestId('message').filter({ hasText: 'See you at ten.' }).count(), { timeout: 20_000 })
        .toBe(1);
      const chatRoute = new URL(page.url()).hash.slice(1);
      await expectNewestMessageVisible(page, language, 'conversation after receiving');
      await check('04-conversation');

      await page.getByTestId('safety-number-link').click();
      await page.getByTestId('safety-number').waitFor();
      await page.getByTestId('safety-qr').waitFor();
      const safetyRoute = new URL(page.url()).hash.slice(1);
      await check('13-safety-number');

      const cy = await phone(browser);
      await register(cy.page, uniqueUsername('cy'), 'Cy');
      await go(page, '/me/code');
      const link = (await page.getByTestId('contact-link').textContent()) ?? '';
      await cy.page.goto(link);
      await cy.page.getByRole('button', { name: 'Send contact request' }).click();
      await expectText(cy.page, 'link-result', 'Request sent.');
      await cy.context.close();

      expect(await call(page, 'PUT', '/api/v1/wallet/pin', { pin: PIN })).toBe(204);
      for (const cents of [2_500, 990])
        expect(await call(page, 'POST', '/api/v1/wallet/sandbox/top-ups', { amountCents: cents })).toBe(201);

      await go(page, '/chats/new-group');
      await page
        .getByTestId('group-name')
        .fill({ en: 'Climbing club', de: 'Kletterclub', fr: 'Club d’escalade', zh: '攀岩俱乐部' }[language]);
      await page.locator(`[data-testid=group-member-choice][data-username=${bob.username}]`).check();
      await page.getByTestId('group-create').click();
      await page.getByTestId('composer').waitFor();
      // A muted chat shows a crossed bell in the list.
      await page.getByTestId('mute').click();
      await page.getByTestId('mute-always').click();
      await page.getByTestId('unmute').waitFor();
      await page.getByTestId('group-members').click();
      await expect.poll(() => page.getByTestId('member').count(), { timeout: 15_000 }).toBe(2);
      const membersRoute = new URL(page.url()).hash.slice(1);
      await check('15-group-members');
      // A page of the chat, like the chat itself: no tab bar on the phone.
      expect(await page.getByTestId('tab-chats').isVisible()).toBe(false);

      await go(page, '/chats');
      await expect.poll(() => page.getByTestId('chat-row').count(), { timeout: 10_000 }).toBe(2);
      await page.getByTestId('muted-icon').waitFor();
      await check('03-chats');
      await go(page, '/contacts');
      await page.getByTestId('contact').first().waitFor();
      await check('05-contacts');
      await page.getByTestId('contact').filter({ hasText: 'Bob' }).click();
      await page.getByTestId('contact-profile').waitFor();
      const contactRoute = new URL(page.url()).hash.slice(1);
      await check('22-contact');
      await go(page, '/contacts/add');
      await page.getByTestId('add-contact-form').waitFor();
      await check('06-add-contact');
      await go(page, '/contacts/requests');
      await page.getByTestId('request-incoming').waitFor();
      await check('07-requests');
      await go(page, '/me/code');
      await page.getByTestId('qr').waitFor();
      await check('08-my-code');
      await go(page, '/discover');
      await page.getByTestId('discover-scan').waitFor();
      await check('09-discover');
      await go(page, '/me');
      await page.getByTestId('me-name').waitFor();
      await check('10-me');
      await go(page, '/me/devices');
      await page.getByTestId('device').first().waitFor();
      await check('11-devices');
      await go(page, '/me/notifications');
      await page.getByTestId('notifications-toggle').waitFor();
      await check('29-notifications');
      await go(page, '/me');
      await page.getByTestId('language').scrollIntoViewIfNeeded();
      await page.getByTestId('language').focus();
      await check('12-language-picker');
      // Me → Account: the password and deletion sheets, once they have slid up.
      for (const [opener, sheet, screen] of [
        ['change-password', 'password-sheet', '27-change-password'],
        ['delete-account', 'delete-sheet', '28-delete-account'],
      ] as const) {
        await page.getByTestId(opener).click();
        await sheetSlidUp(page, sheet);
        // From its top, as a person reads it: focus scrolled the body down to the first field, and
        // the overlap check does not know that the body clips what scrolled up under the title.
        await page
          .getByTestId(sheet)
          .locator('.sheet-body')
          .evaluate((body) => body.scrollTo(0, 0));
        await check(screen);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      }
      await go(page, '/me/backup');
      await page.getByTestId('backup-passphrase').waitFor();
      await check('14-backup');
      await go(page, '/me/wallet');
      await page.getByTestId('wallet-balance').waitFor();
      await check('16-wallet');
      await go(page, '/me/wallet/history');
      await expect.poll(() => page.getByTestId('statement-line').count(), { timeout: 10_000 }).toBe(2);
      await check('17-wallet-history');
      await go(page, '/me/wallet/top-up');
      await page.getByTestId('top-up-form').waitFor();
      await check('18-top-up');
      await go(page, '/me/wallet/payment-code');
      await page.fill('input[name=pin]', PIN);
      await page.getByTestId('payment-code-submit').click();
      await page.getByTestId('payment-code').waitFor();
      await check('19-payment-code');
      await go(page, '/me/wallet/scan');
      await page.getByTestId('scan-form').waitFor();
      await check('20-scan-to-pay');
      await go(page, '/me/wallet/merchant');
      await page.getByTestId('merchant-apply').waitFor();
      await check('21-merchant');

      await go(page, chatRoute);
      await page.getByTestId('composer').waitFor();
      await page.getByTestId('message').first().waitFor();
      await expectNewestMessageVisible(page, language, 'conversation after opening');
      // Message actions: the context menu of Bob's message, then the forward sheet it opens.
      await page.getByTestId('message').filter({ hasText: 'See you at ten.' }).click({ button: 'right' });
      await page.getByTestId('message-menu').waitFor();
      await check('23-message-menu');
      await page.getByTestId('forward').click();
      await expect.poll(() => page.getByTestId('forward-choice').count(), { timeout: 10_000 }).toBe(2);
      // The sheet slides up: the screenshot waits until it is in place.
      await page.waitForFunction(() =>
        document.getAnimations().every((animation) => animation.playState !== 'running'),
      );
      await check('24-forward-sheet');
      await page.getByTestId('sheet-close').click();
      await page.getByTestId('forward-sheet').waitFor({ state: 'detached' });
      // The emoji picker: categories in the UI language, the grid loaded.
      await page.getByTestId('emoji-button').click();
      await expect.poll(() => page.getByTestId('emoji-option').count(), { timeout: 15_000 }).toBeGreaterThan(1000);
      await sheetSlidUp(page, 'emoji-picker');
      await check('30-emoji-picker');
      await page.getByTestId('sheet-close').click();
      await page.getByTestId('emoji-picker').waitFor({ state: 'detached' });

      // The payment cards: Ann's transfer, accepted by Bob; Bob's red packet and transfer, waiting.
      await pay(page, 'send-money', '7', { en: 'Lunch', de: 'Mittagessen', fr: 'Déjeuner', zh: '午饭' }[language]);
      await messageContact(bob.page, name);
      await pay(bob.page, 'red-packet', '3', '');
      await pay(bob.page, 'send-money', '2', 'Taxi');
      await expect.poll(() => page.getByTestId('payment-card').count(), { timeout: 20_000 }).toBe(3);
      await expect.poll(() => bob.page.getByTestId('payment-accept').count(), { timeout: 20_000 }).toBe(1);
      await bob.page.getByTestId('payment-accept').click();
      const cards = page.getByTestId('payment-card');
      await expect.poll(() => cards.nth(0).getAttribute('data-status'), { timeout: 20_000 }).toBe('accepted');
      await expect.poll(() => cards.nth(1).getAttribute('data-status'), { timeout: 20_000 }).toBe('open');
      await expect.poll(() => cards.nth(2).getAttribute('data-status'), { timeout: 20_000 }).toBe('pending');
      await page.getByTestId('payment-claim').waitFor();
      await check('25-payment-cards');
      await page.getByTestId('payment-claim').click();
      await page.getByTestId('payment-your-share').waitFor();
      await page.getByTestId('payment-decline').click();
      await expect.poll(() => cards.nth(2).getAttribute('data-status'), { timeout: 20_000 }).toBe('declined');
      await expect.poll(() => cards.nth(1).getAttribute('data-status'), { timeout: 20_000 }).toBe('empty');
      await check('26-payment-cards-settled');
      expect(reports).toHaveLength(30);
      if (language === 'en') {
        // Colours are the same in every language: the dark theme is checked once, in English.
        await page.emulateMedia({ colorScheme: 'dark' });
        const dark: [string, string, string][] = [
          ['chats', '/chats', 'chat-row'],
          ['conversation', chatRoute, 'message'],
          ['safety-number', safetyRoute, 'safety-qr'],
          ['contacts', '/contacts', 'contact'],
          ['contact', contactRoute, 'contact-profile'],
          ['requests', '/contacts/requests', 'request-incoming'],
          ['my-code', '/me/code', 'qr'],
          ['discover', '/discover', 'discover-scan'],
          ['me', '/me', 'me-name'],
          ['devices', '/me/devices', 'device'],
          ['notifications', '/me/notifications', 'notifications-toggle'],
          ['backup', '/me/backup', 'backup-passphrase'],
          ['group-members', membersRoute, 'member'],
          ['wallet', '/me/wallet', 'wallet-balance'],
          ['wallet-history', '/me/wallet/history', 'statement-line'],
          ['scan-to-pay', '/me/wallet/scan', 'scan-form'],
          ['merchant', '/me/wallet/merchant', 'merchant-apply'],
        ];
        for (const [index, [name, route, ready]] of dark.entries()) {
          await go(page, route);
          await page.getByTestId(ready).first().waitFor();
          await check(`dark-${String(index + 1).padStart(2, '0')}-${name}`);
        }
        await page.emulateMedia({ colorScheme: 'light' });
      }
      const notes = reports.flatMap((report) => report.axeNotes.map((note) => `${report.screen}: ${note}`));
      console.log(
        `axe ${language}: ${reports.length} screens; moderate/minor (not failing): ${notes.join(', ') || 'none'}`,
      );
      expect(failures(reports)).toEqual([]);
      await context.close();
    }, 300_000);
  }
});

describe('the screen checks themselves', () => {
  // Each layout check fails on a page with the fault a person saw, and passes on a sound one.
  const page = async (html: string) => {
    const phoneProfile = await phone(browser);
    await phoneProfile.page.setContent(
      `<!doctype html><html><body style="margin:0;font:16px sans-serif">${html}</body></html>`,
    );
    return phoneProfile;
  };

  it('text one letter per line, or a word broken across lines, fails', async () => {
    const narrow = await page('<p style="width:8px;overflow-wrap:anywhere">Bob</p>');
    await expect(expectNoBrokenWords(narrow.page, 'en', 'fixture')).rejects.toThrow(/letter by letter/);
    const broken = await page('<p style="width:70px;overflow-wrap:anywhere">Sicherheitsnummer</p>');
    await expect(expectNoBrokenWords(broken.page, 'de', 'fixture')).rejects.toThrow(/Sicherheitsnummer/);
    const sound = await page(
      '<p style="width:160px">Ende-zu-Ende-verschlüsselt, 你好世界你好世界你好世界</p><p>Safety number</p>',
    );
    await expectNoBrokenWords(sound.page, 'de', 'fixture');
    for (const profile of [narrow, broken, sound]) await profile.context.close();
  });

  it('a placeholder wider than its field fails; one that fits does not', async () => {
    const cut = await page('<input style="width:120px" placeholder="Chats, Kontakte und Nachrichten durchsuchen">');
    await expect(expectNoCutPlaceholders(cut.page, 'de', 'fixture')).rejects.toThrow(/placeholder cut off/);
    const fits = await page(
      '<input style="width:300px" placeholder="Suchen"><input value="typed" placeholder="a very long placeholder that is hidden by the value">',
    );
    await expectNoCutPlaceholders(fits.page, 'de', 'fixture');
    await cut.context.close();
    await fits.context.close();
  });

  it('overlapping buttons fail; content scrolled under a sticky bar does not', async () => {
    const overlapping = await page(
      '<button style="position:absolute;left:10px;top:10px">Message</button>' +
        '<button style="position:absolute;left:40px;top:16px">Block</button>',
    );
    await expect(expectNoOverlap(overlapping.page, 'en', 'fixture')).rejects.toThrow(
      /button "Message" overlaps button "Block"/,
    );
    const scrolled = await page(
      '<header style="position:sticky;top:0;height:50px;background:#fff"><h1 style="margin:0">Title</h1></header>' +
        '<p style="margin-top:-30px">Under the bar</p><div style="height:2000px"></div>',
    );
    await expectNoOverlap(scrolled.page, 'en', 'fixture');
    await overlapping.context.close();
    await scrolled.context.close();
  });

  it('a chat whose composer floats above a tab bar, or whose newest message is hidden, fails', async () => {
    const messages = Array.from({ length: 30 }, (_, i) => `<p data-testid="message">Message ${i}</p>`).join('');
    const floating = await page(
      `<header class="bar" style="height:50px">Ann</header><div>${messages}</div>` +
        '<form class="composer" style="position:sticky;bottom:64px;height:50px;background:#eee"></form>' +
        '<nav class="tabs" style="position:fixed;bottom:0;height:64px;width:100%;background:#ddd"></nav>',
    );
    await expect(expectNewestMessageVisible(floating.page, 'en', 'fixture')).rejects.toThrow(
      /composer ends 64 px above/,
    );
    const sound = await page(
      '<div style="display:flex;flex-direction:column;height:100vh"><header class="bar" style="height:50px">Ann</header>' +
        `<div id="list" style="flex:1;overflow:auto">${messages}</div><form class="composer" style="height:50px"></form></div>`,
    );
    await expect(expectNewestMessageVisible(sound.page, 'en', 'fixture')).rejects.toThrow(/newest message ends/);
    await sound.page.evaluate(() => {
      const list = document.getElementById('list')!;
      list.scrollTop = list.scrollHeight;
    });
    await expectNewestMessageVisible(sound.page, 'en', 'fixture');
    await floating.context.close();
    await sound.context.close();
  }, 30_000);
});

/** Whether the focused element shows a focus ring (outline or box-shadow) right now. */
function focusVisible(page: Page): Promise<{ tag: string; visible: boolean; text: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: 'body', visible: false, text: '' };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    return {
      tag: element.tagName.toLowerCase(),
      visible: element.matches(':focus-visible') && (outline || shadow),
      text: (element.getAttribute('data-testid') ?? element.getAttribute('name') ?? element.textContent ?? '').trim(),
    };
  });
}

/** Presses Tab until the focused element matches `selector` (at most 60 presses), checking each stop shows focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focus = await focusVisible(page);
    // Past the last control focus leaves the page for the browser's own UI (body is active).
    if (focus.tag !== 'body') expect(focus.visible, `focus ring on ${focus.tag} ${focus.text}`).toBe(true);
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe('keyboard', () => {
  it('registers, reaches every tab and closes menus with Escape using the keyboard only', async () => {
    const { context, page } = await phone(browser);
    await page.goto(baseUrl());
    await page.getByTestId('register-form').waitFor();
    await tabTo(page, 'input[name=username]');
    await page.keyboard.type(uniqueUsername('keys'));
    await tabTo(page, 'input[name=password]');
    await page.keyboard.type(PASSWORD);
    await tabTo(page, 'input[name=displayName]');
    await page.keyboard.type('Kim Keys');
    await page.keyboard.press('Enter');
    await page.getByTestId('tab-me').waitFor({ timeout: 20_000 });
    await settle(page, 'en');

    for (const tab of ['contacts', 'discover', 'me', 'chats']) {
      await tabTo(page, `[data-testid=tab-${tab}]`);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/${tab}`);
      await expect.poll(() => page.getByTestId(`tab-${tab}`).getAttribute('aria-current')).toBe('page');
    }

    // Space toggles a checkbox (Me → read receipts), and the language picker is reachable.
    await page.getByTestId('tab-me').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('read-receipts').waitFor();
    await expect.poll(() => page.getByTestId('read-receipts').isEnabled()).toBe(true);
    const before = await page.getByTestId('read-receipts').isChecked();
    await tabTo(page, '[data-testid=read-receipts]');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('read-receipts').isChecked()).toBe(!before);

    // A chat with Bob: the message menu and the payment form close with Escape.
    await befriend({ page }, bob);
    await messageContact(page, 'Bob');
    await page.getByTestId('composer').fill('Keyboard only');
    await page.keyboard.press('Enter');
    await page.getByTestId('message').first().waitFor();
    await page.getByTestId('message-actions').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('toolbar').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('toolbar').count()).toBe(0);
    await page.getByTestId('send-money').focus();
    await page.keyboard.press('Space');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await context.close();
  }, 120_000);
});
