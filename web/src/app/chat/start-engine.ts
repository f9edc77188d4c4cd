// Builds and starts this device's chat engine. Loaded with a dynamic import, so ts-mls and the
// engine are a separate chunk that does not weigh on the first load.
import type { AtriumApi } from '../api/atrium';
import type { StoredSession } from '../store/session-store';
import { Keyring } from '../mls/keyring';
import { ChatEngine } from './engine';
import { chatDatabaseName, indexedDbLocalDb } from './local-db';

export async function startEngine(session: StoredSession, api: AtriumApi, onTerminal: (code: number) => void):
Promise<ChatEngine> {
  const db = indexedDbLocalDb(chatDatabaseName(session.deviceId));
  const engine = new ChatEngine({
    db,
    api,
    keyring: new Keyring(db, api, session.accountId, session.deviceId),
    accountId: session.accountId,
    deviceId: session.deviceId,
    socketUrl: () => {
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      return `${scheme}//${location.host}/api/v1/ws?token=${encodeURIComponent(session.token)}`;
    },
    onTerminal,
  });
  await engine.start();
  return engine;
}
