// The device's chat database: one IndexedDB key-value store per device (MLS identity, key
// packages, group states, messages, outbox), so two accounts used in one browser never share
// state. Several keys written together go in one transaction (setMany), which is how a group
// state and the messages it decrypted are saved atomically.
import { createStore, del, delMany, get, keys, setMany, type UseStore } from 'idb-keyval';

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
  const open = () => (store ??= createStore(databaseName, 'kv'));
  return {
    get: (key) => get(key, open()),
    setMany: (entries) => setMany(entries, open()),
    del: (key) => del(key, open()),
    delMany: (list) => delMany(list, open()),
    keys: async (prefix) => (await keys(open())).map(String).filter((key) => key.startsWith(prefix)),
  };
}

/** A LocalDb in memory, for tests. Values are structured-cloned like IndexedDB does. */
export function memoryLocalDb(): LocalDb {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => (map.has(key) ? structuredClone(map.get(key)) as T : undefined),
    setMany: async (entries) => entries.forEach(([key, value]) => map.set(key, structuredClone(value))),
    del: async (key) => { map.delete(key); },
    delMany: async (list) => list.forEach((key) => map.delete(key)),
    keys: async (prefix) => [...map.keys()].filter((key) => key.startsWith(prefix)),
  };
}

export function chatDatabaseName(deviceId: string): string {
  return `atrium-chat-${deviceId}`;
}
