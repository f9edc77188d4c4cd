// Engines with real MLS against the in-memory delivery service, for the engine's unit tests.
import { Keyring } from '../../../mls/keyring';
import { ChatEngine } from './engine';
import { FakeServer, type FakeSocket } from './fake-server';
import { memoryLocalDb, type LocalDb } from '../../../store/local-db';

export interface Person {
  engine: ChatEngine;
  db: LocalDb;
  accountId: string;
  deviceId: string;
  offline: boolean;
  socket?: FakeSocket;
}

export function person(
  server: FakeServer,
  accountId: string,
  db: LocalDb = memoryLocalDb(),
  deviceId = `${accountId}-dev`,
  stepMillis = 300,
): Person {
  const who: Person = { engine: undefined as unknown as ChatEngine, db, accountId, deviceId, offline: false };
  who.engine = new ChatEngine({
    db,
    api: server.conversationsApi(accountId, deviceId),
    keyring: new Keyring(db, server.keysApi(accountId, deviceId), accountId, deviceId),
    accountId,
    deviceId,
    socketUrl: () => `ws://fake/?account=${accountId}&device=${deviceId}`,
    deviceSync: { stepMillis, checkDelayMillis: 50 },
    createSocket: (url) => {
      if (who.offline) throw new Error('offline');
      who.socket = server.connect(url);
      return who.socket;
    },
  });
  return who;
}

export async function until(condition: () => boolean | Promise<boolean>, what: string, millis = 10_000): Promise<void> {
  const deadline = Date.now() + millis;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The texts of a conversation's messages on `who`'s device (system lines left out). */
export const texts = async (who: Person, conversationId: string) =>
  (await who.engine.messages(conversationId))
    .filter((message) => message.kind !== 'system')
    .map((message) => message.text);

export async function online(...people: { engine: ChatEngine }[]) {
  for (const who of people) await who.engine.start();
  for (const who of people) await who.engine.keysReady;
  await until(() => people.every((who) => who.engine.status === 'online'), 'online');
}

/** Ann, Bob and Cat online against one delivery service, and Ann's group `name` with Bob (Cat not in it yet). */
export async function threeWithAGroup(name: string, server = new FakeServer()) {
  const ann = person(server, 'ann');
  const bob = person(server, 'bob');
  const cat = person(server, 'cat');
  await online(ann, bob, cat);
  const conversationId = await ann.engine.createGroup(name, ['bob']);
  await until(() => bob.engine.hasGroup(conversationId), 'bob joined');
  return { server, ann, bob, cat, conversationId };
}

/** Ann and Bob online against one delivery service, in Ann's direct chat with Bob that both have joined. */
export async function annAndBobInADirectChat(server = new FakeServer()) {
  const ann = person(server, 'ann');
  const bob = person(server, 'bob');
  await online(ann, bob);
  const conversationId = await ann.engine.openDirect('bob');
  await until(() => bob.engine.hasGroup(conversationId), 'bob joined');
  return { server, ann, bob, conversationId };
}
