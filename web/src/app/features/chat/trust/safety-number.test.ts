import { describe, expect, it } from 'vitest';
import { memoryLocalDb } from '../../../store/local-db';
import { toBase64 } from '../../../mls/mls';
import { formatSafetyNumber, safetyNumber, type AccountKeys } from './safety-number';
import { clearVerified, markVerified, verificationStatus } from './verification';

const key = (seed: number) => toBase64(Uint8Array.from({ length: 32 }, (_, i) => (seed * 31 + i) & 0xff));

const alice: AccountKeys = {
  accountId: 'acc_alice',
  keys: [
    { deviceId: 'dev_a1', ciphersuite: 1, signaturePublicKey: key(1) },
    { deviceId: 'dev_a2', ciphersuite: 1, signaturePublicKey: key(2) },
  ],
};
const bob: AccountKeys = {
  accountId: 'acc_bob',
  keys: [{ deviceId: 'dev_b1', ciphersuite: 1, signaturePublicKey: key(3) }],
};

describe('safety numbers', () => {
  it('are 12 groups of 5 digits and the same on both sides', () => {
    const seenByAlice = safetyNumber(alice, bob);
    const seenByBob = safetyNumber(bob, { ...alice, keys: [...alice.keys].reverse() });
    expect(seenByAlice).toHaveLength(12);
    seenByAlice.forEach((group) => expect(group).toMatch(/^\d{5}$/));
    expect(seenByBob).toEqual(seenByAlice);
  });

  it('change with any key change, an added device or a removed one', () => {
    const base = formatSafetyNumber(safetyNumber(alice, bob));
    const changedKey = { ...bob, keys: [{ ...bob.keys[0]!, signaturePublicKey: key(4) }] };
    const addedDevice = {
      ...bob,
      keys: [...bob.keys, { deviceId: 'dev_b2', ciphersuite: 1, signaturePublicKey: key(5) }],
    };
    const removedDevice = { ...alice, keys: alice.keys.slice(0, 1) };
    const variants = [
      safetyNumber(alice, changedKey),
      safetyNumber(alice, addedDevice),
      safetyNumber(removedDevice, bob),
      safetyNumber(alice, { ...bob, accountId: 'acc_carol' }),
    ].map(formatSafetyNumber);
    variants.forEach((variant) => expect(variant).not.toBe(base));
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('only the half of the account whose key changed differs', () => {
    const before = safetyNumber(alice, bob);
    const after = safetyNumber(alice, { ...bob, keys: [{ ...bob.keys[0]!, signaturePublicKey: key(9) }] });
    // acc_alice sorts first: its half (the first six groups) stays.
    expect(after.slice(0, 6)).toEqual(before.slice(0, 6));
    expect(after.slice(6)).not.toEqual(before.slice(6));
  });
});

describe('verification', () => {
  it('is lost when the safety number changes', async () => {
    const db = memoryLocalDb();
    const number = formatSafetyNumber(safetyNumber(alice, bob));
    expect(await verificationStatus(db, 'acc_bob', number)).toBe('unverified');
    await markVerified(db, 'acc_bob', number);
    expect(await verificationStatus(db, 'acc_bob', number)).toBe('verified');
    const changed = formatSafetyNumber(
      safetyNumber(alice, { ...bob, keys: [{ ...bob.keys[0]!, signaturePublicKey: key(7) }] }),
    );
    expect(await verificationStatus(db, 'acc_bob', changed)).toBe('changed');
    await clearVerified(db, 'acc_bob');
    expect(await verificationStatus(db, 'acc_bob', changed)).toBe('unverified');
  });
});
