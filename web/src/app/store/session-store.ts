// What the device remembers between visits: its session (the device token and who it belongs
// to) and the language picked while logged out. Kept in IndexedDB through idb-keyval; reads
// check the shape, so a damaged or outdated record is treated as absent rather than trusted.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { Language } from '../api/types';
import { isLanguage } from '../i18n/i18n';

export interface StoredSession {
  token: string;
  accountId: string;
  deviceId: string;
  username: string;
}

/** The small part of a key-value store the session store needs, so tests can swap it. */
export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export function indexedDbKeyValue(databaseName = 'atrium', storeName = 'local'): KeyValue {
  let store: UseStore | undefined;
  const open = () => (store ??= createStore(databaseName, storeName));
  return {
    get: (key) => get(key, open()),
    set: (key, value) => set(key, value, open()),
    del: (key) => del(key, open()),
  };
}

const SESSION_KEY = 'session';
const LANGUAGE_KEY = 'language';
const TOKEN_PATTERN = /^atr_[A-Za-z0-9_-]{16,124}$/;

export class SessionStore {
  constructor(private readonly keyValue: KeyValue) {}

  async load(): Promise<StoredSession | null> {
    const value = await this.keyValue.get(SESSION_KEY);
    return isStoredSession(value) ? value : null;
  }

  async save(session: StoredSession): Promise<void> {
    if (!isStoredSession(session)) throw new Error('refusing to store a malformed session');
    await this.keyValue.set(SESSION_KEY, session);
  }

  async clear(): Promise<void> {
    await this.keyValue.del(SESSION_KEY);
  }

  async loadLanguage(): Promise<Language | null> {
    const value = await this.keyValue.get(LANGUAGE_KEY);
    return isLanguage(value) ? value : null;
  }

  async saveLanguage(language: Language): Promise<void> {
    await this.keyValue.set(LANGUAGE_KEY, language);
  }
}

export function isStoredSession(value: unknown): value is StoredSession {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.token === 'string' &&
    TOKEN_PATTERN.test(record.token) &&
    typeof record.accountId === 'string' &&
    record.accountId.length > 0 &&
    typeof record.deviceId === 'string' &&
    record.deviceId.length > 0 &&
    typeof record.username === 'string' &&
    record.username.length > 0
  );
}
