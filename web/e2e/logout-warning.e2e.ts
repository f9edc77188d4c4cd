// Before logging out, the Me screen says how much history this device holds (it exists nowhere
// else), offers the encrypted backup, and Log out asks once more with the count.
import { describe, expect, it } from 'vitest';
import { befriend, go, messageContact, registeredPerson, screenshot, sharedBrowser } from './harness';

const browser = sharedBrowser();

describe('logout warning', { timeout: 180_000 }, () => {
  it('shows the device history counts, links to the backup and confirms with the count', async () => {
    const ann = await registeredPerson(browser(), 'Ann');
    const bob = await registeredPerson(browser(), 'Bob');

    // No history yet: no warning.
    await go(ann.page, '/me');
    await ann.page.getByTestId('me-name').waitFor();
    expect(await ann.page.getByTestId('logout-warning').count()).toBe(0);

    await befriend(ann, bob);
    await messageContact(ann.page, 'Bob');
    for (const text of ['One', 'Two']) {
      await ann.page.getByTestId('composer').fill(text);
      await ann.page.getByTestId('send').click();
    }
    await expect.poll(() => ann.page.getByTestId('message').count(), { timeout: 15_000 }).toBe(2);

    await go(ann.page, '/me');
    const warning = ann.page.getByTestId('logout-warning');
    await expect.poll(() => warning.textContent(), { timeout: 10_000 }).toContain('(chats: 1, messages: 2)');
    expect(await ann.page.getByTestId('logout-backup').getAttribute('href')).toBe('#/me/backup');
    await warning.scrollIntoViewIfNeeded();
    await screenshot(ann.page, '92-logout-warning');

    const asked: string[] = [];
    ann.page.on('dialog', (dialog) => asked.push(dialog.message())); // the harness accepts it
    await ann.page.getByTestId('logout').click();
    await ann.page.getByTestId('register-form').waitFor();
    expect(asked).toEqual(['Log out and delete 2 messages from this device?']);
  });
});
