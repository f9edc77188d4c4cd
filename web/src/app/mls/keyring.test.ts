import { describe, expect, it } from 'vitest';
import type { ClaimedKeyPackage, DeviceKey, KeyPackageUpload } from '../api/types';
import { memoryLocalDb } from '../store/local-db';
import { KEY_PACKAGES_LOW, KEY_PACKAGES_TARGET, Keyring, type KeysApi } from './keyring';
import { MlsSession, createDeviceIdentity, fromBase64, toBase64 } from './mls';

/** The key directory's HTTP behaviour, in memory: one key per device, packages handed out once. */
class FakeServer {
  readonly keys = new Map<string, DeviceKey[]>();
  readonly packages = new Map<string, { oneTime: KeyPackageUpload[]; lastResort?: KeyPackageUpload }>();

  api(accountId: string, deviceId: string): KeysApi {
    const own = () => this.packages.get(deviceId) ?? { oneTime: [] };
    return {
      registerIdentityKey: async (ciphersuite, signaturePublicKey) => {
        const key = { deviceId, ciphersuite, signaturePublicKey, createdAt: '' };
        this.keys.set(accountId, [...(this.keys.get(accountId) ?? []), key]);
        return key;
      },
      listDeviceKeys: async (account) => this.keys.get(account) ?? [],
      uploadKeyPackages: async (keyPackages, lastResort) => {
        const next = { oneTime: [...own().oneTime, ...keyPackages], lastResort: lastResort ?? own().lastResort };
        this.packages.set(deviceId, next);
        return { count: next.oneTime.length, lastResort: next.lastResort !== undefined };
      },
      countKeyPackages: async () => ({ count: own().oneTime.length, lastResort: own().lastResort !== undefined }),
      claimKeyPackages: async (account) => {
        const result: ClaimedKeyPackage[] = [];
        for (const key of this.keys.get(account) ?? []) {
          const stored = this.packages.get(key.deviceId);
          const taken = stored?.oneTime.shift();
          const kp = taken ?? stored?.lastResort;
          if (kp)
            result.push({ deviceId: key.deviceId, ciphersuite: kp.ciphersuite, data: kp.data, lastResort: !taken });
        }
        return { keyPackages: result };
      },
    };
  }
}

async function device(server: FakeServer, accountId: string) {
  const keyring = new Keyring(
    memoryLocalDb(),
    server.api(accountId, `${accountId}-dev`),
    accountId,
    `${accountId}-dev`,
  );
  await keyring.start();
  await keyring.replenish();
  return keyring;
}

describe('Keyring', () => {
  it('registers the identity once and keeps the same key across restarts', async () => {
    const server = new FakeServer();
    const db = memoryLocalDb();
    const first = await new Keyring(db, server.api('ann', 'd1'), 'ann', 'd1').start();
    const again = await new Keyring(db, server.api('ann', 'd1'), 'ann', 'd1').start();
    expect(toBase64(again.identity.signaturePublicKey)).toBe(toBase64(first.identity.signaturePublicKey));
    expect(server.keys.get('ann')).toHaveLength(1);
  });

  it('uploads key packages and a last-resort one, and tops up only when low', async () => {
    const server = new FakeServer();
    const keyring = await device(server, 'ann');
    expect(server.packages.get('ann-dev')!.oneTime).toHaveLength(KEY_PACKAGES_TARGET);
    expect(server.packages.get('ann-dev')!.lastResort).toBeDefined();
    server.packages.get('ann-dev')!.oneTime.splice(0, KEY_PACKAGES_TARGET - KEY_PACKAGES_LOW);
    await expect(keyring.replenish()).resolves.toEqual({ count: KEY_PACKAGES_LOW, lastResort: true });
    server.packages.get('ann-dev')!.oneTime.splice(0, 1);
    await expect(keyring.replenish()).resolves.toEqual({ count: KEY_PACKAGES_TARGET, lastResort: true });
  });

  it('joins through a claimed key package and forgets a one-time package after use', async () => {
    const server = new FakeServer();
    const ann = await device(server, 'ann');
    const bob = await device(server, 'bob');
    const claimed = await ann.claim('bob');
    expect(claimed).toHaveLength(1);
    const added = await ann.mls().addMembers(await ann.mls().createGroup('c1'), claimed);
    let usedRef = '';
    const group = await bob.mls().join(added.welcome!, async (ref) => {
      const found = await bob.findKeyPackage(ref);
      if (found) usedRef = ref;
      return found;
    });
    expect(group).toBeDefined();
    await bob.forgetKeyPackage(usedRef);
    await expect(bob.findKeyPackage(usedRef)).resolves.toBeUndefined();
  });

  it('trusts keys on first use, flags a new device, and refuses a changed key', async () => {
    const server = new FakeServer();
    const ann = await device(server, 'ann');
    await device(server, 'bob');
    const bobClaim = await ann.claim('bob');
    await ann.mls().addMembers(await ann.mls().createGroup('c2'), bobClaim);
    expect((await ann.trust('bob'))!.changedAt).toBeUndefined();

    // The server swaps Bob's key: a group holding Bob's old-key leaf is fine, new material with
    // the swapped key is refused, and the change is recorded.
    const swapped = await createDeviceIdentity('bob', 'bob-dev');
    server.keys.set('bob', [
      { deviceId: 'bob-dev', ciphersuite: 1, signaturePublicKey: toBase64(swapped.signaturePublicKey), createdAt: '' },
    ]);
    const forged = await new MlsSession(swapped, {
      signatureKey: async () => swapped.signaturePublicKey,
    }).generateKeyPackage();
    ann.refreshDirectory();
    await expect(
      ann
        .mls()
        .addMembers(await ann.mls().createGroup('c3'), [
          { bytes: forged.publicBytes, accountId: 'bob', deviceId: 'bob-dev' },
        ]),
    ).rejects.toThrow();
    expect((await ann.trust('bob'))!.mismatchDeviceIds).toEqual(['bob-dev']);
    expect(fromBase64((await ann.trust('bob'))!.devices['bob-dev']!)).toHaveLength(32);

    // A second device of Carol appearing after Ann first saw Carol is accepted but flagged.
    const carol = await device(server, 'carol');
    await ann.mls().addMembers(await ann.mls().createGroup('c4'), await ann.claim('carol'));
    expect((await ann.trust('carol'))!.changedAt).toBeUndefined();
    const carol2 = new Keyring(memoryLocalDb(), server.api('carol', 'carol-dev2'), 'carol', 'carol-dev2');
    await carol2.start();
    await carol2.replenish();
    ann.refreshDirectory();
    await ann.mls().addMembers(await ann.mls().createGroup('c4'), await ann.claim('carol'));
    expect((await ann.trust('carol'))!.changedAt).toBeTypeOf('number');
    expect(carol).toBeDefined();
  });
});
