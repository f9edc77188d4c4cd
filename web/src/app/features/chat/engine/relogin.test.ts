import { describe, expect, it } from 'vitest';
import { members, type GroupState } from '../../../mls/mls';
import { online, person, type Person, texts, threeWithAGroup, until } from './engine-testing';
import { memoryLocalDb } from '../../../store/local-db';

/** The device ids of the leaves of `who`'s MLS group (from the verified credentials). */
async function leaves(who: Person, conversationId: string): Promise<string[]> {
  const state = (who.engine as unknown as { state: { group(id: string): Promise<GroupState | undefined> } }).state;
  const group = await state.group(conversationId);
  return group ? members(group).map((leaf) => leaf.deviceId) : [];
}

describe('logging out and in again', { timeout: 60_000 }, () => {
  it('a member who logs out and in again is in the group again, reads what is sent after, and is read; twice', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('relogin');
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    await ann.engine.sendText(conversationId, 'before the logout');
    await until(async () => (await texts(cat, conversationId)).includes('before the logout'), 'cat read it');

    let catNow = cat;
    for (let round = 1; round <= 2; round++) {
      // Me → Log out: the server forgets the device (keys, cursors), the browser its chat database.
      const loggedOut = catNow.deviceId;
      // The second time nobody connected hears of the logout: the add of the new device takes the old leaf out.
      server.removalsUnannounced = round === 2;
      server.revokeDevice('cat', loggedOut);
      catNow.engine.stop();
      catNow = person(server, 'cat', memoryLocalDb(), `cat-login${round}`);
      await online(catNow);
      const relogged = catNow;
      await until(() => relogged.engine.hasGroup(conversationId), `cat's new device joined (round ${round})`);
      const local = await relogged.engine.conversation(conversationId);
      expect(local.joinFailed, 'the Welcome checked out').toBeFalsy();
      expect(local.lost).toBeFalsy();
      // The logged-out device's leaf went with the commit that added the new one.
      for (const member of [ann, bob, relogged]) {
        await until(
          async () => (await leaves(member, conversationId)).includes(relogged.deviceId),
          'new leaf everywhere',
        );
        expect(await leaves(member, conversationId)).not.toContain(loggedOut);
      }
      // Earlier history is not on the new device, and the chat says so.
      const notices = (await relogged.engine.messages(conversationId)).filter(
        (message) => message.system?.event === 'history',
      );
      expect(notices).toHaveLength(1);

      await bob.engine.sendText(conversationId, `after login ${round}`);
      await until(
        async () => (await texts(relogged, conversationId)).includes(`after login ${round}`),
        'cat reads bob',
      );
      await relogged.engine.sendText(conversationId, `cat is back ${round}`);
      await until(async () => (await texts(ann, conversationId)).includes(`cat is back ${round}`), 'ann reads cat');
      await until(async () => (await texts(bob, conversationId)).includes(`cat is back ${round}`), 'bob reads cat');
      expect((await relogged.engine.messages(conversationId)).some((message) => message.kind === 'undecryptable')).toBe(
        false,
      );
    }
  });

  it('a new device whose Welcome still held the logged-out leaf asks to rejoin and is added again without it', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('heals');
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    server.removalsUnannounced = true;
    server.revokeDevice('cat', cat.deviceId);
    cat.engine.stop();
    // The member list is unreachable while the new device is added (as for a chat broken before
    // adds took logged-out leaves out): the add goes ahead and leaves the old leaf in.
    for (const member of ['ann', 'bob'])
      server.afterNextDetails.set(member, async () => {
        throw new Error('offline');
      });
    const catAgain = person(server, 'cat', memoryLocalDb(), 'cat-again');
    await online(catAgain);

    await until(
      async () =>
        (await catAgain.engine.conversation(conversationId)).lost === false && catAgain.engine.hasGroup(conversationId),
      'added again after asking',
    );
    await until(async () => !(await leaves(ann, conversationId)).includes(cat.deviceId), 'the old leaf is gone at ann');
    await bob.engine.sendText(conversationId, 'can you read this?');
    await until(async () => (await texts(catAgain, conversationId)).includes('can you read this?'), 'cat reads bob');
  });

  it("a connected member takes a logged-out device's leaf out of its groups at once, without opening anything", async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('announced');
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    const epoch = server.conversations.get(conversationId)!.epoch;
    server.revokeDevice('cat', cat.deviceId);
    cat.engine.stop();
    for (const member of [ann, bob]) {
      await until(async () => !(await leaves(member, conversationId)).includes(cat.deviceId), 'the leaf is gone');
    }
    await new Promise((resolve) => setTimeout(resolve, 600)); // every fallback step has passed
    expect(server.conversations.get(conversationId)!.epoch, 'one commit').toBe(epoch + 1);
  });

  it('the leaf of a device that logged out is taken out of the group when a member opens the chat', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('logout only');
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    server.removalsUnannounced = true; // nobody connected heard of it
    server.revokeDevice('cat', cat.deviceId);
    cat.engine.stop();
    expect(await leaves(bob, conversationId)).toContain(cat.deviceId);

    await bob.engine.addMissingDevices(conversationId); // what opening the chat does
    await until(async () => !(await leaves(ann, conversationId)).includes(cat.deviceId), 'ann processed the removal');
    expect(await leaves(bob, conversationId)).not.toContain(cat.deviceId);
    expect(server.conversations.get(conversationId)!.members.has('cat'), 'cat is still a member').toBe(true);
    await ann.engine.sendText(conversationId, 'still here');
    await until(async () => (await texts(bob, conversationId)).includes('still here'), 'bob reads ann');
  });

  it('a device that could not join sends no read marks, so nobody is shown as having read what it cannot', async () => {
    const { server, ann, bob, conversationId } = await threeWithAGroup('no false reads');
    await bob.engine.sendText(conversationId, 'hello');
    await until(async () => (await texts(ann, conversationId)).includes('hello'), 'ann got it');
    // Ann's device lost its place in the group (as after a Welcome it could not use).
    const internals = (
      ann.engine as unknown as {
        state: {
          run(task: () => Promise<void>): Promise<void>;
          saveConversation(id: string, local: unknown): Promise<void>;
        };
      }
    ).state;
    await internals.run(async () =>
      internals.saveConversation(conversationId, {
        ...(await ann.engine.conversation(conversationId)),
        lost: true,
        unread: 1,
      }),
    );
    await ann.engine.setOpenConversation(conversationId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.readCursors.get(`ann/${conversationId}`) ?? 0).toBe(0);
  });
});
