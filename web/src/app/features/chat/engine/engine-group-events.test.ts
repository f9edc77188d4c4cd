// System lines for a group's membership changes (created, added, removed, left) between real
// ChatEngines (real MLS) over the fake delivery service, and a removed member's chat surviving
// a reload.
import { describe, expect, it } from 'vitest';
import { FakeServer } from './fake-server';
import { online, person, until, type Person } from './engine-testing';
import type { ChatMessage } from './messages';

type Line = { by: string; change: string; accounts: string[] };

/** The membership lines of a conversation on `who`'s device, in order. */
async function lines(who: Person, conversationId: string): Promise<Line[]> {
  return (await who.engine.messages(conversationId))
    .filter((message): message is ChatMessage & { system: { event: 'member' } } => message.system?.event === 'member')
    .map((message) => ({
      by: message.senderAccountId,
      change: message.system.change,
      accounts: message.system.accountIds,
    }));
}

const hasLine = (who: Person, conversationId: string, line: Line) => async () =>
  (await lines(who, conversationId)).some((seen) => JSON.stringify(seen) === JSON.stringify(line));

describe('group membership lines', { timeout: 60_000 }, () => {
  it('created, added, removed and left reach every member as lines, in order; the removed one keeps a read-only chat', async () => {
    const server = new FakeServer();
    const [ann, bob, cat, dan] = ['ann', 'bob', 'cat', 'dan'].map((name) => person(server, name)) as [
      Person,
      Person,
      Person,
      Person,
    ];
    await online(ann, bob, cat, dan);
    const conversationId = await ann.engine.createGroup('Trip', ['bob', 'cat']);
    const created = { by: 'ann', change: 'created', accounts: ['bob', 'cat'] };
    for (const who of [ann, bob, cat])
      await until(hasLine(who, conversationId, created), `${who.accountId} sees the creation`);

    await ann.engine.addMembers(conversationId, ['dan']);
    const added = { by: 'ann', change: 'added', accounts: ['dan'] };
    for (const who of [ann, bob, cat, dan])
      await until(hasLine(who, conversationId, added), `${who.accountId} sees dan added`);

    // Dan's screen keeps what the server showed it while he was a member.
    await dan.engine.rememberDetails(
      conversationId,
      await server.conversationsApi('dan', 'dan-dev').getConversation(conversationId),
    );
    await ann.engine.removeMember(conversationId, 'dan');
    const removed = { by: 'ann', change: 'removed', accounts: ['dan'] };
    for (const who of [ann, bob, cat, dan])
      await until(hasLine(who, conversationId, removed), `${who.accountId} sees dan removed`);
    expect((await dan.engine.conversation(conversationId)).removed).toBe(true);

    await cat.engine.leave(conversationId);
    const left = { by: 'cat', change: 'left', accounts: [] };
    for (const who of [ann, bob, cat])
      await until(hasLine(who, conversationId, left), `${who.accountId} sees cat leave`);
    // Someone commits the removal of Cat's leaves: that is no removal by anyone.
    await until(async () => !(await bob.engine.memberAccounts(conversationId)).includes('cat'), 'cat out of the tree');
    await bob.engine.sendText(conversationId, 'after cat');
    await until(
      async () => (await ann.engine.messages(conversationId)).some((m) => m.text === 'after cat'),
      'ann reads bob',
    );

    expect(await lines(bob, conversationId)).toEqual([created, added, removed, left]);
    expect(await lines(ann, conversationId)).toEqual([created, added, removed, left]);
    expect(await lines(cat, conversationId)).toEqual([created, added, removed, left]);
    expect((await cat.engine.conversation(conversationId)).left).toBe(true);

    // Dan's device after a reload (a new engine on the same storage): still removed, by Ann, with his history.
    const danHistory = await dan.engine.messages(conversationId);
    dan.engine.stop();
    const danAgain = person(server, 'dan', dan.db);
    await online(danAgain);
    expect((await danAgain.engine.conversation(conversationId)).removed).toBe(true);
    expect(await lines(danAgain, conversationId)).toEqual([added, removed]);
    expect((await danAgain.engine.messages(conversationId)).map((m) => m.key)).toEqual(danHistory.map((m) => m.key));
    const former = await danAgain.engine.formerConversations();
    expect(former.map((details) => details.conversation.id)).toEqual([conversationId]);
    expect(former[0]!.members.map((member) => member.accountId)).toEqual(
      expect.arrayContaining(['ann', 'bob', 'cat', 'dan']),
    );
  });

  it("a member's new device joining is no membership change: no line", async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    await online(ann, bob);
    const conversationId = await ann.engine.createGroup('Devices', ['bob']);
    await until(
      hasLine(bob, conversationId, { by: 'ann', change: 'created', accounts: ['bob'] }),
      'bob sees the creation',
    );
    const before = (await ann.engine.messages(conversationId)).length;

    const bobPhone = person(server, 'bob', undefined, 'bob-phone');
    await online(bobPhone);
    await until(() => bobPhone.engine.hasGroup(conversationId), "bob's phone added");
    await ann.engine.sendText(conversationId, 'hello both devices');
    await until(
      async () => (await bobPhone.engine.messages(conversationId)).some((m) => m.text === 'hello both devices'),
      'phone reads',
    );

    expect((await ann.engine.messages(conversationId)).length).toBe(before + 1);
    expect(await lines(bob, conversationId)).toEqual([{ by: 'ann', change: 'created', accounts: ['bob'] }]);
    expect(await lines(bobPhone, conversationId)).toEqual([]);
  });

  it('an announcement the MLS tree does not bear out is ignored', async () => {
    const server = new FakeServer();
    const [ann, bob, cat] = ['ann', 'bob', 'cat'].map((name) => person(server, name)) as [Person, Person, Person];
    await online(ann, bob, cat);
    const conversationId = await ann.engine.createGroup('Forgery', ['bob', 'cat']);
    await until(hasLine(cat, conversationId, { by: 'ann', change: 'created', accounts: ['bob', 'cat'] }), 'cat joined');
    // Bob claims to have removed Cat, who is still in the group, and to have added Dan, who is not.
    const groupSync = (
      bob.engine as unknown as {
        groupSync: { announce: (id: string, change: string, accounts: string[]) => Promise<string> };
      }
    ).groupSync;
    const announce = groupSync.announce.bind(groupSync);
    await announce(conversationId, 'removed', ['cat']);
    await announce(conversationId, 'added', ['dan']);
    await bob.engine.sendText(conversationId, 'marker');
    await until(
      async () => (await ann.engine.messages(conversationId)).some((m) => m.text === 'marker'),
      'ann got the marker',
    );
    expect(await lines(ann, conversationId)).toEqual([{ by: 'ann', change: 'created', accounts: ['bob', 'cat'] }]);
    expect((await ann.engine.messages(conversationId)).filter((m) => m.kind === 'system')).toHaveLength(1);
  });
});
