// Money in chats against the real server: Ann tops up with demo money, sets her payment PIN and
// sends Bob money in their 1:1 chat. The server holds it; the card is an E2E message pointing at
// the transfer. Bob accepts on his card, both cards show "Accepted", and Bob's balance rose.
// Then a red packet: Bob claims its one share and both see who got how much.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { befriend, expectText, go, messageContact, openChat, type Person, registeredPerson, screenshot, sharedBrowser } from './harness';

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
  page.getByTestId('payment-card').nth(index).getByTestId('payment-status').textContent({ timeout: 2_000 }).catch(() => '');

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
    await expect.poll(() => ann.page.locator('[data-testid=message][data-status=sent]').count(), { timeout: 20_000 }).toBe(1);
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

    await go(ann.page, '/chats/new-group');
    await ann.page.getByTestId('group-name').fill('Lunch club');
    await ann.page.locator(`[data-testid=group-member-choice][data-username=${bob.username}]`).check();
    await ann.page.locator(`[data-testid=group-member-choice][data-username=${cat.username}]`).check();
    await ann.page.getByTestId('group-create').click();
    await ann.page.getByTestId('composer').waitFor();
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
