// Message actions end to end, between browser profiles against the real server: the context
// menu's reply (and its quote leading back to the original), reactions, forwarding to two chats,
// "delete for me" surviving a reload, pinning a chat to the top of the list, and the full-screen
// image viewer.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  befriend,
  createGroup,
  go,
  messageContact,
  openChat,
  registeredPerson,
  screenshot,
  sharedBrowser,
  type Person,
} from './harness';

const browser = sharedBrowser();
const person = (displayName: string): Promise<Person> => registeredPerson(browser(), displayName);

const messageTexts = (page: Page) => page.getByTestId('message').locator('.bubble-text').allTextContents();
const bubble = (page: Page, text: string) => page.getByTestId('message').filter({ hasText: text });

async function waitForMessage(page: Page, text: string, timeout = 20_000): Promise<void> {
  await expect
    .poll(async () => (await messageTexts(page)).filter((shown) => shown === text).length, { timeout })
    .toBe(1);
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
  await waitForMessage(page, text);
}

/** A small 24-bit BMP of `width` × 8 pixels, so each picture is told apart by its width. */
function picture(width: number): Buffer {
  const height = 8;
  const row = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + row * height;
  const bmp = Buffer.alloc(size);
  bmp.write('BM', 0);
  bmp.writeUInt32LE(size, 2);
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(width, 18);
  bmp.writeInt32LE(height, 22);
  bmp.writeUInt16LE(1, 26);
  bmp.writeUInt16LE(24, 28);
  bmp.writeUInt32LE(row * height, 34);
  bmp.fill(0x80, 54);
  return bmp;
}

const chatNames = (page: Page) =>
  page.getByTestId('chat-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name')));

describe('message actions', { timeout: 300_000 }, () => {
  it('reply, react, forward to two chats, delete for me, and pin a chat', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const cat = await person('Cat');
    await befriend(ann, bob);
    await befriend(ann, cat);
    await befriend(bob, cat);

    // Reply: Bob opens the menu with a right click and answers Ann's question.
    await messageContact(ann.page, 'Bob');
    await send(ann.page, 'Bouldering on Saturday?');
    await openChat(bob.page, 'Ann');
    await waitForMessage(bob.page, 'Bouldering on Saturday?');
    await bubble(bob.page, 'Bouldering on Saturday?').click({ button: 'right' });
    await bob.page.getByTestId('message-menu').waitFor();
    await screenshot(bob.page, '70-message-menu');
    await bob.page.getByTestId('reply').click();
    await bob.page.getByTestId('reply-banner').waitFor();
    await send(bob.page, 'Yes, 10am at the gym');
    await waitForMessage(ann.page, 'Yes, 10am at the gym');
    const reply = bubble(ann.page, 'Yes, 10am at the gym');
    await expect.poll(() => reply.getByTestId('reply-quote').textContent()).toBe('Bouldering on Saturday?');
    // The quote leads back to the original: it is flashed.
    await reply.getByTestId('reply-quote').click();
    await expect
      .poll(() => bubble(ann.page, 'Bouldering on Saturday?').first().getAttribute('class'))
      .toContain('flash');

    // React: Ann's 😂 reaches Bob with its count; tapping her own chip takes it back.
    await reply.getByTestId('message-actions').click();
    await ann.page.locator('[data-testid=react][data-emoji="😂"]').click();
    await expect
      .poll(() => bubble(bob.page, 'Yes, 10am').getByTestId('reactions').textContent(), { timeout: 20_000 })
      .toBe('😂');
    await bubble(bob.page, 'Yes, 10am').getByTestId('message-actions').click();
    await bob.page.locator('[data-testid=react][data-emoji="😂"]').click();
    await expect.poll(() => reply.getByTestId('reactions').textContent(), { timeout: 20_000 }).toBe('😂 2');
    await reply.getByTestId('reaction-chip').click();
    await expect
      .poll(() => bubble(bob.page, 'Yes, 10am').getByTestId('reactions').textContent(), { timeout: 20_000 })
      .toBe('😂');

    // Forward to two chats: Ann's chat with Cat and a group with Bob and Cat.
    await messageContact(ann.page, 'Cat');
    await send(ann.page, 'Hi Cat');
    await createGroup(ann.page, 'Crag team', [bob, cat]);
    await send(ann.page, 'Welcome to the crag team');
    await openChat(ann.page, 'Bob');
    await waitForMessage(ann.page, 'Yes, 10am at the gym');
    await bubble(ann.page, 'Yes, 10am at the gym').getByTestId('message-actions').click();
    await ann.page.getByTestId('forward').click();
    await ann.page.getByTestId('forward-sheet').waitFor();
    await expect.poll(() => ann.page.getByTestId('forward-choice').count()).toBe(3);
    await ann.page.getByTestId('forward-search').fill('crag');
    await expect.poll(() => ann.page.getByTestId('forward-choice').count()).toBe(1);
    await ann.page.locator('[data-testid=forward-choice][data-name="Crag team"]').check();
    await ann.page.getByTestId('forward-search').fill('');
    await ann.page.locator('[data-testid=forward-choice][data-name="Cat"]').check();
    await screenshot(ann.page, '71-forward-sheet');
    await ann.page.getByTestId('forward-send').click();
    await ann.page.getByTestId('forward-sheet').waitFor({ state: 'detached' });
    await openChat(cat.page, 'Ann');
    await waitForMessage(cat.page, 'Yes, 10am at the gym');
    await bubble(cat.page, 'Yes, 10am at the gym').getByTestId('forwarded').waitFor();
    await openChat(cat.page, 'Crag team');
    await waitForMessage(cat.page, 'Yes, 10am at the gym');
    await bubble(cat.page, 'Yes, 10am at the gym').getByTestId('forwarded').waitFor();

    // Delete for me: gone from Ann's device, after a reload too; Bob keeps it.
    await openChat(ann.page, 'Bob');
    await waitForMessage(ann.page, 'Bouldering on Saturday?');
    await bubble(ann.page, 'Bouldering on Saturday?').first().getByTestId('message-actions').click();
    await ann.page.getByTestId('delete-for-me').click(); // the confirmation dialog is accepted by the harness
    await expect.poll(() => messageTexts(ann.page)).not.toContain('Bouldering on Saturday?');
    await ann.page.reload();
    await openChat(ann.page, 'Bob');
    await waitForMessage(ann.page, 'Yes, 10am at the gym');
    expect(await messageTexts(ann.page)).not.toContain('Bouldering on Saturday?');
    expect(await messageTexts(bob.page)).toContain('Bouldering on Saturday?');

    // Pin: the chat with Bob (no longer the newest: the forwards went later) goes to the top, with
    // a pin, and stays there after a reload; unpinned, it goes back.
    await go(ann.page, '/chats');
    await expect.poll(() => chatNames(ann.page), { timeout: 15_000 }).toHaveLength(3);
    expect((await chatNames(ann.page))[0]).not.toBe('Bob');
    await ann.page.locator('[data-testid=chat-row][data-name=Bob]').click({ button: 'right' });
    await ann.page.getByTestId('pin-chat').click();
    await expect.poll(async () => (await chatNames(ann.page))[0]).toBe('Bob');
    await ann.page.getByTestId('chat-row').first().getByTestId('pinned').waitFor();
    await screenshot(ann.page, '72-pinned-chat');
    await ann.page.reload();
    await go(ann.page, '/chats');
    await expect.poll(async () => (await chatNames(ann.page))[0], { timeout: 15_000 }).toBe('Bob');
    await ann.page
      .locator('[data-testid=chat-row][data-name=Bob]')
      .locator('..')
      .getByTestId('chat-row-actions')
      .click();
    await ann.page.getByTestId('unpin-chat').click();
    await expect.poll(async () => (await chatNames(ann.page))[0]).not.toBe('Bob');
    expect(await ann.page.getByTestId('pinned').count()).toBe(0);

    for (const who of [ann, bob, cat]) await who.close();
  });

  it("opens an image full screen and steps between the chat's images", async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);
    await messageContact(ann.page, 'Bob');
    await send(ann.page, 'Two pictures from the crag');
    await ann.page
      .getByTestId('attach-input')
      .setInputFiles({ name: 'first.bmp', mimeType: 'image/bmp', buffer: picture(20) });
    await expect.poll(() => ann.page.getByTestId('message-image').count(), { timeout: 20_000 }).toBe(1);
    await ann.page
      .getByTestId('attach-input')
      .setInputFiles({ name: 'second.bmp', mimeType: 'image/bmp', buffer: picture(30) });
    await openChat(bob.page, 'Ann');
    await expect.poll(() => bob.page.getByTestId('message-image').count(), { timeout: 20_000 }).toBe(2);

    const viewerWidth = () =>
      bob.page
        .getByTestId('viewer-image')
        .evaluate((image) => (image as HTMLImageElement).naturalWidth)
        .catch(() => 0);
    await bob.page.getByTestId('open-viewer').first().click();
    await bob.page.getByTestId('image-viewer').waitFor();
    await expect.poll(viewerWidth, { timeout: 15_000 }).toBe(20);
    await screenshot(bob.page, '73-image-viewer');
    await bob.page.keyboard.press('ArrowRight');
    await expect.poll(viewerWidth, { timeout: 15_000 }).toBe(30);
    await bob.page.getByTestId('viewer-previous').click();
    await expect.poll(viewerWidth, { timeout: 15_000 }).toBe(20);
    await bob.page.keyboard.press('Escape');
    await bob.page.getByTestId('image-viewer').waitFor({ state: 'detached' });
    await bob.page.getByTestId('open-viewer').last().click();
    await expect.poll(viewerWidth, { timeout: 15_000 }).toBe(30);
    await bob.page.getByTestId('viewer-close').click();
    await bob.page.getByTestId('image-viewer').waitFor({ state: 'detached' });

    for (const who of [ann, bob]) await who.close();
  });
});
