// Edits, recalls, mentions, delivery marks, renames and thumbnails between real ChatEngines
// (real MLS) over the fake delivery service.
import { describe, expect, it } from 'vitest';
import { Keyring } from '../../../mls/keyring';
import { ChatEngine } from './engine';
import { online, until } from './engine-testing';
import { FakeServer } from './fake-server';
import { memoryLocalDb, type LocalDb } from '../../../store/local-db';
import type { ChatMessage } from './messages';
import { tickState } from '../message-extras';

interface Person {
  engine: ChatEngine;
  db: LocalDb;
  accountId: string;
}

function person(server: FakeServer, accountId: string): Person {
  const db = memoryLocalDb();
  const deviceId = `${accountId}-dev`;
  const engine = new ChatEngine({
    db,
    api: server.conversationsApi(accountId, deviceId),
    keyring: new Keyring(db, server.keysApi(accountId, deviceId), accountId, deviceId),
    accountId,
    deviceId,
    socketUrl: () => `ws://fake/?account=${accountId}&device=${deviceId}`,
    createSocket: (url) => server.connect(url),
  });
  return { engine, db, accountId };
}

const find = async (who: Person, conversationId: string, test: (message: ChatMessage) => boolean) =>
  (await who.engine.messages(conversationId)).find(test);

describe('chat features between engines', { timeout: 30_000 }, () => {
  it('the sender edits and recalls; the receiver follows, and drops recalled content from storage', async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    await online(ann, bob);
    const conversationId = await ann.engine.openDirect('bob');
    await until(() => bob.engine.hasGroup(conversationId), 'bob joined');
    await ann.engine.sendText(conversationId, 'see you at 8');
    await until(async () => !!(await find(bob, conversationId, (m) => m.text === 'see you at 8')), 'bob got it');
    const key = (await find(ann, conversationId, (m) => m.text === 'see you at 8'))!.key;

    await ann.engine.editMessage(conversationId, key, 'see you at 9');
    await until(
      async () => (await find(bob, conversationId, (m) => m.key === key))?.text === 'see you at 9',
      'bob sees the edit',
    );
    expect(await find(bob, conversationId, (m) => m.key === key)).toMatchObject({ edited: true });
    expect(await find(ann, conversationId, (m) => m.key === key)).toMatchObject({ text: 'see you at 9', edited: true });
    expect((await bob.engine.conversation(conversationId)).lastMessage?.text).toBe('see you at 9');

    // Bob cannot rewrite Ann's words: his edit is ignored by everyone, including his own device.
    await bob.engine.editMessage(conversationId, key, 'forged');
    await bob.engine.sendText(conversationId, 'after the forgery');
    await until(async () => !!(await find(ann, conversationId, (m) => m.text === 'after the forgery')), 'ann got bob');
    expect((await find(ann, conversationId, (m) => m.key === key))!.text).toBe('see you at 9');
    expect((await find(bob, conversationId, (m) => m.key === key))!.text).toBe('see you at 9');

    await ann.engine.recallMessage(conversationId, key);
    await until(
      async () => (await find(bob, conversationId, (m) => m.key === key))?.recalled === true,
      'bob sees the recall',
    );
    const stored = JSON.stringify(await bob.db.get(`msgs:${conversationId}`));
    expect(stored).not.toContain('see you at');
    expect(JSON.stringify(await ann.db.get(`msgs:${conversationId}`))).not.toContain('see you at');
  });

  it('a mention of me marks the chat until read; others are not marked', async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    const cat = person(server, 'cat');
    await online(ann, bob, cat);
    const conversationId = await ann.engine.createGroup('trio', ['bob', 'cat']);
    await until(() => bob.engine.hasGroup(conversationId) && cat.engine.hasGroup(conversationId), 'both joined');
    await ann.engine.sendText(conversationId, '@Bob can you bring the rope?', undefined, ['bob']);
    await until(
      async () => !!(await find(bob, conversationId, (m) => m.text?.includes('rope') ?? false)),
      'bob got it',
    );
    await until(
      async () => !!(await find(cat, conversationId, (m) => m.text?.includes('rope') ?? false)),
      'cat got it',
    );
    expect((await find(bob, conversationId, (m) => m.text?.includes('rope') ?? false))!.mentions).toEqual(['bob']);
    expect((await bob.engine.conversation(conversationId)).mentioned).toBe(true);
    expect((await cat.engine.conversation(conversationId)).mentioned).toBeFalsy();
    await bob.engine.markRead(conversationId);
    expect((await bob.engine.conversation(conversationId)).mentioned).toBe(false);
  });

  it('delivery marks turn one tick into two, and read marks into read', async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    await online(ann, bob);
    const conversationId = await ann.engine.openDirect('bob');
    await until(() => bob.engine.hasGroup(conversationId), 'bob joined');
    await ann.engine.sendText(conversationId, 'tick tock');
    await until(
      async () => (await find(ann, conversationId, (m) => m.text === 'tick tock'))?.status === 'sent',
      'stored',
    );
    const seq = (await find(ann, conversationId, (m) => m.text === 'tick tock'))!.seq!;
    await until(
      async () => ((await ann.engine.conversation(conversationId)).deliveredUpTo?.bob ?? 0) >= seq,
      'delivered',
    );
    const local = await ann.engine.conversation(conversationId);
    expect(tickState(seq, ['bob'], local.readUpTo, local.deliveredUpTo)).toBe('delivered');
    await bob.engine.setOpenConversation(conversationId);
    await until(async () => ((await ann.engine.conversation(conversationId)).readUpTo?.bob ?? 0) >= seq, 'read');
    const after = await ann.engine.conversation(conversationId);
    expect(tickState(seq, ['bob'], after.readUpTo, after.deliveredUpTo)).toBe('read');
  });

  it('a sender that was offline learns delivered and read marks from the server when it opens the chat', async () => {
    const server = new FakeServer();
    server.deliveredFramesLost = true; // the live frames went to nobody
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    await online(ann, bob);
    const conversationId = await ann.engine.openDirect('bob');
    await until(() => bob.engine.hasGroup(conversationId), 'bob joined');
    await ann.engine.sendText(conversationId, 'are you there?');
    await until(
      async () => (await find(ann, conversationId, (m) => m.text === 'are you there?'))?.status === 'sent',
      'stored',
    );
    const seq = (await find(ann, conversationId, (m) => m.text === 'are you there?'))!.seq!;
    ann.engine.stop();
    await until(
      async () => (await find(bob, conversationId, (m) => m.text === 'are you there?')) !== undefined,
      'bob got it',
    );
    await bob.engine.setOpenConversation(conversationId);
    await until(() => (server.readCursors.get(`bob/${conversationId}`) ?? 0) >= seq, 'bob read it');
    const before = await ann.engine.conversation(conversationId);
    expect(tickState(seq, ['bob'], before.readUpTo, before.deliveredUpTo)).toBe('sent');

    // Ann reloads: a new engine on the same storage, online again, opens the chat.
    const reloaded: Person = {
      ...ann,
      engine: new ChatEngine({
        db: ann.db,
        api: server.conversationsApi('ann', 'ann-dev'),
        keyring: new Keyring(ann.db, server.keysApi('ann', 'ann-dev'), 'ann', 'ann-dev'),
        accountId: 'ann',
        deviceId: 'ann-dev',
        socketUrl: () => 'ws://fake/?account=ann&device=ann-dev',
        createSocket: (url) => server.connect(url),
      }),
    };
    await online(reloaded);
    await reloaded.engine.setOpenConversation(conversationId);
    const after = await reloaded.engine.conversation(conversationId);
    expect(after.deliveredUpTo?.bob).toBeGreaterThanOrEqual(seq);
    expect(tickState(seq, ['bob'], after.readUpTo, after.deliveredUpTo)).toBe('read');

    // Marks only move forward, and a reader who keeps reads private shows none.
    server.readCursors.set(`bob/${conversationId}`, 1);
    await reloaded.engine.refreshMarks(conversationId);
    expect((await reloaded.engine.conversation(conversationId)).readUpTo?.bob).toBe(seq);
    reloaded.engine.stop();
    bob.engine.stop();
  });

  it('a sender that does not share reads is never shown as having read', async () => {
    const server = new FakeServer();
    server.privateReaders.add('bob');
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    await online(ann, bob);
    const conversationId = await ann.engine.openDirect('bob');
    await until(() => bob.engine.hasGroup(conversationId), 'bob joined');
    await ann.engine.sendText(conversationId, 'private?');
    await until(
      async () => (await find(bob, conversationId, (m) => m.text === 'private?')) !== undefined,
      'bob got it',
    );
    await bob.engine.setOpenConversation(conversationId);
    const seq = (await find(ann, conversationId, (m) => m.text === 'private?'))!.seq!;
    await until(() => (server.readCursors.get(`bob/${conversationId}`) ?? 0) >= seq, 'bob read it');
    await ann.engine.setOpenConversation(conversationId);
    const local = await ann.engine.conversation(conversationId);
    expect(local.readUpTo?.bob).toBeUndefined();
    expect(tickState(seq, ['bob'], local.readUpTo, local.deliveredUpTo)).toBe('delivered');
    ann.engine.stop();
    bob.engine.stop();
  });

  it('a rename reaches every member as a system line; an image carries its thumbnail', async () => {
    const server = new FakeServer();
    const ann = person(server, 'ann');
    const bob = person(server, 'bob');
    await online(ann, bob);
    const conversationId = await ann.engine.createGroup('old name', ['bob']);
    await until(() => bob.engine.hasGroup(conversationId), 'bob joined');
    const before = bob.engine.listVersion;
    await ann.engine.renameGroup(conversationId, 'Summit team');
    await until(
      async () => !!(await find(bob, conversationId, (m) => m.system?.event === 'rename')),
      'bob sees the rename',
    );
    expect(await find(bob, conversationId, (m) => m.system?.event === 'rename')).toMatchObject({
      senderAccountId: 'ann',
      system: { event: 'rename', name: 'Summit team' },
    });
    expect(bob.engine.listVersion).toBeGreaterThan(before);
    expect((await server.conversationsApi('bob', 'bob-dev').getConversation(conversationId)).conversation.name).toBe(
      'Summit team',
    );
    expect((await bob.engine.conversation(conversationId)).unread).toBe(0);

    await ann.engine.sendFile(conversationId, {
      bytes: new Uint8Array([1, 2, 3]),
      name: 'peak.jpg',
      mime: 'image/jpeg',
      thumbnail: 'QUJDRA==',
    });
    await until(async () => !!(await find(bob, conversationId, (m) => m.kind === 'file')), 'bob got the image');
    expect((await find(bob, conversationId, (m) => m.kind === 'file'))!.thumbnail).toBe('QUJDRA==');
  });
});
