// Builds and starts this device's chat engine. Loaded with a dynamic import, so ts-mls and the
// engine are a separate chunk that does not weigh on the first load.
import type { AtriumApi } from '../api/atrium';
import type { StoredSession } from '../store/session-store';
import { Keyring } from '../mls/keyring';
import { ChatEngine } from './engine';
import { chatDatabaseName, indexedDbLocalDb } from './local-db';

/** Thrown when another tab of this browser already runs this device's engine. */
export class EngineInOtherTab extends Error {
  override name = 'EngineInOtherTab';
}

/**
 * Starts the engine while holding this device's Web Lock: two tabs processing the same MLS
 * groups would fork their state, so only one tab chats at a time; the lock is released when
 * `stop` is called or the tab closes.
 */
export async function startEngine(session: StoredSession, api: AtriumApi, onTerminal: (code: number) => void):
Promise<{ engine: ChatEngine; stop: () => void }> {
  const release = await acquireDeviceLock(session.deviceId);
  if (!release) throw new EngineInOtherTab('another tab runs the chats of this device');
  try {
    const engine = await createEngine(session, api, onTerminal);
    return { engine, stop: () => { engine.stop(); release(); } };
  } catch (error) {
    release();
    throw error;
  }
}

/** Resolves with a release function, or with null when another tab holds the lock. */
function acquireDeviceLock(deviceId: string): Promise<(() => void) | null> {
  if (typeof navigator === 'undefined' || !navigator.locks) return Promise.resolve(() => undefined);
  return new Promise((resolve) => {
    void navigator.locks.request(`atrium-chat-${deviceId}`, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(null);
        return undefined;
      }
      return new Promise<void>((released) => resolve(() => released()));
    });
  });
}

async function createEngine(session: StoredSession, api: AtriumApi, onTerminal: (code: number) => void):
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
