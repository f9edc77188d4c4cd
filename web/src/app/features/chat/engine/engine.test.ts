import { describe, expect, it } from 'vitest';
import { fromBase64, messageEpoch } from '../../../mls/mls';
import { committerRank } from './device-sync';
import { annAndBobInADirectChat, online, person, type Person, texts, threeWithAGroup, until } from './engine-testing';
import { FakeServer } from './fake-server';
import { memoryLocalDb } from '../../../store/local-db';

describe('ChatEngine against a fake delivery service', { timeout: 30_000 }, () => {
  it('two people chat both ways in a direct conversation', async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    await online(ann, bob);
    const conversationId = await ann.engine.openDirect('bob');
    // Bob writes before his device has joined: the message waits for the Welcome, then leaves.
    await bob.engine.sendText(conversationId, 'early bird');
    await until(() => bob.engine.hasGroup(conversationId), 'bob joined');
    await until(async () => (await texts(ann, conversationId)).includes('early bird'), 'ann got the early message');
    await ann.engine.sendText(conversationId, 'hi bob');
    await until(async () => (await texts(bob, conversationId)).includes('hi bob'), 'bob got it');
    await bob.engine.sendText(conversationId, 'hi ann');
    await until(async () => (await texts(ann, conversationId)).includes('hi ann'), 'ann got it');
    expect(await texts(ann, conversationId)).toEqual(['early bird', 'hi bob', 'hi ann']);
    expect((await bob.engine.conversation(conversationId)).unread).toBe(1);
    await until(
      async () => (await ann.engine.messages(conversationId)).find((m) => m.text === 'hi bob')!.status === 'sent',
      'sent',
    );

    // Bob opens the chat: his unread count clears and Ann learns how far he read.
    await bob.engine.setOpenConversation(conversationId);
    expect((await bob.engine.conversation(conversationId)).unread).toBe(0);
    const bobLastSeq = (await bob.engine.conversation(conversationId)).lastSeq;
    await until(async () => (await ann.engine.conversation(conversationId)).readUpTo?.bob === bobLastSeq, 'read mark');

    // Typing is relayed and shown for a few seconds.
    bob.engine.notifyTyping(conversationId);
    await until(() => ann.engine.typingAccounts(conversationId).includes('bob'), 'typing shown');
  });

  it('a group: a third person joins, a removed member gets nothing afterwards', async () => {
    const { ann, bob, cat, conversationId } = await threeWithAGroup('trio');
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    await cat.engine.sendText(conversationId, 'cat here');
    await until(async () => (await texts(bob, conversationId)).includes('cat here'), 'bob got cat');
    await until(async () => (await texts(ann, conversationId)).includes('cat here'), 'ann got cat');

    await ann.engine.removeMember(conversationId, 'bob');
    await until(async () => (await bob.engine.conversation(conversationId)).removed === true, 'bob told');
    await ann.engine.sendText(conversationId, 'bob is gone');
    await until(async () => (await texts(cat, conversationId)).includes('bob is gone'), 'cat got it');
    expect(await texts(bob, conversationId)).not.toContain('bob is gone');
    expect(await ann.engine.memberAccounts(conversationId)).toEqual(expect.arrayContaining(['ann', 'cat']));
    expect(await ann.engine.memberAccounts(conversationId)).not.toContain('bob');
  });

  it('messages composed offline leave on reconnect; re-delivered envelopes are shown once', async () => {
    const { server, ann, bob, conversationId } = await annAndBobInADirectChat();

    // Bob goes offline; Ann sends three; Bob also writes one while offline.
    bob.offline = true;
    bob.socket!.drop();
    await until(() => bob.engine.status !== 'online', 'bob offline');
    for (const text of ['one', 'two', 'three']) await ann.engine.sendText(conversationId, text);
    await until(async () => (await ann.engine.outbox.list()).length === 0, 'ann sent all three');
    await bob.engine.sendText(conversationId, 'written offline');
    expect((await bob.engine.outbox.list()).map((item) => item.payload.type === 'text' && item.payload.text)).toEqual([
      'written offline',
    ]);

    server.redeliver = true; // catch-up sends every envelope twice
    bob.offline = false;
    bob.engine.reconnectNow();
    await until(async () => (await texts(bob, conversationId)).includes('three'), 'bob caught up');
    await until(async () => (await texts(ann, conversationId)).includes('written offline'), 'ann got the offline one');
    await until(async () => (await bob.engine.outbox.list()).length === 0, 'outbox empty');
    expect(await texts(bob, conversationId)).toEqual(['one', 'two', 'three', 'written offline']);
    expect(await texts(ann, conversationId)).toEqual(['one', 'two', 'three', 'written offline']);

    // A reload: Bob's state comes from his database, and catch-up after the cursor adds nothing twice.
    bob.engine.stop();
    const bobAgain = person(server, 'bob', bob.db);
    await online(bobAgain);
    await ann.engine.sendText(conversationId, 'after reload');
    await until(async () => (await texts(bobAgain, conversationId)).includes('after reload'), 'bob after reload');
    expect(await texts(bobAgain, conversationId)).toEqual(['one', 'two', 'three', 'written offline', 'after reload']);
  });

  it("after a reload, the read mark waits for the new connection's catch-up instead of being refused", async () => {
    const { server, ann, bob, conversationId } = await annAndBobInADirectChat();
    // Bob's acks of the next messages never reach the database (the server flushes cursors in
    // batches and Bob reloads before the flush); the reloaded device opens the chat at once,
    // while the server is still catching it up.
    server.acksLost = true;
    for (const text of ['one', 'two']) await ann.engine.sendText(conversationId, text);
    await until(async () => (await texts(bob, conversationId)).includes('two'), 'bob got both');
    bob.engine.stop();
    server.acksLost = false;
    server.catchUpDelayMillis = 200;
    const bobAgain = person(server, 'bob', bob.db);
    await bobAgain.engine.start();
    await until(() => bobAgain.socket?.readyState === 1, 'socket open');
    await bobAgain.engine.setOpenConversation(conversationId);
    expect((await bobAgain.engine.conversation(conversationId)).unread).toBe(0);
    const lastSeq = (await bobAgain.engine.conversation(conversationId)).lastSeq;
    await until(
      async () => (await ann.engine.conversation(conversationId)).readUpTo?.bob === lastSeq,
      'ann sees the read mark',
    );
    expect(server.refused).toEqual([]);
  });

  it('two admins commit at once: the loser processes the winner and retries its change', async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    const cat = person(server, 'cat');
    const dan = person(server, 'dan');
    await online(ann, bob, cat, dan);
    const conversationId = await ann.engine.createGroup('race', ['bob']);
    await until(() => bob.engine.hasGroup(conversationId), 'bob joined');
    // Both add someone at the same epoch; the fake server accepts one commit per epoch.
    await Promise.all([ann.engine.addMembers(conversationId, ['cat']), bob.engine.addMembers(conversationId, ['dan'])]);
    await until(() => cat.engine.hasGroup(conversationId) && dan.engine.hasGroup(conversationId), 'both joined');
    await dan.engine.sendText(conversationId, 'dan says hi');
    for (const who of [ann, bob, cat]) {
      await until(async () => (await texts(who, conversationId)).includes('dan says hi'), `${who.accountId} got dan`);
    }
    expect(server.conversations.get(conversationId)!.epoch).toBe(3);
  });

  it("a member's new device is added to every shared conversation by one member's device, without opening a chat", async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    const cat = person(server, 'cat');
    await online(ann, bob, cat);
    const direct = await ann.engine.openDirect('bob');
    const group = await cat.engine.createGroup('three', ['ann', 'bob']);
    await until(
      () => bob.engine.hasGroup(direct) && bob.engine.hasGroup(group) && ann.engine.hasGroup(group),
      'joined',
    );
    await ann.engine.sendText(direct, 'before the new phone');
    const epochs = () => [direct, group].map((id) => server.conversations.get(id)!.epoch);
    const before = epochs();

    // Bob's phone uploads its first key packages; the server announces it; one leaf per
    // conversation commits the add (the others find it done), nobody opened anything.
    const bobPhone = person(server, 'bob', memoryLocalDb(), 'bob-phone');
    await online(bobPhone);
    await until(() => bobPhone.engine.hasGroup(direct) && bobPhone.engine.hasGroup(group), 'phone added to both');
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // every fallback step has passed
    expect(epochs()).toEqual(before.map((epoch) => epoch + 1));

    await ann.engine.sendText(direct, 'after the new phone');
    await until(async () => (await texts(bobPhone, direct)).includes('after the new phone'), 'phone reads');
    await until(async () => (await texts(bob, direct)).includes('after the new phone'), 'laptop reads');
    expect(await texts(bobPhone, direct)).toEqual(['after the new phone']);
    await bobPhone.engine.sendText(group, 'from the phone');
    await until(async () => (await texts(cat, group)).includes('from the phone'), 'cat reads the phone');
    await until(async () => (await texts(bob, group)).includes('from the phone'), 'laptop reads the phone');
    await ann.engine.addMissingDevices(direct); // nothing missing any more: no commit
    expect(epochs()).toEqual(before.map((epoch) => epoch + 1));
  });

  it('when every member adds the new device at once, one commit wins and the others commit nothing', async () => {
    const server = new FakeServer();
    const [ann, bob, cat] = ['ann', 'bob', 'cat'].map((name) =>
      person(server, name, memoryLocalDb(), `${name}-dev`, 0),
    ) as [Person, Person, Person];
    await online(ann, bob, cat);
    const group = await ann.engine.createGroup('race', ['bob', 'cat']);
    await until(() => bob.engine.hasGroup(group) && cat.engine.hasGroup(group), 'joined');
    const epoch = server.conversations.get(group)!.epoch;
    const conflicts = () => server.conflicts;
    const annTablet = person(server, 'ann', memoryLocalDb(), 'ann-tablet', 0);
    await online(annTablet);
    await until(() => annTablet.engine.hasGroup(group), 'tablet added');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.conversations.get(group)!.epoch).toBe(epoch + 1);
    expect(conflicts()).toBeGreaterThan(0); // they did race
    await annTablet.engine.sendText(group, 'from the tablet');
    for (const who of [ann, bob, cat]) {
      await until(
        async () => (await texts(who, group)).includes('from the tablet'),
        `${who.accountId} reads the tablet`,
      );
    }
  });

  it("one device's commits to a conversation go one at a time, so a second never replaces the first's pending state", async () => {
    const { server, ann, bob, conversationId } = await annAndBobInADirectChat();
    const bobPhone = person(server, 'bob', memoryLocalDb(), 'bob-phone', 60_000); // nobody adds it by the hint
    await online(bobPhone);
    // The chat screen and the background check both find Bob's phone missing, at the same moment.
    await Promise.all([ann.engine.addMissingDevices(conversationId), ann.engine.addMissingDevices(conversationId)]);
    await until(() => bobPhone.engine.hasGroup(conversationId), 'phone added');
    const c = server.conversations.get(conversationId)!;
    expect(c.envelopes.filter((e) => e.kind === 'commit')).toHaveLength(2); // the first add of Bob, then the phone
    await until(
      async () =>
        (await ann.engine.memberAccounts(conversationId)).length === 2 &&
        (await ann.engine.conversation(conversationId)).lastSeq >= c.envelopes.length,
      'ann caught up',
    );
    await ann.engine.sendText(conversationId, 'to both of your devices');
    for (const who of [bob, bobPhone]) {
      await until(
        async () => (await texts(who, conversationId)).includes('to both of your devices'),
        `${who.deviceId} reads it`,
      );
    }
  });

  it('when the first-ranked member is offline the next one adds the new device; offline members check on reconnect', async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    const cat = person(server, 'cat');
    await online(ann, bob, cat);
    const group = await ann.engine.createGroup('fallback', ['bob', 'cat']);
    await until(() => bob.engine.hasGroup(group) && cat.engine.hasGroup(group), 'joined');
    const leaves = [...server.conversations.get(group)!.leaves.keys()];
    const first = [ann, bob, cat].find((who) => committerRank(group, 'ann-tablet', leaves, who.deviceId) === 0)!;
    first.offline = true;
    first.socket!.drop();
    await until(() => first.engine.status !== 'online', 'first-ranked offline');
    const annTablet = person(server, 'ann', memoryLocalDb(), 'ann-tablet');
    await online(annTablet);
    await until(() => annTablet.engine.hasGroup(group), 'tablet added by a fallback member');
    expect(server.conversations.get(group)!.envelopes.at(-1)!.senderDeviceId).not.toBe(first.deviceId);

    // A device announced while every member was offline is found by the check after connecting.
    for (const who of [ann, bob, cat]) {
      who.offline = true;
      who.socket?.drop();
    }
    await until(() => [ann, bob, cat].every((who) => who.engine.status !== 'online'), 'all offline');
    const bobPhone = person(server, 'bob', memoryLocalDb(), 'bob-phone');
    await online(bobPhone);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bobPhone.engine.hasGroup(group)).toBe(false);
    cat.offline = false;
    cat.engine.reconnectNow();
    await until(() => bobPhone.engine.hasGroup(group), 'phone added by the reconnect check');
  });

  it('a commit or Welcome that cannot be checked while the key directory is unreachable is processed when it comes again', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('flaky directory');
    // Checking Cat's credential needs the directory: for Bob (processing the commit) and for Cat
    // (joining by the Welcome) it is unreachable for a moment, though their sockets stay up.
    server.directoryDownFor.add(bob.deviceId);
    server.directoryDownFor.add(cat.deviceId);
    await ann.engine.addMembers(conversationId, ['cat']);
    await ann.engine.sendText(conversationId, 'hello cat');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cat.engine.hasGroup(conversationId)).toBe(false);
    expect(await texts(bob, conversationId)).not.toContain('hello cat');
    server.directoryDownFor.clear();

    for (const who of [bob, cat]) {
      await until(async () => (await texts(who, conversationId)).includes('hello cat'), `${who.accountId} reads it`);
      const local = await who.engine.conversation(conversationId);
      expect(local.joinFailed).toBeFalsy();
      expect((await who.engine.messages(conversationId)).filter((m) => m.kind === 'undecryptable')).toEqual([]);
    }
    await cat.engine.sendText(conversationId, 'hi all');
    await until(async () => (await texts(bob, conversationId)).includes('hi all'), 'bob reads cat');
    await until(async () => (await texts(ann, conversationId)).includes('hi all'), 'ann reads cat');
  });

  it('an add also takes out the leaves of someone who left, so the new member can check every leaf it joins', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('after a leave');
    // Bob has left on the server, but nobody has committed his leaves' removal yet. Cat is not
    // his contact and now shares no conversation with him: the directory hides his keys from her.
    server.keysHiddenFrom.set('cat', new Set(['bob']));
    const c = server.conversations.get(conversationId)!;
    c.members.delete('bob');
    c.leaves.delete(bob.deviceId);
    expect(await ann.engine.memberAccounts(conversationId)).toContain('bob');

    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    expect((await cat.engine.conversation(conversationId)).joinFailed).toBeFalsy();
    expect(await ann.engine.memberAccounts(conversationId)).not.toContain('bob');
    expect(await cat.engine.memberAccounts(conversationId)).toEqual(expect.arrayContaining(['ann', 'cat']));
    await ann.engine.sendText(conversationId, 'welcome cat');
    await until(async () => (await texts(cat, conversationId)).includes('welcome cat'), 'cat reads it');
  });

  it('a member list from before a re-add does not take out the re-added member', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('re-added');
    const dan = person(server, 'dan');
    await online(dan);
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    // Bob leaves on the server; his leaf is still in the tree.
    const c = server.conversations.get(conversationId)!;
    c.members.delete('bob');
    c.leaves.delete(bob.deviceId);
    // Ann's add of Dan asks for the members and learns Bob is gone; before her answer arrives,
    // Cat adds Bob back (the same device, a new leaf) and Ann processes that commit.
    server.afterNextDetails.set('ann', async () => {
      await cat.engine.addMembers(conversationId, ['bob']);
      await until(() => server.conversations.get(conversationId)!.members.has('bob'), 'bob re-added');
      const seq = Math.max(...c.envelopes.map((envelope) => envelope.seq));
      await until(
        () => (server.cursors.get(`${ann.deviceId}/${conversationId}`) ?? 0) >= seq,
        'ann processed the re-add',
      );
    });
    await ann.engine.addMembers(conversationId, ['dan']);
    await until(() => dan.engine.hasGroup(conversationId), 'dan joined');
    expect(await ann.engine.memberAccounts(conversationId)).toEqual(expect.arrayContaining(['bob', 'dan']));
    await ann.engine.sendText(conversationId, 'still with us, bob');
    await until(async () => (await texts(bob, conversationId)).includes('still with us, bob'), 'bob reads it');
  });

  it('a device that cannot follow a commit asks to be added again; a member does, and it reads what it missed', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('lost and found');
    // Bob's directory refuses Cat's keys (as for someone who left before Bob got to the add):
    // Bob cannot check the commit adding Cat and loses his place in the group.
    server.keysHiddenFrom.set('bob', new Set(['cat']));
    server.rejoinsUnannounced = true; // nobody hears of it until Ann opens the chat
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(async () => (await bob.engine.conversation(conversationId)).lost === true, 'bob lost his place');
    await until(
      () => server.conversations.get(conversationId)!.rejoin?.has(bob.deviceId) === true,
      'bob asked to rejoin',
    );
    server.keysHiddenFrom.delete('bob');
    await ann.engine.sendText(conversationId, 'sent while bob was lost');
    await until(
      async () => (await bob.engine.messages(conversationId)).some((m) => m.kind === 'undecryptable'),
      'bob cannot read it yet',
    );

    // Ann opens the chat: her device finds the request and re-adds Bob (old leaf out, a Welcome).
    await ann.engine.addMissingDevices(conversationId);
    await until(async () => (await bob.engine.conversation(conversationId)).lost === false, 'bob is back', 15_000);
    expect(server.conversations.get(conversationId)!.rejoin?.size ?? 0).toBe(0);
    await cat.engine.sendText(conversationId, 'hello again, bob');
    await until(async () => (await texts(bob, conversationId)).includes('hello again, bob'), 'bob reads what follows');
    await until(
      async () => (await texts(bob, conversationId)).includes('sent while bob was lost'),
      'the resend of what he could not read',
      15_000,
    );
    expect((await bob.engine.messages(conversationId)).filter((m) => m.kind === 'undecryptable')).toEqual([]);
    const leaves = [...server.conversations.get(conversationId)!.leaves.keys()];
    expect(leaves.filter((leaf) => leaf === bob.deviceId)).toHaveLength(1);
  });

  it('a rejoining device that got envelopes past the re-adding commit before its Welcome goes on from there', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('welcome comes last');
    server.keysHiddenFrom.set('bob', new Set(['cat']));
    server.rejoinsUnannounced = true;
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(async () => (await bob.engine.conversation(conversationId)).lost === true, 'bob lost his place');
    await until(
      () => server.conversations.get(conversationId)!.rejoin?.has(bob.deviceId) === true,
      'bob asked to rejoin',
    );
    server.keysHiddenFrom.delete('bob');
    // The re-adding commit and the next message reach Bob before his Welcome, as when the
    // server wrote them in one batch (its envelopes go out before its Welcomes).
    server.hold(bob.deviceId, { items: true });
    await ann.engine.addMissingDevices(conversationId);
    await ann.engine.sendText(conversationId, 'right after the re-add');
    await until(() => (server.held.get(bob.deviceId) ?? []).length === 3, 'commit, Welcome and message held');
    const held = server.held.get(bob.deviceId)!;
    held.push(
      ...held.splice(
        held.findIndex((frame) => frame.type === 'item'),
        1,
      ),
    );
    server.release(bob.deviceId);

    await until(async () => (await bob.engine.conversation(conversationId)).lost === false, 'bob is back');
    await cat.engine.sendText(conversationId, 'and the one after');
    await until(async () => (await texts(bob, conversationId)).includes('and the one after'), 'bob reads what follows');
    await until(
      async () => (await texts(bob, conversationId)).includes('right after the re-add'),
      'its resend',
      15_000,
    );
  });

  it('a member connected when a device asks to rejoin adds it again at once', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('heard live');
    server.keysHiddenFrom.set('bob', new Set(['cat']));
    await ann.engine.addMembers(conversationId, ['cat']);
    // Bob's directory works again by the time a member builds the commit re-adding him.
    const unhide = async () => {
      server.keysHiddenFrom.delete('bob');
    };
    server.afterNextDetails.set('ann', unhide);
    server.afterNextDetails.set('cat', unhide);
    expect(server.keysHiddenFrom.has('bob'), 'still hidden when Bob gets the add').toBe(true);
    await until(async () => (await bob.engine.conversation(conversationId)).lost === true, 'bob lost his place');
    await until(async () => (await bob.engine.conversation(conversationId)).lost === false, 'bob is back', 15_000);
    const rejoinCommits =
      server.conversations.get(conversationId)!.envelopes.filter((e) => e.kind === 'commit').length - 2;
    expect(rejoinCommits, 'one member re-added him, once').toBe(1);
    await cat.engine.sendText(conversationId, 'welcome back');
    await until(async () => (await texts(bob, conversationId)).includes('welcome back'), 'bob reads it');
  });

  it('what a removed member had queued is marked as not sent, and the outbox moves on', async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    const cat = person(server, 'cat');
    await online(ann, bob, cat);
    const group = await ann.engine.createGroup('removal', ['bob']);
    const direct = await bob.engine.openDirect('cat');
    await until(() => bob.engine.hasGroup(group) && cat.engine.hasGroup(direct), 'groups joined');
    await ann.engine.removeMember(group, 'bob');
    await until(async () => (await bob.engine.conversation(group)).removed === true, 'bob processed his removal');

    await bob.engine.sendText(group, 'too late');
    await bob.engine.sendText(direct, 'still here');
    await until(async () => (await texts(cat, direct)).includes('still here'), 'the other chat still sends');
    await until(async () => (await bob.engine.outbox.list()).length === 0, 'outbox empty');
    expect((await bob.engine.messages(group)).find((m) => m.text === 'too late')!.status).toBe('failed');
    expect(
      server.conversations
        .get(group)!
        .envelopes.some((e) => e.senderDeviceId === bob.deviceId && e.kind === 'application'),
    ).toBe(false);
  });

  it('a message written before the sender saw a commit is refused, sent again on the new epoch, and read by all', async () => {
    const { server, ann, bob, cat, conversationId } = await threeWithAGroup('late');
    // Bob's link is slow: he has not seen the commit adding Cat when he writes, so his message
    // is encrypted for the epoch before Cat joined. The server refuses it (epoch_conflict).
    server.hold(bob.deviceId);
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    const refusedBefore = server.conflicts;
    await bob.engine.sendText(conversationId, 'written on the old epoch');
    await until(() => server.conflicts > refusedBefore, 'the stale send refused');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.conversations.get(conversationId)!.envelopes.some((e) => e.senderDeviceId === bob.deviceId)).toBe(
      false,
    );
    expect((await bob.engine.messages(conversationId)).find((m) => m.text === 'written on the old epoch')!.status).toBe(
      'pending',
    );

    server.release(bob.deviceId); // Bob processes the commit, encrypts again and sends
    for (const who of [ann, cat]) {
      await until(
        async () => (await texts(who, conversationId)).includes('written on the old epoch'),
        `${who.accountId} reads it`,
      );
      const list = await who.engine.messages(conversationId);
      expect(list.filter((m) => m.kind === 'undecryptable')).toEqual([]);
      expect(list.filter((m) => m.text === 'written on the old epoch')).toHaveLength(1);
    }
    await until(
      async () =>
        (await bob.engine.messages(conversationId)).find((m) => m.text === 'written on the old epoch')!.status ===
        'sent',
      'sent',
    );
    const stored = server.conversations.get(conversationId)!.envelopes.filter((e) => e.senderDeviceId === bob.deviceId);
    expect(stored).toHaveLength(1);
    expect(messageEpoch(fromBase64(stored[0]!.ciphertext))).toBe(server.conversations.get(conversationId)!.epoch);
    expect(cat.engine.resends.stats.requestsSent).toBe(0);
  });

  it('a message a relay stored on the old epoch is asked for again by the device just added and shown once', async () => {
    const server = new FakeServer();
    server.staleEpochsAccepted = true;
    const { ann, bob, cat, conversationId } = await threeWithAGroup('late', server);
    // Bob's link is slow: he has not seen the commit adding Cat when he writes, so his message
    // is encrypted for the epoch before Cat joined. The server delivers it to Cat all the same.
    server.hold(bob.deviceId);
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    await bob.engine.sendText(conversationId, 'sent on the old epoch');
    await until(
      async () => (await cat.engine.messages(conversationId)).some((m) => m.resend === 'waiting'),
      'placeholder',
    );
    await until(async () => (await texts(ann, conversationId)).includes('sent on the old epoch'), 'ann reads it');

    server.release(bob.deviceId); // Bob catches up, reads Cat's request, sends the message again
    await until(async () => (await texts(cat, conversationId)).includes('sent on the old epoch'), 'cat got the resend');
    const catList = await cat.engine.messages(conversationId);
    expect(catList.filter((m) => m.kind === 'undecryptable')).toEqual([]);
    expect(catList.filter((m) => m.text === 'sent on the old epoch')).toHaveLength(1);
    const original = server.conversations
      .get(conversationId)!
      .envelopes.find((e) => e.senderDeviceId === bob.deviceId && e.kind === 'application')!;
    expect(catList.find((m) => m.text === 'sent on the old epoch')!.seq).toBe(original.seq);
    // Ann had it already: the resend (same key) shows nothing twice.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await texts(ann, conversationId)).filter((text) => text === 'sent on the old epoch')).toHaveLength(1);
    expect(bob.engine.resends.stats.resendsSent).toBe(1);
    expect(cat.engine.resends.stats.requestsSent).toBe(1);
  });

  it('an edit that arrives before its message (which comes later as a resend) is held and applied then', async () => {
    const server = new FakeServer();
    server.staleEpochsAccepted = true; // so Bob's message is stored on the epoch before Cat joined
    const { ann, bob, cat, conversationId } = await threeWithAGroup('early edit', server);
    server.hold(bob.deviceId);
    await ann.engine.addMembers(conversationId, ['cat']);
    await until(() => cat.engine.hasGroup(conversationId), 'cat joined');
    server.hold(cat.deviceId);
    await bob.engine.sendText(conversationId, 'meet at 8');
    await until(
      async () =>
        (await bob.engine.messages(conversationId)).some((m) => m.text === 'meet at 8' && m.status === 'sent'),
      'stored',
    );
    const key = (await bob.engine.messages(conversationId)).find((m) => m.text === 'meet at 8')!.key;
    server.release(bob.deviceId); // Bob now knows Cat is in; his edit is readable by her, his message was not
    await until(async () => (await bob.engine.conversation(conversationId)).lastSeq >= 3, 'bob caught up');
    await bob.engine.editMessage(conversationId, key, 'meet at 9');
    await until(() => bob.engine.outbox.list().then((items) => items.length === 0), 'edit stored');
    server.release(cat.deviceId); // Cat: the placeholder, then the edit, then (asked for) the message again
    await until(
      async () => (await cat.engine.messages(conversationId)).some((m) => m.key === key),
      'cat got the resend',
      15_000,
    );
    await until(
      async () => (await cat.engine.messages(conversationId)).find((m) => m.key === key)?.text === 'meet at 9',
      'the held edit applied',
    );
    expect((await cat.engine.messages(conversationId)).find((m) => m.key === key)).toMatchObject({ edited: true });
    expect(await cat.db.get(`changes:${conversationId}`)).toEqual([]);
  });

  it("an edit or recall the server refuses is undone on the sender's screen", async () => {
    const { server, ann, bob, conversationId } = await annAndBobInADirectChat();
    await ann.engine.sendText(conversationId, 'keep me');
    await until(
      async () => (await ann.engine.messages(conversationId)).some((m) => m.text === 'keep me' && m.status === 'sent'),
      'sent',
    );
    const key = (await ann.engine.messages(conversationId)).find((m) => m.text === 'keep me')!.key;
    server.refuseSends = 403;
    await ann.engine.editMessage(conversationId, key, 'changed');
    await until(() => ann.engine.outbox.list().then((items) => items.length === 0), 'edit given up');
    expect((await ann.engine.messages(conversationId)).find((m) => m.key === key)).toMatchObject({ text: 'keep me' });
    expect((await ann.engine.messages(conversationId)).find((m) => m.key === key)!.edited).toBeUndefined();
    await ann.engine.recallMessage(conversationId, key);
    await until(() => ann.engine.outbox.list().then((items) => items.length === 0), 'recall given up');
    const after = (await ann.engine.messages(conversationId)).find((m) => m.key === key)!;
    expect(after).toMatchObject({ text: 'keep me', status: 'sent' });
    expect(after.recalled).toBeUndefined();
    expect((await ann.engine.conversation(conversationId)).lastMessage).toMatchObject({ text: 'keep me' });
    server.refuseSends = undefined;
    expect((await bob.engine.messages(conversationId)).find((m) => m.key === key)).toMatchObject({ text: 'keep me' });
  });

  it('when a member leaves, the others take its leaves out of the MLS group by one commit', async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    const cat = person(server, 'cat');
    await online(ann, bob, cat);
    const conversationId = await ann.engine.createGroup('leavers', ['bob', 'cat']);
    await until(() => bob.engine.hasGroup(conversationId) && cat.engine.hasGroup(conversationId), 'joined');
    const epochBefore = server.conversations.get(conversationId)!.epoch;

    await cat.engine.leave(conversationId);
    expect((await cat.engine.conversation(conversationId)).removed).toBe(true);
    await until(
      async () =>
        !(await ann.engine.memberAccounts(conversationId)).includes('cat') &&
        !(await bob.engine.memberAccounts(conversationId)).includes('cat'),
      'cat out of both trees',
    );
    expect(server.conversations.get(conversationId)!.epoch).toBe(epochBefore + 1);

    await bob.engine.sendText(conversationId, 'just us now');
    await until(async () => (await texts(ann, conversationId)).includes('just us now'), 'ann reads bob');
  });

  it('a file travels encrypted: the server holds ciphertext, the member gets the bytes back', async () => {
    const { server, ann, bob, conversationId } = await annAndBobInADirectChat();
    const bytes = new TextEncoder().encode('%PDF-1.7 the contract nobody may read');
    await ann.engine.sendFile(conversationId, { bytes, name: 'contract.pdf', mime: 'application/pdf' });
    await until(
      async () => (await bob.engine.messages(conversationId)).some((message) => message.kind === 'file'),
      'bob got it',
    );
    const received = (await bob.engine.messages(conversationId)).find((message) => message.kind === 'file')!;
    expect(received.file).toMatchObject({ name: 'contract.pdf', mime: 'application/pdf', size: bytes.length });
    const stored = [...server.blobs.values()][0]!;
    expect(new TextDecoder().decode(stored)).not.toContain('contract nobody');
    const opened = await bob.engine.openAttachment(received.file!);
    expect(new Uint8Array(await opened.arrayBuffer())).toEqual(bytes);
    expect(opened.type).toBe('application/pdf');
  });

  it('replies quote the message they answer; reactions attach to it, one per person', async () => {
    const { ann, bob, conversationId } = await annAndBobInADirectChat();
    await ann.engine.sendText(conversationId, 'Pizza tonight?');
    await until(async () => (await texts(bob, conversationId)).includes('Pizza tonight?'), 'bob got it');
    const question = (await bob.engine.messages(conversationId))[0]!;

    await bob.engine.sendText(conversationId, 'Yes!', { key: question.key, excerpt: 'Pizza tonight?' });
    await bob.engine.react(conversationId, question.key, '👍');
    await until(
      async () => (await ann.engine.messages(conversationId))[0]!.reactions?.bob === '👍',
      'ann sees the reaction',
    );
    const answer = (await ann.engine.messages(conversationId)).find((message) => message.text === 'Yes!')!;
    expect(answer.reply).toEqual({ key: question.key, excerpt: 'Pizza tonight?' });
    expect((await ann.engine.messages(conversationId))[0]!.key).toBe(question.key);
    expect((await bob.engine.messages(conversationId))[0]!.reactions).toEqual({ bob: '👍' });

    await bob.engine.react(conversationId, question.key, '❤️');
    await until(async () => (await ann.engine.messages(conversationId))[0]!.reactions?.bob === '❤️', 'changed');
    await bob.engine.react(conversationId, question.key, '');
    await until(async () => (await ann.engine.messages(conversationId))[0]!.reactions?.bob === undefined, 'withdrawn');
    expect(await texts(ann, conversationId)).toEqual(['Pizza tonight?', 'Yes!']);
  });

  it('churn: five devices add, remove, drop off and send concurrently; nothing is undecryptable', async () => {
    const server = new FakeServer();
    const names = ['ann', 'bob', 'cat', 'dan', 'eve'];
    const people = names.map((name) => person(server, name));
    await online(...people);
    const [ann, bob] = people as [Person, Person];
    const conversationId = await ann.engine.createGroup('churn', ['bob', 'cat']);
    await until(() => people.slice(0, 3).every((who) => who.engine.hasGroup(conversationId)), 'first three joined');

    let seed = Number(process.env.CHURN_SEED ?? 7); // CHURN_SEED=n npx vitest run -t churn tries other runs
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const inGroup = () => new Set([...server.conversations.get(conversationId)!.leaves.values()]);
    let sent = 0;
    for (let round = 0; round < 24; round++) {
      const actions: Promise<unknown>[] = [];
      // Two admins change membership at once now and then (one commit per epoch wins).
      if (round % 4 === 0) {
        for (const admin of [ann, bob]) {
          if (!inGroup().has(admin.accountId)) continue;
          const others = names.filter((name) => name !== 'ann' && name !== 'bob');
          const target = others[Math.floor(random() * others.length)]!;
          const change = inGroup().has(target)
            ? admin.engine.removeMember(conversationId, target)
            : admin.engine.addMembers(conversationId, [target]);
          actions.push(change.catch(() => undefined)); // the loser may find its change already made
        }
      }
      // Someone drops off or comes back.
      const flaky = people[2 + Math.floor(random() * 3)]!;
      if (flaky.socket && random() < 0.3) flaky.socket.drop();
      else flaky.engine.reconnectNow();
      // Members send.
      for (const who of people) {
        if (inGroup().has(who.accountId) && who.engine.hasGroup(conversationId) && random() < 0.5) {
          actions.push(who.engine.sendText(conversationId, `r${round} from ${who.accountId}`));
          sent++;
        }
      }
      await Promise.all(actions);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const who of people) who.engine.reconnectNow();
    await until(
      async () => {
        for (const who of people) {
          if ((await who.engine.outbox.list()).length > 0) return false;
        }
        return true;
      },
      'every outbox empty',
      20_000,
    );

    // The devices in the group at the end have every message sent after the last membership
    // change, decrypted: what they could not decrypt at first (sent on the epoch before they
    // joined) the sender's device sent again; and they have no placeholder left at all.
    const envelopes = server.conversations.get(conversationId)!.envelopes;
    const lastCommit = Math.max(
      ...envelopes.filter((envelope) => envelope.kind === 'commit').map((envelope) => envelope.seq),
    );
    const sentLate = new Map<number, string>();
    for (const who of people) {
      for (const message of await who.engine.messages(conversationId)) {
        if (message.senderDeviceId === who.deviceId && message.seq !== undefined && message.seq > lastCommit) {
          sentLate.set(message.seq, message.text!);
        }
      }
    }
    for (const who of people.filter((member) => inGroup().has(member.accountId))) {
      await until(
        async () => {
          const list = await who.engine.messages(conversationId);
          return (
            list.every((message) => message.kind !== 'undecryptable') &&
            [...sentLate.values()].every((text) => list.some((message) => message.text === text))
          );
        },
        `${who.accountId} has every late message and no placeholder`,
        20_000,
      ).catch(async (error: unknown) => {
        const list = await who.engine.messages(conversationId);
        console.log(
          who.accountId,
          JSON.stringify(list.filter((m) => m.kind === 'undecryptable')),
          [...sentLate.values()].filter((text) => !list.some((m) => m.text === text)),
          JSON.stringify(who.engine.resends.stats),
          (await who.engine.conversation(conversationId)).joinedEpoch,
          JSON.stringify([...sentLate]),
        );
        for (const other of people) console.log(other.accountId, JSON.stringify(other.engine.resends.stats));
        throw error;
      });
    }
    expect(sent).toBeGreaterThan(20);
  });
});
