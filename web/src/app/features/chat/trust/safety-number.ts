// Safety numbers: a number both people in a chat can compare (read aloud, or side by side) to
// make sure the server's key directory showed each of them the other's real device keys. Built
// like Signal's: each account gets a 30-digit half from an iterated SHA-512 over its id and its
// devices' signature keys (sorted, so the order the directory lists them in does not matter); the
// halves are put in account-id order, so both sides see the same 60 digits. Any added, removed
// or changed device key changes the number.
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { DeviceKey } from '../../../api/types';
import { fromBase64 } from '../../../mls/mls';

/** Bumped if the derivation changes, so old and new numbers never look alike. */
const VERSION = 'atrium-safety-number-v1';
/** Hash iterations per half (Signal uses 5200): makes finding a look-alike key set costly. */
const ITERATIONS = 5200;
/** Devices per account that go into the number, at most (the server limits devices too). */
export const SAFETY_NUMBER_DEVICES_MAX = 100;

export interface AccountKeys {
  accountId: string;
  keys: Pick<DeviceKey, 'deviceId' | 'ciphersuite' | 'signaturePublicKey'>[];
}

/** The 60-digit safety number of two accounts, as 12 groups of 5 digits. */
export function safetyNumber(a: AccountKeys, b: AccountKeys): string[] {
  const [first, second] = [a, b].sort((x, y) => (x.accountId < y.accountId ? -1 : x.accountId > y.accountId ? 1 : 0));
  return [...half(first!), ...half(second!)];
}

/** The number as one string ("12345 67890 ..."), for showing and comparing. */
export function formatSafetyNumber(groups: string[]): string {
  return groups.join(' ');
}

function half(account: AccountKeys): string[] {
  const devices = [...account.keys]
    .sort((x, y) => (x.deviceId < y.deviceId ? -1 : x.deviceId > y.deviceId ? 1 : 0))
    .slice(0, SAFETY_NUMBER_DEVICES_MAX);
  const parts: Uint8Array[] = [lengthPrefixed(utf8ToBytes(VERSION)), lengthPrefixed(utf8ToBytes(account.accountId))];
  for (const device of devices) {
    parts.push(
      lengthPrefixed(utf8ToBytes(device.deviceId)),
      lengthPrefixed(utf8ToBytes(String(device.ciphersuite))),
      lengthPrefixed(fromBase64(device.signaturePublicKey)),
    );
  }
  const input = concatBytes(...parts);
  let hash = sha512(input);
  for (let i = 1; i < ITERATIONS; i++) hash = sha512(concatBytes(hash, input));
  const groups: string[] = [];
  for (let offset = 0; offset < 30; offset += 5) {
    // 5 bytes (40 bits) per group, reduced to 5 decimal digits as Signal does.
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + hash[offset + i]!;
    groups.push(String(value % 100_000).padStart(5, '0'));
  }
  return groups;
}

function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setUint32(0, bytes.length);
  return concatBytes(prefix, bytes);
}
