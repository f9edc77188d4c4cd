import { describe, expect, it } from 'vitest';
import { memoryLocalDb } from '../../../store/local-db';
import type { ChatMessage } from '../engine/messages';
import { createDeviceIdentity } from '../../../mls/mls';
import { BackupError, collectBackup, decryptBackup, DEFAULT_KDF, encryptBackup, restoreBackup } from './backup';

// Small KDF settings keep the tests fast; one test uses the real defaults.
const FAST = { memoryKiB: 256, iterations: 1, parallelism: 1 };
const PASSPHRASE = 'correct horse battery staple';

const message = (n: number, status: ChatMessage['status'] = 'received'): ChatMessage => ({
  key: `dev_old:${n}`,
  conversationId: 'conv1',
  seq: n,
  senderAccountId: 'acc_bob',
  senderDeviceId: 'dev_old',
  kind: 'text',
  text: `message ${n}`,
  sentAt: 1_000 + n,
  status,
});

async function oldDevice() {
  const db = memoryLocalDb();
  const identity = await createDeviceIdentity('acc_alice', 'dev_old');
  await db.setMany([
    ['identity', { ...identity, registered: true }],
    ['conv:conv1', { state: new Uint8Array([1, 2, 3]), lastSeq: 3, unread: 0 }],
    ['msgs:conv1', [message(1), message(2), { ...message(3), seq: undefined, status: 'pending' }]],
    ['trust:acc_bob', { devices: { dev_b: 'a2V5' } }],
    ['verified:acc_bob', { safetyNumber: '12345', verifiedAt: 5 }],
  ]);
  return { db, identity };
}

async function expectProblem(promise: Promise<unknown>, problem: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackupError);
  expect((error as BackupError).problem).toBe(problem);
}

describe('encrypted backup', () => {
  it('round-trips the whole database, bytes included, on the same device', async () => {
    const { db, identity } = await oldDevice();
    const file = await encryptBackup(await collectBackup(db, 'acc_alice', 'dev_old'), PASSPHRASE, FAST);
    expect(file).not.toContain('message 1');
    expect(file).not.toContain('acc_alice');
    const restored = memoryLocalDb();
    const summary = await restoreBackup(restored, await decryptBackup(file, PASSPHRASE), {
      accountId: 'acc_alice',
      deviceId: 'dev_old',
    });
    expect(summary).toEqual({ mode: 'full', conversations: 1, messages: 3 });
    for (const key of await db.keys('')) expect(await restored.get(key)).toEqual(await db.get(key));
    const restoredIdentity = await restored.get<{ signaturePrivateKey: Uint8Array }>('identity');
    expect(restoredIdentity!.signaturePrivateKey).toBeInstanceOf(Uint8Array);
    expect(restoredIdentity!.signaturePrivateKey).toEqual(identity.signaturePrivateKey);
  });

  it('takes only history and trust records on a new device, merged with what it has', async () => {
    const { db } = await oldDevice();
    const file = await encryptBackup(await collectBackup(db, 'acc_alice', 'dev_old'), PASSPHRASE, FAST);
    const fresh = memoryLocalDb();
    await fresh.setMany([
      ['msgs:conv1', [message(2), message(4)]],
      ['identity', { deviceId: 'dev_new' }],
    ]);
    const summary = await restoreBackup(fresh, await decryptBackup(file, PASSPHRASE), {
      accountId: 'acc_alice',
      deviceId: 'dev_new',
    });
    expect(summary.mode).toBe('history');
    const history = (await fresh.get<ChatMessage[]>('msgs:conv1'))!;
    expect(history.map((m) => m.text)).toEqual(['message 1', 'message 2', 'message 4', 'message 3']);
    expect(history.find((m) => m.text === 'message 3')!.status).toBe('failed');
    expect(await fresh.get('identity')).toEqual({ deviceId: 'dev_new' });
    expect(await fresh.get('conv:conv1')).toBeUndefined();
    expect(await fresh.get('verified:acc_bob')).toEqual({ safetyNumber: '12345', verifiedAt: 5 });
  });

  it('refuses a wrong passphrase, a changed header, another account and junk, clearly', async () => {
    const { db } = await oldDevice();
    const file = await encryptBackup(await collectBackup(db, 'acc_alice', 'dev_old'), PASSPHRASE, FAST);
    await expectProblem(decryptBackup(file, 'correct horse battery stapler'), 'wrongPassphrase');
    const tampered = JSON.stringify({ ...JSON.parse(file), kdf: { ...JSON.parse(file).kdf, iterations: 2 } });
    await expectProblem(decryptBackup(tampered, PASSPHRASE), 'wrongPassphrase');
    await expectProblem(decryptBackup('not json', PASSPHRASE), 'notABackup');
    await expectProblem(
      decryptBackup(JSON.stringify({ ...JSON.parse(file), version: 99 }), PASSPHRASE),
      'unsupportedVersion',
    );
    const huge = JSON.stringify({ ...JSON.parse(file), kdf: { ...JSON.parse(file).kdf, memoryKiB: 10_000_000 } });
    await expectProblem(decryptBackup(huge, PASSPHRASE), 'notABackup');
    await expectProblem(
      restoreBackup(memoryLocalDb(), await decryptBackup(file, PASSPHRASE), {
        accountId: 'acc_eve',
        deviceId: 'dev_x',
      }),
      'otherAccount',
    );
    await expectProblem(
      encryptBackup(await collectBackup(db, 'acc_alice', 'dev_old'), 'short', FAST),
      'passphraseTooShort',
    );
  });

  it('uses argon2id with 64 MiB and 3 passes by default', async () => {
    const file = JSON.parse(
      await encryptBackup({ accountId: 'a', deviceId: 'd', createdAt: 1, entries: [] }, PASSPHRASE),
    );
    expect(file.kdf).toMatchObject({ name: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 1 });
    expect(DEFAULT_KDF.memoryKiB).toBe(65_536);
    expect((await decryptBackup(JSON.stringify(file), PASSPHRASE)).entries).toEqual([]);
  }, 30_000);
});
