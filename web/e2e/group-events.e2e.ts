// A group's membership changes end to end, between three browser profiles against the real
// server: every member sees who created the group, who added, removed or left and who renamed
// it, as system lines in order; someone who left or was removed keeps a read-only chat with the
// group's name and history, also after a reload.
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

const systemLines = (page: Page) => page.getByTestId('system-line').allTextContents();

/** Opens a chat this person is no longer in, from the chat list (it has no composer to wait for). */
async function openFormerChat(page: Page, name: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await go(page, '/contacts');
        await go(page, '/chats');
        await page.locator('[data-testid=chats-list], [data-testid=chats-empty]').first().waitFor({ timeout: 10_000 });
        return page.getByTestId('chat-row').filter({ hasText: name }).count();
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  await page.getByTestId('chat-row').filter({ hasText: name }).click();
  await page.getByTestId('chat-removed').waitFor();
}

async function expectLines(page: Page, lines: string[]): Promise<void> {
  await expect.poll(() => systemLines(page), { timeout: 20_000 }).toEqual(lines);
}

describe('group events', { timeout: 240_000 }, () => {
  it('created, added, renamed, left and removed show as lines; the removed member keeps a read-only chat', async () => {
    const ann = await person('Ann');
    const bob = await person('Bob');
    const cat = await person('Cat');
    await befriend(ann, bob);
    await befriend(ann, cat);

    await createGroup(ann.page, 'Hut trip', [bob]);
    await expectLines(ann.page, ['You created the group', 'You added Bob']);
    await openChat(bob.page, 'Hut trip');
    await expectLines(bob.page, ['Ann created the group', 'Ann added you']);

    // Ann adds Cat: Bob sees it live, Cat sees who added her.
    await ann.page.getByTestId('group-members').click();
    await ann.page.locator(`[data-testid=member-add][data-username=${cat.username}]`).click();
    await expect.poll(() => ann.page.getByTestId('member').count(), { timeout: 15_000 }).toBe(3);
    await expectLines(bob.page, ['Ann created the group', 'Ann added you', 'Ann added Cat']);
    await openChat(cat.page, 'Hut trip');
    await expectLines(cat.page, ['Ann added you']);

    await ann.page.getByTestId('group-rename-input').fill('Hut crew');
    await ann.page.getByTestId('group-rename').click();
    await expectLines(cat.page, ['Ann added you', 'Ann renamed the group to Hut crew']);
    await expectLines(bob.page, [
      'Ann created the group',
      'Ann added you',
      'Ann added Cat',
      'Ann renamed the group to Hut crew',
    ]);

    // Bob leaves: the others see it, and his own chat stays, read-only.
    await bob.page.getByTestId('group-members').click();
    await bob.page.getByTestId('group-leave').click();
    await bob.page.waitForURL(/#\/chats$/);
    await expectLines(cat.page, ['Ann added you', 'Ann renamed the group to Hut crew', 'Bob left']);
    await openFormerChat(bob.page, 'Hut crew');
    await expectText(bob.page, 'chat-removed', 'You left the group');
    await expectLines(bob.page, [
      'Ann created the group',
      'Ann added you',
      'Ann added Cat',
      'Ann renamed the group to Hut crew',
      'You left the group',
    ]);
    expect(await bob.page.getByTestId('composer').count()).toBe(0);
    await screenshot(bob.page, '72-left-read-only');

    // Ann removes Cat, whose chat is open.
    await ann.page.getByTestId('member').filter({ hasText: 'Cat' }).getByTestId('member-remove').click();
    await expect.poll(() => ann.page.getByTestId('member').count(), { timeout: 15_000 }).toBe(1);
    await expectText(cat.page, 'chat-removed', 'You were removed by Ann');
    const catLines = ['Ann added you', 'Ann renamed the group to Hut crew', 'Bob left', 'You were removed by Ann'];
    await expectLines(cat.page, catLines);
    await go(ann.page, '/chats');
    await openChat(ann.page, 'Hut crew');
    await expectLines(ann.page, [
      'You created the group',
      'You added Bob',
      'You added Cat',
      'You renamed the group to Hut crew',
      'Bob left',
      'You removed Cat',
    ]);
    await screenshot(ann.page, '70-group-events');

    // After a reload Cat still has the chat: its name, the lines, no composer, no "Not found.".
    await cat.page.reload();
    await openFormerChat(cat.page, 'Hut crew');
    await expectText(cat.page, 'chat-removed', 'You were removed by Ann');
    await expectLines(cat.page, catLines);
    await expectText(cat.page, 'screen-title', 'Hut crew');
    expect(await cat.page.getByTestId('composer').count()).toBe(0);
    expect(await cat.page.getByTestId('group-members').count()).toBe(0);
    expect(await cat.page.getByText('Not found.').count()).toBe(0);
    await screenshot(cat.page, '71-removed-read-only');
    await ann.close();
    await bob.close();
    await cat.close();
  });
});
