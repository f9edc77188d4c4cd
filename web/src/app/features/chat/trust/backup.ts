// Encrypted backup of this device's chat database: its decrypted history, its MLS state (identity,
// key packages, group states) and its trust records, in one file protected by a passphrase.
//
// Key: argon2id (@noble/hashes) over the passphrase with a random 16-byte salt, 64 MiB of memory,
// 3 passes, 1 lane (RFC 9106's second recommended setting, with one lane as noble computes one
// at a time), 32 bytes out. Cipher: AES-256-GCM (WebCrypto) with a random 12-byte nonce; the
// file's header (format, version, KDF parameters, nonce) is the associated data, so changing it
// makes the file unreadable rather than weaker. A wrong passphrase and a damaged file look the
// same to GCM: both are reported as "wrong passphrase or damaged file".
//
// What a restore can do is honest about MLS: group state belongs to one device (one leaf in each
// group, registered with the server under that device's id). Restored on the SAME device (same
// session, its storage wiped), everything comes back and it decrypts as before. Restored on a NEW
// device (a new login is a new device with new keys), only the history and trust records are
// taken: the new device cannot decrypt what was sent before it joined a group, and it is added to
// its chats as a new device, like any other newly linked device.
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import type { LocalDb } from '../../../store/local-db';
import { mergeMessage, type ChatMessage } from '../engine/messages';
import { fromBase64, toBase64 } from '../../../mls/mls';
import { PASSPHRASE_MIN_LENGTH } from './backup-limits';

export const BACKUP_FORMAT = 'atrium-backup';
export const BACKUP_VERSION = 1;

export interface KdfParams {
  name: 'argon2id';
  /** Memory in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  salt: string;
}

/** The settings new backups use; see the comment at the top for why. */
export const DEFAULT_KDF = { memoryKiB: 65_536, iterations: 3, parallelism: 1 } as const;
/** A file asking for more than this is refused before any work (a crafted file must not hang the tab). */
const KDF_MEMORY_KIB_MAX = 262_144;
const KDF_ITERATIONS_MAX = 10;
/** Backup files larger than this are refused. */
export const BACKUP_BYTES_MAX = 256 * 1024 * 1024;

interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  kdf: KdfParams;
  cipher: { name: 'AES-256-GCM'; iv: string };
}

interface BackupFile extends BackupHeader {
  ciphertext: string;
}

export interface BackupContents {
  accountId: string;
  deviceId: string;
  createdAt: number;
  /** Every key of the device's chat database with its value. */
  entries: [string, unknown][];
}

export type BackupProblem =
  'wrongPassphrase' | 'notABackup' | 'unsupportedVersion' | 'otherAccount' | 'passphraseTooShort';

export class BackupError extends Error {
  constructor(readonly problem: BackupProblem) {
    super(`backup: ${problem}`);
  }
}

/** Reads every entry of the chat database (not in one transaction: the engine may be writing). */
export async function collectBackup(db: LocalDb, accountId: string, deviceId: string): Promise<BackupContents> {
  const keys = await db.keys('');
  const entries: [string, unknown][] = [];
  for (const key of keys) {
    const value = await db.get(key);
    if (value !== undefined) entries.push([key, value]);
  }
  return { accountId, deviceId, createdAt: Date.now(), entries };
}

export async function encryptBackup(
  contents: BackupContents,
  passphrase: string,
  kdf: Omit<KdfParams, 'name' | 'salt'> = DEFAULT_KDF,
): Promise<string> {
  if (passphrase.length < PASSPHRASE_MIN_LENGTH) throw new BackupError('passphraseTooShort');
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { name: 'argon2id', ...kdf, salt: toBase64(randomBytes(16)) },
    cipher: { name: 'AES-256-GCM', iv: toBase64(randomBytes(12)) },
  };
  const key = await deriveKey(passphrase, header.kdf);
  const plaintext = new TextEncoder().encode(JSON.stringify(toTagged(contents)));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: bytes(fromBase64(header.cipher.iv)), additionalData: headerBytes(header) },
      key,
      plaintext,
    ),
  );
  return JSON.stringify({ ...header, ciphertext: toBase64(ciphertext) } satisfies BackupFile);
}

export async function decryptBackup(fileText: string, passphrase: string): Promise<BackupContents> {
  if (fileText.length > BACKUP_BYTES_MAX) throw new BackupError('notABackup');
  let file: BackupFile;
  try {
    file = JSON.parse(fileText) as BackupFile;
  } catch {
    throw new BackupError('notABackup');
  }
  if (
    file?.format !== BACKUP_FORMAT ||
    typeof file.ciphertext !== 'string' ||
    typeof file.cipher?.iv !== 'string' ||
    file.kdf?.name !== 'argon2id' ||
    typeof file.kdf.salt !== 'string'
  )
    throw new BackupError('notABackup');
  if (file.version !== BACKUP_VERSION) throw new BackupError('unsupportedVersion');
  const { memoryKiB, iterations, parallelism } = file.kdf;
  const sane = (value: number, max: number) => Number.isInteger(value) && value >= 1 && value <= max;
  if (!sane(memoryKiB, KDF_MEMORY_KIB_MAX) || !sane(iterations, KDF_ITERATIONS_MAX) || !sane(parallelism, 16)) {
    throw new BackupError('notABackup');
  }
  const header: BackupHeader = { format: file.format, version: file.version, kdf: file.kdf, cipher: file.cipher };
  let plaintext: ArrayBuffer;
  try {
    const key = await deriveKey(passphrase, file.kdf);
    plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(fromBase64(file.cipher.iv)), additionalData: headerBytes(header) },
      key,
      bytes(fromBase64(file.ciphertext)),
    );
  } catch {
    throw new BackupError('wrongPassphrase');
  }
  return fromTagged(JSON.parse(new TextDecoder().decode(plaintext))) as BackupContents;
}

export interface RestoreSummary {
  /** 'full': this device's own backup, everything restored. 'history': another device's, history and trust only. */
  mode: 'full' | 'history';
  conversations: number;
  messages: number;
}

const HISTORY_PREFIX = 'msgs:';
const TRUST_PREFIXES = ['trust:', 'verified:'];

/** Writes a decrypted backup into this device's chat database (see the top comment for what is taken). */
export async function restoreBackup(
  db: LocalDb,
  contents: BackupContents,
  current: { accountId: string; deviceId: string },
): Promise<RestoreSummary> {
  if (contents.accountId !== current.accountId) throw new BackupError('otherAccount');
  const histories = contents.entries.filter(([key]) => key.startsWith(HISTORY_PREFIX));
  const messages = histories.reduce((sum, [, list]) => sum + (Array.isArray(list) ? list.length : 0), 0);
  if (contents.deviceId === current.deviceId) {
    await db.setMany(contents.entries);
    return { mode: 'full', conversations: histories.length, messages };
  }
  const writes: [string, unknown][] = [];
  for (const [key, value] of histories) {
    let list = (await db.get<ChatMessage[]>(key)) ?? [];
    for (const message of value as ChatMessage[]) {
      // The old device's unsent messages have no outbox here: they show as failed.
      const status = message.status === 'pending' ? 'failed' : message.status;
      list = mergeMessage(list, { ...message, status }).list;
    }
    writes.push([key, list]);
  }
  for (const [key, value] of contents.entries) {
    if (TRUST_PREFIXES.some((prefix) => key.startsWith(prefix)) && (await db.get(key)) === undefined)
      writes.push([key, value]);
  }
  await db.setMany(writes);
  return { mode: 'history', conversations: histories.length, messages };
}

async function deriveKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  const raw = await argon2idAsync(passphrase.normalize('NFKC'), fromBase64(kdf.salt), {
    m: kdf.memoryKiB,
    t: kdf.iterations,
    p: kdf.parallelism,
    dkLen: 32,
  });
  try {
    return await crypto.subtle.importKey('raw', bytes(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

/** WebCrypto's types want bytes backed by a plain ArrayBuffer, which these are. */
const bytes = (value: Uint8Array) => value as Uint8Array<ArrayBuffer>;

function headerBytes(header: BackupHeader): Uint8Array<ArrayBuffer> {
  const { format, version, kdf, cipher } = header;
  return new TextEncoder().encode(
    JSON.stringify({
      format,
      version,
      kdf: {
        name: kdf.name,
        memoryKiB: kdf.memoryKiB,
        iterations: kdf.iterations,
        parallelism: kdf.parallelism,
        salt: kdf.salt,
      },
      cipher: { name: cipher.name, iv: cipher.iv },
    }),
  );
}

/** JSON with the types the chat database holds that JSON lacks (bytes, big integers). */
function toTagged(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [toTagged(k), toTagged(v)]) };
  if (Array.isArray(value)) return value.map(toTagged);
  if (value && typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`cannot back up ${value.constructor?.name}`);
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toTagged(v)]),
    );
  }
  return value;
}

function fromTagged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromTagged);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$bytes === 'string') return fromBase64(record.$bytes);
    if (typeof record.$bigint === 'string') return BigInt(record.$bigint);
    if (Array.isArray(record.$map))
      return new Map((record.$map as [unknown, unknown][]).map(([k, v]) => [fromTagged(k), fromTagged(v)]));
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fromTagged(v)]));
  }
  return value;
}
