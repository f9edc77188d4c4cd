// The chat engine's contract scenarios (src/app/features/chat/engine/engine-contract.ts) against
// the real server: the same scenarios the unit tests run against the in-memory FakeServer, so
// the fake is checked against the truth. No browser: the engines run in Node, with real MLS, the
// real HTTP API and the real WebSocket (Node 20 needs --experimental-websocket, which
// vitest.e2e.config.ts passes to the test workers).
import { describe, inject, it } from 'vitest';
import { ApiClient } from '../src/app/api/client';
import { AccountApi } from '../src/app/features/account/api';
import { ChatApi } from '../src/app/features/chat/api';
import { ContactsApi } from '../src/app/features/contacts/api';
import { CONTRACT_SCENARIOS, type Network } from '../src/app/features/chat/engine/engine-contract';
import { ChatEngine } from '../src/app/features/chat/engine/engine';
import type { Person } from '../src/app/features/chat/engine/engine-testing';
import { KeyDirectoryApi } from '../src/app/mls/key-directory';
import { Keyring } from '../src/app/mls/keyring';
import { memoryLocalDb } from '../src/app/store/local-db';

const PASSWORD = 'correct horse battery';
let people = 0;

interface RealPerson extends Person {
  api: ContactsApi;
  username: string;
}

async function register(baseUrl: string, name: string): Promise<RealPerson> {
  people += 1;
  const username = `${name}${Date.now().toString(36)}${people}`.slice(0, 32);
  const anonymous = new AccountApi(new ApiClient({ baseUrl, token: () => null }));
  const session = await anonymous.registerAccount({
    username,
    password: PASSWORD,
    displayName: name,
    language: 'en',
    deviceName: 'engine contract test',
  });
  const client = new ApiClient({ baseUrl, token: () => session.token });
  const db = memoryLocalDb();
  const accountId = session.account.id;
  const deviceId = session.device.id;
  const engine = new ChatEngine({
    db,
    api: new ChatApi(client),
    keyring: new Keyring(db, new KeyDirectoryApi(client), accountId, deviceId),
    accountId,
    deviceId,
    socketUrl: () => `${baseUrl.replace(/^http/, 'ws')}/api/v1/ws?token=${encodeURIComponent(session.token)}`,
  });
  return { engine, db, accountId, deviceId, offline: false, api: new ContactsApi(client), username };
}

async function befriend(first: RealPerson, second: RealPerson): Promise<void> {
  const sent = await first.api.sendContactRequest(second.username);
  if (sent.outcome === 'now_contacts') return;
  const incoming = await second.api.listContactRequests('incoming');
  const request = incoming.find((candidate) => candidate.account.id === first.accountId);
  if (!request) throw new Error(`no contact request from ${first.username} reached ${second.username}`);
  await second.api.acceptContactRequest(request.id);
}

describe("the chat engine's contract scenarios against the real server", { timeout: 120_000 }, () => {
  for (const scenario of CONTRACT_SCENARIOS) {
    it(scenario.name, async () => {
      const baseUrl = inject('baseUrl');
      const network: Network = {
        person: (name) => register(baseUrl, name),
        befriend: (first, second) => befriend(first as RealPerson, second as RealPerson),
        waitMillis: 30_000,
      };
      await scenario.run(network);
    });
  }
});
