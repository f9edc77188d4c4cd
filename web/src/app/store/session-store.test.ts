import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { indexedDbKeyValue, isStoredSession, SessionStore, type KeyValue, type StoredSession } from './session-store';

const session: StoredSession = {
  token: 'atr_abcdefghijklmnopqrstuvwxyz012345',
  accountId: 'acc_1',
  deviceId: 'dev_1',
  username: 'ann',
};

let databases = 0;
const freshStore = () => new SessionStore(indexedDbKeyValue(`atrium-test-${databases++}`));

describe('SessionStore on IndexedDB', () => {
  it('has no session at first', async () => {
    await expect(freshStore().load()).resolves.toBeNull();
  });

  it('keeps a saved session until it is cleared', async () => {
    const store = freshStore();
    await store.save(session);
    await expect(store.load()).resolves.toEqual(session);

    await store.clear();
    await expect(store.load()).resolves.toBeNull();
  });

  it('is shared by every store on the same database (a reload sees it)', async () => {
    const name = `atrium-test-shared-${databases++}`;
    await new SessionStore(indexedDbKeyValue(name)).save(session);
    await expect(new SessionStore(indexedDbKeyValue(name)).load()).resolves.toEqual(session);
  });

  it('keeps the language and ignores an unsupported stored one', async () => {
    const name = `atrium-test-language-${databases++}`;
    const store = new SessionStore(indexedDbKeyValue(name));
    await expect(store.loadLanguage()).resolves.toBeNull();
    await store.saveLanguage('zh');
    await expect(store.loadLanguage()).resolves.toBe('zh');

    await indexedDbKeyValue(name).set('language', 'klingon');
    await expect(store.loadLanguage()).resolves.toBeNull();
  });

  it('refuses to save a malformed session', async () => {
    await expect(freshStore().save({ ...session, token: 'not a token' })).rejects.toThrow();
  });
});

describe('SessionStore with damaged data', () => {
  const memory = (value: unknown): KeyValue => ({
    get: async () => value,
    set: async () => undefined,
    del: async () => undefined,
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'atr_abcdefghijklmnopqrstuvwxyz012345'],
    ['a record without a device', { ...session, deviceId: undefined }],
    ['a record with an empty username', { ...session, username: '' }],
    ['a foreign token', { ...session, token: 'Bearer xyz' }],
  ])('treats %s as logged out', async (_name, stored) => {
    await expect(new SessionStore(memory(stored)).load()).resolves.toBeNull();
  });

  it('accepts a well-formed record', () => {
    expect(isStoredSession(session)).toBe(true);
  });
});
