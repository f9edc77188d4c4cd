// The device's chat database: one IndexedDB key-value store per device (MLS identity, key
// packages, group states, messages, outbox), so two accounts used in one browser never share
// state. Several keys written together go in one transaction (setMany), which is how a group
// state and the messages it decrypted are saved atomically.
import { del, delMany, get, keys, setMany, type UseStore } from 'idb-keyval';

export interface LocalDb {
  get<T>(key: string): Promise<T | undefined>;
  /** Writes all entries in one transaction. */
  setMany(entries: [string, unknown][]): Promise<void>;
  del(key: string): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  /** Keys that start with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

export function indexedDbLocalDb(databaseName: string): LocalDb {
  let store: UseStore | undefined;
  const open = () => (store ??= closableStore(databaseName, 'kv'));
  return {
    get: (key) => get(key, open()),
    setMany: (entries) => setMany(entries, open()),
    del: (key) => del(key, open()),
    delMany: (list) => delMany(list, open()),
    keys: async (prefix) => (await keys(open())).map(String).filter((key) => key.startsWith(prefix)),
  };
}

/**
 * idb-keyval's createStore, except that the connection closes when someone deletes the
 * database (versionchange), so forgetting a device's chats is not blocked by its own tab.
 */
function closableStore(databaseName: string, storeName: string): UseStore {
  let database: Promise<IDBDatabase> | undefined;
  const open = () => {
    if (database) return database;
    const request = indexedDB.open(databaseName);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    database = new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    database.then(
      (db) => {
        db.onclose = () => {
          database = undefined;
        };
        db.onversionchange = () => {
          db.close();
          database = undefined;
        };
      },
      () => {
        database = undefined;
      },
    );
    return database;
  };
  return (mode, callback) => open().then((db) => callback(db.transaction(storeName, mode).objectStore(storeName)));
}

/** Deletes a device's chat database (its keys, group states and history) from this browser. */
export function forgetDeviceChats(deviceId: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(chatDatabaseName(deviceId));
    request.onsuccess = request.onerror = () => resolve();
  });
}

/**
 * Deletes chat databases of other devices (sessions that ended while this browser was closed or
 * offline). Browsers without indexedDB.databases() keep them until they are signed out here.
 */
export async function forgetOtherDevicesChats(currentDeviceId: string): Promise<void> {
  if (typeof indexedDB.databases !== 'function') return;
  const names = (await indexedDB.databases()).map((info) => info.name ?? '');
  await Promise.all(
    names
      .filter((name) => name.startsWith(CHAT_DATABASE_PREFIX) && name !== chatDatabaseName(currentDeviceId))
      .map((name) => forgetDeviceChats(name.slice(CHAT_DATABASE_PREFIX.length))),
  );
}

/** A LocalDb in memory, for tests. Values are structured-cloned like IndexedDB does. */
export function memoryLocalDb(): LocalDb {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => (map.has(key) ? (structuredClone(map.get(key)) as T) : undefined),
    setMany: async (entries) => entries.forEach(([key, value]) => map.set(key, structuredClone(value))),
    del: async (key) => {
      map.delete(key);
    },
    delMany: async (list) => list.forEach((key) => map.delete(key)),
    keys: async (prefix) => [...map.keys()].filter((key) => key.startsWith(prefix)),
  };
}

const CHAT_DATABASE_PREFIX = 'atrium-chat-';

export function chatDatabaseName(deviceId: string): string {
  return `${CHAT_DATABASE_PREFIX}${deviceId}`;
}
