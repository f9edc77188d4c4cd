import { describe, expect, it } from 'vitest';
import {
  CredentialRejected,
  MlsSession,
  createDeviceIdentity,
  epochOf,
  members,
  type GeneratedKeyPackage,
  type GroupState,
  type KeyDirectory,
} from './mls';

/** An in-memory stand-in for the server's key directory. */
class Directory implements KeyDirectory {
  readonly keys = new Map<string, Uint8Array>();
  async signatureKey(accountId: string, deviceId: string) {
    return this.keys.get(`${accountId}/${deviceId}`);
  }
}

async function client(directory: Directory, accountId: string, register = true) {
  const identity = await createDeviceIdentity(accountId, `${accountId}-dev`);
  if (register) directory.keys.set(`${accountId}/${identity.deviceId}`, identity.signaturePublicKey);
  const session = new MlsSession(identity, directory);
  const kept = new Map<string, GeneratedKeyPackage>();
  const keyPackage = async () => {
    const generated = await session.generateKeyPackage();
    kept.set(generated.ref, generated);
    return { bytes: generated.publicBytes, accountId, deviceId: identity.deviceId };
  };
  const join = (welcome: Uint8Array) => session.join(welcome, async (ref) => kept.get(ref));
  return { session, identity, keyPackage, join };
}

const text = (value: string) => new TextEncoder().encode(value);
const read = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('MlsSession', () => {
  it('creates a group, adds two members, and everyone reads everyone', async () => {
    const directory = new Directory();
    const alice = await client(directory, 'alice');
    const bob = await client(directory, 'bob');
    const carol = await client(directory, 'carol');

    let aliceGroup = await alice.session.createGroup('conv-1');
    const added = await alice.session.addMembers(aliceGroup, [await bob.keyPackage(), await carol.keyPackage()]);
    aliceGroup = added.group;
    const bobGroup = await bob.join(added.welcome!);
    const carolGroup = await carol.join(added.welcome!);
    expect(epochOf(aliceGroup)).toBe(1);
    expect(epochOf(bobGroup)).toBe(1);
    expect(
      members(carolGroup)
        .map((leaf) => leaf.accountId)
        .sort(),
    ).toEqual(['alice', 'bob', 'carol']);

    const fromBob = await bob.session.encrypt(bobGroup, text('hello from bob'));
    const atAlice = await alice.session.process(aliceGroup, fromBob.ciphertext);
    const atCarol = await carol.session.process(carolGroup, fromBob.ciphertext);
    expect(atAlice.kind).toBe('application');
    if (atAlice.kind !== 'application' || atCarol.kind !== 'application') throw new Error('not decrypted');
    expect(read(atAlice.plaintext)).toBe('hello from bob');
    expect(read(atCarol.plaintext)).toBe('hello from bob');
    expect(atAlice.sender).toMatchObject({ accountId: 'bob', deviceId: 'bob-dev' });
  });

  it('a removed member cannot decrypt messages sent after its removal', async () => {
    const directory = new Directory();
    const alice = await client(directory, 'alice');
    const bob = await client(directory, 'bob');
    const carol = await client(directory, 'carol');
    const added = await alice.session.addMembers(await alice.session.createGroup('conv-2'), [
      await bob.keyPackage(),
      await carol.keyPackage(),
    ]);
    let aliceGroup: GroupState = added.group;
    let bobGroup = await bob.join(added.welcome!);
    let carolGroup = await carol.join(added.welcome!);

    const removal = await alice.session.removeDevices(aliceGroup, ['carol-dev']);
    aliceGroup = removal.group;
    const bobAfter = await bob.session.process(bobGroup, removal.commit);
    const carolAfter = await carol.session.process(carolGroup, removal.commit);
    expect(bobAfter.kind).toBe('commit');
    expect(carolAfter).toMatchObject({ kind: 'commit', removedSelf: true });
    bobGroup = bobAfter.group;
    carolGroup = carolAfter.group;
    expect(
      members(aliceGroup)
        .map((leaf) => leaf.accountId)
        .sort(),
    ).toEqual(['alice', 'bob']);

    const secret = await alice.session.encrypt(aliceGroup, text('after carol left'));
    const atBob = await bob.session.process(bobGroup, secret.ciphertext);
    expect(atBob.kind === 'application' && read(atBob.plaintext)).toBe('after carol left');
    // Carol's old state (before processing her removal) and her new one both fail.
    await expect(carol.session.process(carolGroup, secret.ciphertext)).rejects.toThrow();
    await expect(carol.session.process({ state: carolGroup.state }, secret.ciphertext)).rejects.toThrow();
  });

  it('refuses to add a key package whose key the server has not registered for that device', async () => {
    const directory = new Directory();
    const alice = await client(directory, 'alice');
    const mallory = await client(directory, 'mallory', false);
    const group = await alice.session.createGroup('conv-3');
    await expect(alice.session.addMembers(group, [await mallory.keyPackage()])).rejects.toBeInstanceOf(
      CredentialRejected,
    );

    // Registered, but claimed as someone else's device: refused too.
    const bob = await client(directory, 'bob');
    const bobPackage = await bob.keyPackage();
    await expect(alice.session.addMembers(group, [{ ...bobPackage, accountId: 'carol' }])).rejects.toBeInstanceOf(
      CredentialRejected,
    );
  });

  it('a joiner rejects a group that holds a leaf whose key does not match the directory', async () => {
    const directory = new Directory();
    const alice = await client(directory, 'alice');
    const bob = await client(directory, 'bob');
    const added = await alice.session.addMembers(await alice.session.createGroup('conv-4'), [await bob.keyPackage()]);
    // The server now claims another key for Alice's device: Bob must refuse the Welcome.
    directory.keys.set('alice/alice-dev', (await createDeviceIdentity('x', 'y')).signaturePublicKey);
    await expect(bob.join(added.welcome!)).rejects.toThrow();
  });

  it('group state survives encoding and keeps decrypting', async () => {
    const directory = new Directory();
    const alice = await client(directory, 'alice');
    const bob = await client(directory, 'bob');
    const added = await alice.session.addMembers(await alice.session.createGroup('conv-5'), [await bob.keyPackage()]);
    const bobGroup = bob.session.decodeState(bob.session.encodeState(await bob.join(added.welcome!)));
    const aliceGroup = alice.session.decodeState(alice.session.encodeState(added.group));
    const sent = await alice.session.encrypt(aliceGroup, text('persisted'));
    const received = await bob.session.process(bobGroup, sent.ciphertext);
    expect(received.kind === 'application' && read(received.plaintext)).toBe('persisted');
  });

  it('encrypting and decrypting a short message is fast (figure for docs/benchmarks.md)', async () => {
    const directory = new Directory();
    const alice = await client(directory, 'alice');
    const bob = await client(directory, 'bob');
    const added = await alice.session.addMembers(await alice.session.createGroup('conv-6'), [await bob.keyPackage()]);
    let aliceGroup = added.group;
    let bobGroup = await bob.join(added.welcome!);
    const rounds = 200;
    let encryptMillis = 0;
    let decryptMillis = 0;
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      const sent = await alice.session.encrypt(aliceGroup, text(`message number ${i} with some ordinary length`));
      const encrypted = performance.now();
      const received = await bob.session.process(bobGroup, sent.ciphertext);
      decryptMillis += performance.now() - encrypted;
      encryptMillis += encrypted - started;
      aliceGroup = sent.group;
      bobGroup = received.group;
    }
    console.log(
      `mls-bench encrypt ${(encryptMillis / rounds).toFixed(3)} ms, decrypt ${(decryptMillis / rounds).toFixed(3)} ms (mean of ${rounds})`,
    );
    expect(encryptMillis / rounds).toBeLessThan(50);
  });
});
