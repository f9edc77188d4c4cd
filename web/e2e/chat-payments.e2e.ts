// Money in chats against the real server: Ann tops up with demo money, sets her payment PIN and
// sends Bob money in their 1:1 chat. The server holds it; the card is an E2E message pointing at
// the transfer. Bob accepts on his card, both cards show "Accepted", and Bob's balance rose.
// Then a red packet: Bob claims its one share and both see who got how much.
// The payment forms are bottom sheets: a modal dialog inside the phone's viewport with the chat's
// composer hidden behind it (one Send on screen), closed by Escape or the backdrop with focus back
// on the button that opened it; someone without a payment PIN sets it in the sheet and pays on.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Language } from '../src/app/api/types';
import { CATALOGUES } from '../src/app/catalogue';
import {
  apiFromPage,
  befriend,
  createGroup,
  expectText,
  go,
  messageContact,
  openChat,
  PHONE,
  phone,
  register,
  registeredPerson,
  screenshot,
  sharedBrowser,
  type Person,
  uniqueUsername,
} from './harness';
import { checkScreen } from './screen-checks';

const browser = sharedBrowser();
const person = (displayName: string): Promise<Person> => registeredPerson(browser(), displayName);

async function balance(page: Page): Promise<string> {
  await go(page, '/me/wallet');
  await page.getByTestId('wallet-balance').waitFor();
  await expect.poll(async () => (await page.getByTestId('wallet-balance').textContent()) ?? '').toMatch(/€/);
  return (await page.getByTestId('wallet-balance').textContent()) ?? '';
}

/** A payment PIN and `amount` euros of demo money, through the wallet screens. */
async function fund(page: Page, pin: string, amount: string): Promise<void> {
  await go(page, '/me/wallet/pin');
  await page.fill('input[name=pin]', pin);
  await page.fill('input[name=pinRepeat]', pin);
  await page.getByTestId('pin-submit').click();
  await expectText(page, 'pin-saved', 'Your payment PIN is saved.');
  await go(page, '/me/wallet/top-up');
  await page.fill('input[name=amount]', amount);
  await page.getByTestId('top-up-submit').click();
  await page.getByTestId('top-up-done').waitFor();
}

const cardStatus = (page: Page, index: number) =>
  page
    .getByTestId('payment-card')
    .nth(index)
    .getByTestId('payment-status')
    .textContent({ timeout: 2_000 })
    .catch(() => '');

describe('payments in chats', () => {
  it('Ann sends Bob money in their chat, Bob accepts, and a red packet is claimed', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);

    // Ann: a PIN and 20 € of demo money.
    await go(ann.page, '/me/wallet/pin');
    await ann.page.fill('input[name=pin]', '246810');
    await ann.page.fill('input[name=pinRepeat]', '246810');
    await ann.page.getByTestId('pin-submit').click();
    await expectText(ann.page, 'pin-saved', 'Your payment PIN is saved.');
    await go(ann.page, '/me/wallet/top-up');
    await ann.page.fill('input[name=amount]', '20');
    await ann.page.getByTestId('top-up-submit').click();
    await expectText(ann.page, 'top-up-done', 'Your balance is now €20.00.');

    // The chat exists on both sides before money goes into it.
    await messageContact(ann.page, 'Bob');
    await ann.page.getByTestId('composer').fill('Lunch money coming');
    await ann.page.getByTestId('send').click();
    await expect
      .poll(() => ann.page.locator('[data-testid=message][data-status=sent]').count(), { timeout: 20_000 })
      .toBe(1);
    await openChat(bob.page, 'Ann');

    // Refusals are clear: more than the balance, then a wrong PIN.
    await ann.page.getByTestId('send-money').click();
    const form = ann.page.getByTestId('send-money-form');
    await form.locator('input[name=amount]').fill('25');
    await form.locator('input[name=paymentPin]').fill('246810');
    await form.getByTestId('payment-submit').click();
    await expectText(ann.page, 'error', 'Your balance is too low for this payment.');
    await form.locator('input[name=amount]').fill('7,50');
    await form.locator('input[name=memo]').fill('Lunch');
    await form.locator('input[name=paymentPin]').fill('111111');
    await form.getByTestId('payment-submit').click();
    await expectText(ann.page, 'error', 'The PIN is wrong. Tries left before payments are locked: 4.');
    await form.locator('input[name=paymentPin]').fill('246810');
    await form.getByTestId('payment-submit').click();
    await expect.poll(() => ann.page.getByTestId('send-money-form').count(), { timeout: 10_000 }).toBe(0);
    await expectText(ann.page, 'payment-card', 'You sent €7.50');
    await expect.poll(() => cardStatus(ann.page, 0), { timeout: 10_000 }).toBe('Waiting to be accepted');
    await screenshot(ann.page, '40-chat-transfer-sent');

    // Bob sees the card with Accept / Decline and takes the money.
    await expect.poll(() => bob.page.getByTestId('payment-card').count(), { timeout: 20_000 }).toBe(1);
    await expectText(bob.page, 'payment-card', 'Ann sent you €7.50');
    await expectText(bob.page, 'payment-card', 'Lunch');
    await bob.page.getByTestId('payment-decline').waitFor();
    await screenshot(bob.page, '41-chat-transfer-received');
    await bob.page.getByTestId('payment-accept').click();
    await expect.poll(() => cardStatus(bob.page, 0), { timeout: 10_000 }).toBe('Accepted');
    expect(await bob.page.getByTestId('payment-accept').count()).toBe(0);
    // Ann's card asks the server again while the transfer is pending.
    await expect.poll(() => cardStatus(ann.page, 0), { timeout: 20_000 }).toBe('Accepted');
    await screenshot(ann.page, '42-chat-transfer-accepted');

    // A red packet in the 1:1 chat: one share, for Bob.
    await ann.page.getByTestId('red-packet').click();
    const packetForm = ann.page.getByTestId('red-packet-form');
    await packetForm.locator('input[name=amount]').fill('3');
    await packetForm.locator('input[name=paymentPin]').fill('246810');
    await packetForm.getByTestId('payment-submit').click();
    await expect.poll(() => ann.page.getByTestId('payment-card').count(), { timeout: 10_000 }).toBe(2);
    expect(await ann.page.getByTestId('payment-claim').count()).toBe(0);
    await expect.poll(() => bob.page.getByTestId('payment-claim').count(), { timeout: 20_000 }).toBe(1);
    await bob.page.getByTestId('payment-claim').click();
    await expectText(bob.page, 'payment-your-share', 'You got €3.00');
    await expect.poll(() => cardStatus(ann.page, 1), { timeout: 20_000 }).toBe('Every share has been taken');
    await expectText(ann.page, 'payment-claims', 'Bob: €3.00');
    await screenshot(bob.page, '43-chat-red-packet-claimed');

    expect(await balance(bob.page)).toBe('€10.50');
    expect(await balance(ann.page)).toBe('€9.50');
    await ann.close();
    await bob.close();
  });

  it('a red packet in a group: every member claims once and everyone sees who got how much', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const cat = await person('Cat');
    await befriend(ann, bob);
    await befriend(ann, cat);
    await fund(ann.page, '135790', '5');

    await createGroup(ann.page, 'Lunch club', [bob, cat]);
    await ann.page.getByTestId('composer').fill('Treat incoming');
    await ann.page.getByTestId('send').click();
    await openChat(bob.page, 'Lunch club');
    await openChat(cat.page, 'Lunch club');
    expect(await ann.page.getByTestId('send-money').count()).toBe(0);

    await ann.page.getByTestId('red-packet').click();
    const form = ann.page.getByTestId('red-packet-form');
    await form.locator('input[name=amount]').fill('1');
    await form.locator('input[name=count]').fill('3');
    await form.locator('input[name=split][value=equal]').check();
    await form.locator('input[name=paymentPin]').fill('135790');
    await form.getByTestId('payment-submit').click();
    await expect.poll(() => ann.page.getByTestId('payment-card').count(), { timeout: 10_000 }).toBe(1);

    for (const member of [bob, cat, ann]) {
      await expect.poll(() => member.page.getByTestId('payment-claim').count(), { timeout: 20_000 }).toBe(1);
      await member.page.getByTestId('payment-claim').click();
      await expectText(member.page, 'payment-your-share', /^You got €0\.3[34]$/);
      expect(await member.page.getByTestId('payment-claim').count()).toBe(0);
    }
    await expect.poll(() => cardStatus(bob.page, 0), { timeout: 20_000 }).toBe('Every share has been taken');
    await expect.poll(() => bob.page.getByTestId('payment-claims').locator('li').count(), { timeout: 20_000 }).toBe(3);
    const lines = await ann.page.getByTestId('payment-claims').locator('li').allTextContents();
    const cents = lines.map((line) => Math.round(Number(line.replace(/^.*€/, '')) * 100));
    expect(cents.reduce((sum, share) => sum + share, 0)).toBe(100);
    expect(lines.some((line) => line.startsWith('You:'))).toBe(true);
    await screenshot(cat.page, '44-group-red-packet');
    for (const member of [ann, bob, cat]) await member.close();
  });
});

/** The accessible names of the buttons a finger could tap now: on screen, not inert, not covered. */
function reachableButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((button) => {
        const box = button.getBoundingClientRect();
        if (box.width < 1 || box.height < 1 || button.closest('[inert]')) return false;
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit !== null && button.contains(hit);
      })
      .map((button) => (button.textContent ?? '').trim() || (button.getAttribute('aria-label') ?? '')),
  );
}

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const activeName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('name') ?? null);

/**
 * The open sheet titled `title`: a modal dialog named by its title, wholly inside the phone's
 * viewport; the composer is hidden and inert behind it; the only controls a finger reaches are
 * the sheet's close button and its one confirm button `confirm`; and the screen suite's checks
 * (translated, no overlap, no broken words, no serious axe finding) pass, with a screenshot.
 */
async function expectSheet(
  page: Page,
  language: Language,
  name: string,
  title: string,
  confirm: string,
): Promise<void> {
  const sheet = page.getByRole('dialog', { name: title });
  await sheet.waitFor();
  expect(await sheet.getAttribute('aria-modal')).toBe('true');
  // Inside the viewport once it has slid up.
  await expect
    .poll(
      async () => {
        const box = await sheet.boundingBox();
        return (
          box !== null &&
          box.x >= 0 &&
          box.y >= 0 &&
          box.x + box.width <= PHONE.width + 0.5 &&
          box.y + box.height <= PHONE.height + 0.5
        );
      },
      { timeout: 5_000, message: `${language} ${name}: sheet inside the viewport` },
    )
    .toBe(true);
  expect(await page.getByTestId('composer').isVisible()).toBe(false);
  expect(await page.getByTestId('send').isVisible()).toBe(false);
  expect(await page.evaluate(() => document.querySelector('.composer')?.closest('[inert]') !== null)).toBe(true);
  expect(await reachableButtons(page)).toEqual([CATALOGUES[language]['common.close'], confirm]);
  const report = await checkScreen(page, language, name);
  expect(report.axeViolations).toEqual([]);
}

describe('payment sheets', () => {
  it('a person without a PIN sends money from a bottom sheet: sets the PIN in it, one Send, Escape returns focus', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);
    // Demo money, but no payment PIN yet.
    await go(ann.page, '/me/wallet/top-up');
    await ann.page.fill('input[name=amount]', '10');
    await ann.page.getByTestId('top-up-submit').click();
    await expectText(ann.page, 'top-up-done', 'Your balance is now €10.00.');
    await messageContact(ann.page, 'Bob');
    await ann.page.getByTestId('composer').fill('Coffee on me');
    await ann.page.getByTestId('send').click();
    await expect
      .poll(() => ann.page.locator('[data-testid=message][data-status=sent]').count(), { timeout: 20_000 })
      .toBe(1);
    await openChat(bob.page, 'Ann');

    // Send money opens the PIN step first, focused on the new PIN.
    await ann.page.getByTestId('send-money').click();
    await expectSheet(ann.page, 'en', '45-sheet-set-pin', 'Set a payment PIN', 'Save PIN and continue');
    expect(await activeName(ann.page)).toBe('pin');
    const pinSheet = ann.page.getByRole('dialog', { name: 'Set a payment PIN' });
    await pinSheet.locator('input[name=pin]').fill('246810');
    await pinSheet.locator('input[name=pinRepeat]').fill('246811');
    await pinSheet.getByTestId('pin-setup-submit').click();
    await expectText(ann.page, 'error', 'The two PINs are not the same.');
    await pinSheet.locator('input[name=pinRepeat]').fill('246810');
    await pinSheet.getByTestId('pin-setup-submit').click();

    // The payment goes on in the same sheet; the PIN field is empty: it is typed for every payment.
    await expectText(ann.page, 'pin-setup-saved', 'Your payment PIN is saved. Enter it below to confirm this payment.');
    expect(
      await ann.page.getByRole('dialog', { name: 'Send money' }).locator('input[name=paymentPin]').inputValue(),
    ).toBe('');
    expect((await apiFromPage<{ pinSet: boolean }>(ann.page, 'GET', '/api/v1/wallet')).pinSet).toBe(true);
    expect(await activeName(ann.page)).toBe('amount');
    await expectSheet(ann.page, 'en', '46-sheet-send-money', 'Send money', 'Send');
    const sheet = ann.page.getByRole('dialog', { name: 'Send money' });
    // Tab and Shift+Tab wrap around inside the sheet.
    await sheet.getByTestId('payment-submit').focus();
    await ann.page.keyboard.press('Tab');
    expect(await activeTestId(ann.page)).toBe('sheet-close');
    await ann.page.keyboard.press('Shift+Tab');
    expect(await activeTestId(ann.page)).toBe('payment-submit');
    await sheet.locator('input[name=amount]').fill('4');
    await sheet.locator('input[name=memo]').fill('Coffee');
    await sheet.locator('input[name=paymentPin]').fill('246810');
    await sheet.getByTestId('payment-submit').click();
    await expect.poll(() => ann.page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
    await expectText(ann.page, 'payment-card', 'You sent €4.00');
    expect(await activeTestId(ann.page)).toBe('send-money');
    expect(await ann.page.getByTestId('send').isVisible()).toBe(true);
    await expect.poll(() => bob.page.getByTestId('payment-card').count(), { timeout: 20_000 }).toBe(1);
    await expectText(bob.page, 'payment-card', 'Ann sent you €4.00');

    // With a PIN the sheet opens at the payment; Escape closes it and focus is back on its button.
    await ann.page.getByTestId('send-money').click();
    await ann.page.getByRole('dialog', { name: 'Send money' }).locator('input[name=paymentPin]').waitFor();
    expect(
      await ann.page.getByRole('dialog', { name: 'Send money' }).locator('input[name=paymentPin]').inputValue(),
    ).toBe('');
    await ann.page.keyboard.press('Escape');
    await expect.poll(() => ann.page.getByRole('dialog').count()).toBe(0);
    expect(await activeTestId(ann.page)).toBe('send-money');
    expect(await ann.page.evaluate(() => document.querySelector('[inert]') === null)).toBe(true);
    expect(await ann.page.getByTestId('composer').isVisible()).toBe(true);

    // A tap on the dimmed chat above the sheet closes it too.
    await ann.page.getByTestId('red-packet').click();
    await ann.page.getByRole('dialog', { name: 'Red packet' }).waitFor();
    await ann.page.mouse.click(PHONE.width / 2, 30);
    await expect.poll(() => ann.page.getByRole('dialog').count()).toBe(0);
    expect(await activeTestId(ann.page)).toBe('red-packet');
    await ann.close();
    await bob.close();
  });

  it('the sheets in German, Chinese and English: inside the phone, translated, nothing overlapping', async () => {
    const bob = await person('Bob');
    const locales = { en: 'en-US', de: 'de-DE', zh: 'zh-CN' } as const;
    for (const language of ['de', 'zh', 'en'] as const) {
      const t = CATALOGUES[language];
      const { context, page } = await phone(browser(), locales[language]);
      await register(page, uniqueUsername(`sheet${language}`), { en: 'Ann', de: 'Anke', zh: '安娜' }[language]);
      await befriend({ page }, bob);
      await messageContact(page, 'Bob');
      await page.getByTestId('send-money').click();
      await expectSheet(page, language, '47-sheet-set-pin', t['chatpay.pinSetupTitle'], t['chatpay.pinSetupSubmit']);
      await page.fill('input[name=pin]', '135790');
      await page.fill('input[name=pinRepeat]', '135790');
      await page.getByTestId('pin-setup-submit').click();
      await page.getByTestId('send-money-form').waitFor();
      await expectSheet(page, language, '48-sheet-send-money', t['chatpay.sendMoney'], t['chatpay.sendSubmit']);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      await page.getByTestId('red-packet').click();
      await page.getByTestId('red-packet-form').waitFor();
      await expectSheet(page, language, '49-sheet-red-packet', t['chatpay.redPacket'], t['chatpay.packetSubmit']);
      await page.keyboard.press('Escape');
      await context.close();
    }
    await bob.close();
  }, 180_000);
});
