// Builds and starts this device's chat engine. Loaded with a dynamic import, so ts-mls and the
// engine are a separate chunk that does not weigh on the first load.
import type { AtriumApi } from '../../../api/atrium';
import type { StoredSession } from '../../../store/session-store';
import { KeyDirectoryApi } from '../../../mls/key-directory';
import { Keyring } from '../../../mls/keyring';
import { ChatApi } from '../api';
import { ChatEngine } from './engine';
import { chatDatabaseName, forgetOtherDevicesChats, indexedDbLocalDb } from '../../../store/local-db';

/** How long to wait for the device's lock before telling the user another tab has it. */
const LOCK_NOTICE_AFTER_MILLIS = 2_000;

/**
 * Starts the engine while holding this device's Web Lock: two tabs processing the same MLS
 * groups would fork their state, so only one tab chats at a time. A tab that finds the lock
 * taken calls `onWaiting` and starts once the other tab closes (a navigation releases the old
 * page's lock a moment after the new page asks). `signal` gives up waiting.
 */
export async function startEngine(
  session: StoredSession,
  api: AtriumApi,
  onTerminal: (code: number) => void,
  onWaiting: () => void,
  signal: AbortSignal,
): Promise<{ engine: ChatEngine; stop: () => void }> {
  const notice = setTimeout(onWaiting, LOCK_NOTICE_AFTER_MILLIS);
  let release: () => void;
  try {
    release = await acquireDeviceLock(session.deviceId, signal);
  } finally {
    clearTimeout(notice);
  }
  try {
    const engine = await createEngine(session, api, onTerminal);
    return {
      engine,
      stop: () => {
        engine.stop();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Resolves with a release function once this tab holds the device's lock. */
function acquireDeviceLock(deviceId: string, signal: AbortSignal): Promise<() => void> {
  if (typeof navigator === 'undefined' || !navigator.locks) return Promise.resolve(() => undefined);
  return new Promise((resolve, reject) => {
    navigator.locks
      .request(`atrium-chat-${deviceId}`, { signal }, () => new Promise<void>((released) => resolve(() => released())))
      .catch(reject);
  });
}

async function createEngine(
  session: StoredSession,
  api: AtriumApi,
  onTerminal: (code: number) => void,
): Promise<ChatEngine> {
  await forgetOtherDevicesChats(session.deviceId).catch(() => undefined);
  const db = indexedDbLocalDb(chatDatabaseName(session.deviceId));
  const engine = new ChatEngine({
    db,
    api: new ChatApi(api.client),
    keyring: new Keyring(db, new KeyDirectoryApi(api.client), session.accountId, session.deviceId),
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
