// The chat's message features end to end, between browser profiles against the real server:
// delivery ticks (sent, delivered, read), edits and recalls within two minutes, image thumbnails,
// @mentions in a group, and renaming a group — all inside MLS application messages.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  baseUrl,
  befriend,
  createGroup,
  expectText,
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

async function waitForMessage(page: Page, text: string, timeout = 15_000): Promise<void> {
  await expect
    .poll(async () => (await messageTexts(page)).filter((shown) => shown === text).length, { timeout })
    .toBe(1);
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('send').click();
  await waitForMessage(page, text);
}

const tickOf = (page: Page, text: string) =>
  page
    .getByTestId('message')
    .filter({ hasText: text })
    .getByTestId('ticks')
    .getAttribute('data-state', { timeout: 2000 })
    .catch(() => null);

/** A 160×160 24-bit BMP (about 75 KB): large enough that the sender makes a thumbnail of it. */
function picture(): Buffer {
  const width = 160;
  const height = 160;
  const row = width * 3;
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
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = 54 + y * row + x * 3;
      bmp[at] = (x * 7 + y * 3) & 255;
      bmp[at + 1] = (y * 5) & 255;
      bmp[at + 2] = (x * 11) & 255;
    }
  }
  return bmp;
}

describe('chat features', { timeout: 240_000 }, () => {
  it('ticks go from sent to delivered to read; edits, recalls and thumbnails reach the other side', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    await befriend(ann, bob);

    // Bob's browser is away: Ann's message is stored by the server, one tick.
    await bob.page.goto('about:blank');
    await messageContact(ann.page, 'Bob');
    await send(ann.page, 'Meet at 8 at the crag');
    await expect.poll(() => tickOf(ann.page, 'Meet at 8'), { timeout: 15_000 }).toBe('sent');

    // Bob's device comes back and receives it (without opening the chat): two ticks.
    await bob.page.goto(baseUrl());
    await bob.page.getByTestId('tab-me').waitFor();
    await expect.poll(() => tickOf(ann.page, 'Meet at 8'), { timeout: 30_000 }).toBe('delivered');
    await screenshot(ann.page, '60-ticks-delivered');

    // Bob reads it: read.
    await openChat(bob.page, 'Ann');
    await waitForMessage(bob.page, 'Meet at 8 at the crag');
    await expect.poll(() => tickOf(ann.page, 'Meet at 8'), { timeout: 15_000 }).toBe('read');

    // Ann edits her message; Bob sees the new text marked as edited.
    const annsMessage = ann.page.getByTestId('message').filter({ hasText: 'Meet at 8' });
    await annsMessage.getByTestId('message-actions').click();
    await ann.page.getByTestId('edit').click();
    await ann.page.getByTestId('edit-banner').waitFor();
    await ann.page.getByTestId('composer').fill('Meet at 9 at the crag');
    await ann.page.getByTestId('send').click();
    await waitForMessage(ann.page, 'Meet at 9 at the crag');
    await waitForMessage(bob.page, 'Meet at 9 at the crag');
    await expect
      .poll(() => bob.page.getByTestId('message').filter({ hasText: 'Meet at 9' }).getByTestId('edited').count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await messageTexts(bob.page)).not.toContain('Meet at 8 at the crag');
    await screenshot(bob.page, '61-edited');

    // Ann recalls a second message; Bob sees "Message recalled" in its place.
    await send(ann.page, 'Oops, wrong chat');
    await waitForMessage(bob.page, 'Oops, wrong chat');
    await ann.page
      .getByTestId('message')
      .filter({ hasText: 'Oops, wrong chat' })
      .getByTestId('message-actions')
      .click();
    await ann.page.getByTestId('recall').click(); // the confirmation dialog is accepted by the harness
    await expect.poll(() => bob.page.getByTestId('recalled').count(), { timeout: 15_000 }).toBe(1);
    await expectText(bob.page, 'recalled', 'Message recalled');
    expect(await messageTexts(bob.page)).not.toContain('Oops, wrong chat');
    expect(await ann.page.getByTestId('recalled').count()).toBe(1);
    // Gone from Bob's device storage, not merely hidden.
    const stored = await bob.page.evaluate(async () => {
      const texts: string[] = [];
      for (const info of await indexedDB.databases()) {
        const open = indexedDB.open(info.name!);
        const db = await new Promise<IDBDatabase>((done, fail) => {
          open.onsuccess = () => done(open.result);
          open.onerror = () => fail(open.error);
        });
        for (const name of Array.from(db.objectStoreNames)) {
          const all = db.transaction(name).objectStore(name).getAll();
          texts.push(
            await new Promise<string>((done) => {
              all.onsuccess = () => done(JSON.stringify(all.result));
              all.onerror = () => done('');
            }),
          );
        }
        db.close();
      }
      return texts.join('\n');
    });
    expect(stored).toContain('Meet at 9 at the crag');
    expect(stored).not.toContain('Oops, wrong chat');
    await screenshot(bob.page, '62-recalled');

    // An image: Bob sees the thumbnail at once and the full picture when he taps it.
    await ann.page
      .getByTestId('attach-input')
      .setInputFiles({ name: 'crag.bmp', mimeType: 'image/bmp', buffer: picture() });
    await expect.poll(() => bob.page.getByTestId('message-thumbnail').count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(
        () => bob.page.getByTestId('message-thumbnail').evaluate((image) => (image as HTMLImageElement).naturalWidth),
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    expect(await bob.page.getByTestId('message-image').count()).toBe(0);
    await screenshot(bob.page, '63-thumbnail');
    await bob.page.getByTestId('open-image').click();
    await expect
      .poll(
        () =>
          bob.page
            .getByTestId('message-image')
            .evaluate((image) => (image as HTMLImageElement).naturalWidth)
            .catch(() => 0),
        { timeout: 15_000 },
      )
      .toBe(160);

    // Ticks after reconnecting: Ann is offline while Bob receives and reads her message, so she
    // misses the live marks; when she comes back and opens the chat the server's marks show "read".
    await bob.page.goto('about:blank');
    await send(ann.page, 'Are you coming?');
    await expect.poll(() => tickOf(ann.page, 'Are you coming?'), { timeout: 15_000 }).toBe('sent');
    await ann.page.goto('about:blank');
    await bob.page.goto(baseUrl());
    await openChat(bob.page, 'Ann');
    await waitForMessage(bob.page, 'Are you coming?');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the read mark reaches the server
    await ann.page.goto(baseUrl());
    await openChat(ann.page, 'Bob');
    await waitForMessage(ann.page, 'Are you coming?');
    await expect.poll(() => tickOf(ann.page, 'Are you coming?'), { timeout: 15_000 }).toBe('read');
    await screenshot(ann.page, '64-ticks-after-reconnect');
    await ann.close();
    await bob.close();
  });

  it('a group: an @mention is highlighted and marked in the list; a rename reaches everyone', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const cat = await person('Cat');
    await befriend(ann, bob);
    await befriend(ann, cat);

    await createGroup(ann.page, 'Crag crew', [bob, cat]);
    await send(ann.page, 'Welcome, both of you.');
    await openChat(cat.page, 'Crag crew');
    await waitForMessage(cat.page, 'Welcome, both of you.');
    await go(bob.page, '/chats');

    // Ann types "@Bo", picks Bob from the members offered, and sends.
    await ann.page.getByTestId('composer').pressSequentially('@Bo', { delay: 20 });
    await ann.page.locator('[data-testid=mention-option][data-name=Bob]').click();
    await ann.page.getByTestId('composer').pressSequentially('can you bring the rope?', { delay: 10 });
    await ann.page.getByTestId('send').click();
    await waitForMessage(ann.page, '@Bob can you bring the rope?');

    // Bob's list, open all along, marks the chat "@ mentioned" live until he reads it; Cat's does
    // not. (Counting right after navigating would race the list's reload and could never succeed.)
    await expect
      .poll(() => bob.page.getByTestId('chat-row').filter({ hasText: 'Crag crew' }).getByTestId('mentioned').count(), {
        timeout: 20_000,
      })
      .toBe(1);
    await expectText(bob.page, 'mentioned', '@ mentioned');
    await screenshot(bob.page, '64-mentioned-list');
    await waitForMessage(cat.page, '@Bob can you bring the rope?');
    expect(await cat.page.locator('[data-mentioned=me]').count()).toBe(0);

    await openChat(bob.page, 'Crag crew');
    await waitForMessage(bob.page, '@Bob can you bring the rope?');
    await expect.poll(() => bob.page.locator('[data-mentioned=me] mark.mention').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(bob.page, '65-mentioned-bubble');
    await go(bob.page, '/chats');
    await bob.page.getByTestId('chat-row').filter({ hasText: 'Crag crew' }).waitFor();
    expect(await bob.page.getByTestId('mentioned').count()).toBe(0);

    // Ann renames the group; Cat, in the chat, sees the system line and the new title live.
    await ann.page.getByTestId('group-members').click();
    await ann.page.getByTestId('group-rename-input').fill('Summit team');
    await ann.page.getByTestId('group-rename').click();
    await expect
      .poll(() => cat.page.getByTestId('system-line').allTextContents(), { timeout: 10_000 })
      .toContain('Ann renamed the group to Summit team');
    await expectText(cat.page, 'screen-title', 'Summit team');
    await screenshot(cat.page, '66-renamed');
    await openChat(bob.page, 'Summit team');
    await expect
      .poll(() => bob.page.getByTestId('system-line').allTextContents(), { timeout: 10_000 })
      .toContain('Ann renamed the group to Summit team');
    await ann.close();
    await bob.close();
    await cat.close();
  });
});
