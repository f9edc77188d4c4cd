// A "lucky" red packet in a group of three against the real server: Ann puts €1.00 into two
// random shares, Bob and Cat claim one each, all three see who got how much, the shares are at
// least one cent and add up to exactly the total, the balances moved by exactly those shares,
// and claiming a second time is refused.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  befriend,
  createGroup,
  expectText,
  go,
  openChat,
  registeredPerson,
  screenshot,
  sharedBrowser,
  type Person,
} from './harness';

const browser = sharedBrowser();
const person = (displayName: string): Promise<Person> => registeredPerson(browser(), displayName);

/** The wallet balance in cents, as the wallet screen shows it. */
async function balanceCents(page: Page): Promise<number> {
  await go(page, '/me/wallet');
  await page.getByTestId('wallet-balance').waitFor();
  await expect.poll(async () => (await page.getByTestId('wallet-balance').textContent()) ?? '').toMatch(/€/);
  return cents((await page.getByTestId('wallet-balance').textContent()) ?? '');
}

/** "€0.37" (or "Bob: €0.37") as 37. */
function cents(text: string): number {
  const match = /€\s?(\d+)\.(\d{2})/.exec(text.replace(/,/g, ''));
  if (!match) throw new Error(`No euro amount in "${text}"`);
  return Number(match[1]) * 100 + Number(match[2]);
}

/** A POST from the page with the stored device token; the status and JSON body, refusals included. */
function post<T>(page: Page, path: string, idempotencyKey: string): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ path, idempotencyKey }) => {
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
        method: 'POST',
        headers: {
          Authorization: `Bearer ${session.token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': idempotencyKey,
        },
        body: '{}',
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { path, idempotencyKey },
  );
}

const cardStatus = (page: Page) =>
  page
    .getByTestId('payment-card')
    .first()
    .getByTestId('payment-status')
    .textContent({ timeout: 2_000 })
    .catch(() => '');

describe('lucky red packet', () => {
  it('two members claim random shares of a group red packet; the shares add up and a second claim is refused', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const cat = await person('Cat');
    await befriend(ann, bob);
    await befriend(ann, cat);
    // Bob and Cat are not each other's contacts: the group still names every member to the others.

    // Ann: a PIN and €5.00 of demo money.
    await go(ann.page, '/me/wallet/pin');
    await ann.page.fill('input[name=pin]', '135790');
    await ann.page.fill('input[name=pinRepeat]', '135790');
    await ann.page.getByTestId('pin-submit').click();
    await expectText(ann.page, 'pin-saved', 'Your payment PIN is saved.');
    await go(ann.page, '/me/wallet/top-up');
    await ann.page.fill('input[name=amount]', '5');
    await ann.page.getByTestId('top-up-submit').click();
    await expectText(ann.page, 'top-up-done', 'Your balance is now €5.00.');
    const before = {
      ann: await balanceCents(ann.page),
      bob: await balanceCents(bob.page),
      cat: await balanceCents(cat.page),
    };
    expect(before).toEqual({ ann: 500, bob: 0, cat: 0 });

    await createGroup(ann.page, 'Lucky club', [bob, cat]);
    await ann.page.getByTestId('composer').fill('Lucky money!');
    await ann.page.getByTestId('send').click();
    await openChat(bob.page, 'Lucky club');
    await openChat(cat.page, 'Lucky club');

    // €1.00 in two lucky shares: lucky is the default split.
    await ann.page.getByTestId('red-packet').click();
    const form = ann.page.getByTestId('red-packet-form');
    await form.locator('input[name=amount]').fill('1');
    await form.locator('input[name=count]').fill('2');
    expect(await form.locator('input[name=split][value=lucky]').isChecked()).toBe(true);
    await form.locator('input[name=paymentPin]').fill('135790');
    const created = ann.page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/v1/wallet/red-packets',
    );
    await form.getByTestId('payment-submit').click();
    const packet = (await (await created).json()) as { id: string; totalCents: number; count: number; split: string };
    expect(packet).toMatchObject({ totalCents: 100, count: 2, split: 'lucky' });
    await expect.poll(() => ann.page.getByTestId('payment-card').count(), { timeout: 10_000 }).toBe(1);

    // Bob and Cat each claim once; each sees their own share.
    const shares: Record<string, number> = {};
    for (const member of [bob, cat]) {
      await expect.poll(() => member.page.getByTestId('payment-claim').count(), { timeout: 20_000 }).toBe(1);
      await member.page.getByTestId('payment-claim').click();
      await expectText(member.page, 'payment-your-share', /^You got €\d+\.\d{2}$/);
      shares[member.name] = cents((await member.page.getByTestId('payment-your-share').textContent()) ?? '');
      expect(await member.page.getByTestId('payment-claim').count()).toBe(0);
    }
    expect(shares.Bob).toBeGreaterThanOrEqual(1);
    expect(shares.Cat).toBeGreaterThanOrEqual(1);
    expect(shares.Bob! + shares.Cat!).toBe(100);

    // Everyone sees who got how much, and the same amounts.
    for (const member of [ann, bob, cat]) {
      await expect.poll(() => cardStatus(member.page), { timeout: 20_000 }).toBe('Every share has been taken');
      await expect
        .poll(() => member.page.getByTestId('payment-claims').locator('li').count(), { timeout: 20_000 })
        .toBe(2);
      const lines = await member.page.getByTestId('payment-claims').locator('li').allTextContents();
      const seen = lines.map(cents).sort((a, b) => a - b);
      expect(seen).toEqual([shares.Bob!, shares.Cat!].sort((a, b) => a - b));
      for (const claimant of [bob, cat]) {
        const label = claimant === member ? 'You' : claimant.name;
        expect(
          lines.some((line) => line.startsWith(`${label}:`) && cents(line) === shares[claimant.name]),
          JSON.stringify(lines),
        ).toBe(true);
      }
    }
    expect(await ann.page.getByTestId('payment-claim').count()).toBe(0);
    await screenshot(cat.page, '46-group-lucky-red-packet');

    // A second claim by the same member is refused, and so is one when no share is left.
    const again = await post<{ error: { code: string } }>(
      bob.page,
      `/api/v1/wallet/red-packets/${packet.id}/claim`,
      crypto.randomUUID(),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_claimed');
    const late = await post<{ error: { code: string } }>(
      ann.page,
      `/api/v1/wallet/red-packets/${packet.id}/claim`,
      crypto.randomUUID(),
    );
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('red_packet_empty');

    // The balances moved by exactly the shares: nothing created, nothing lost.
    expect(await balanceCents(ann.page)).toBe(400);
    expect(await balanceCents(bob.page)).toBe(shares.Bob);
    expect(await balanceCents(cat.page)).toBe(shares.Cat);
    for (const member of [ann, bob, cat]) await member.close();
  });
});
