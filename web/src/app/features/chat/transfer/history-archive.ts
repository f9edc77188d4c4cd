// The history archive a signed-in device hands to a newly linked device of the same account: the
// decrypted messages it holds (`msgs:<conversation>` in its chat database), never its MLS state
// (identity, key packages, group states), which belongs to the old device alone; the new device
// joins its groups by Welcome as any new device does and only the past messages come this way.
//
// Encryption: one fresh random AES-256-GCM key per transfer (WebCrypto, extractable only to be
// put into the transfer ticket), the archive's bytes cut into chunks that each fit one attachment
// upload, each chunk sealed with its own random 12-byte nonce and, as associated data, the format,
// the chunk's index and the chunk count. A changed, swapped, dropped or extra chunk, or a wrong key,
// fails GCM's check and the whole archive is refused: nothing is imported from a damaged archive.
import { fromBase64, toBase64 } from '../../../mls/mls';
import type { LocalDb } from '../../../store/local-db';
import { mergeMessage, type ChatMessage } from '../engine/messages';

export const ARCHIVE_FORMAT = 'atrium-history';
export const ARCHIVE_VERSION = 1;
/** Archives larger than this (plaintext) are refused, on building and on import. */
export const ARCHIVE_BYTES_MAX = 50 * 1024 * 1024;
/** Conversations in one archive at most (each keeps at most 2,000 messages). */
export const ARCHIVE_CONVERSATIONS_MAX = 1000;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface HistoryArchive {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  accountId: string;
  createdAt: number;
  conversations: { conversationId: string; messages: ChatMessage[] }[];
}

export type ArchiveProblem = 'tooLarge' | 'damaged' | 'malformed' | 'otherAccount';

/** Why an archive could not be made or read; `problem` picks the message shown. */
export class ArchiveError extends Error {
  constructor(readonly problem: ArchiveProblem) {
    super(`history archive: ${problem}`);
  }
}

export interface SealedArchive {
  /** The AES-256-GCM key, base64: only ever in the transfer ticket, never sent to the server. */
  key: string;
  /** Each chunk: nonce ‖ ciphertext ‖ tag, one attachment upload each. */
  chunks: Uint8Array[];
  messages: number;
  conversations: number;
  bytes: number;
}

const HISTORY_PREFIX = 'msgs:';

/** The archive of every conversation's messages this device holds (no MLS secrets). */
export async function collectHistory(db: LocalDb, accountId: string, now = Date.now()): Promise<HistoryArchive> {
  const keys = (await db.keys(HISTORY_PREFIX)).sort().slice(0, ARCHIVE_CONVERSATIONS_MAX);
  const conversations: HistoryArchive['conversations'] = [];
  for (const key of keys) {
    const messages = ((await db.get<ChatMessage[]>(key)) ?? []).filter((message) => message.kind !== 'undecryptable');
    if (messages.length > 0) conversations.push({ conversationId: key.slice(HISTORY_PREFIX.length), messages });
  }
  return { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, accountId, createdAt: now, conversations };
}

/** Counts for the logout warning and the progress lines. */
export function archiveCounts(archive: HistoryArchive): { conversations: number; messages: number } {
  return {
    conversations: archive.conversations.length,
    messages: archive.conversations.reduce((sum, conversation) => sum + conversation.messages.length, 0),
  };
}

/** Encrypts the archive under a fresh key, in chunks of at most `chunkBytes` of ciphertext. */
export async function sealArchive(archive: HistoryArchive, chunkBytes: number): Promise<SealedArchive> {
  const plaintext = new TextEncoder().encode(JSON.stringify(archive));
  if (plaintext.length > ARCHIVE_BYTES_MAX) throw new ArchiveError('tooLarge');
  const room = chunkBytes - NONCE_BYTES - TAG_BYTES;
  if (room < 1) throw new RangeError('chunk too small');
  const count = Math.max(1, Math.ceil(plaintext.length / room));
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  const chunks: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv: nonce, additionalData: associatedData(index, count) },
        key,
        plaintext.subarray(index * room, (index + 1) * room),
      ),
    );
    const chunk = new Uint8Array(NONCE_BYTES + sealed.length);
    chunk.set(nonce);
    chunk.set(sealed, NONCE_BYTES);
    chunks.push(chunk);
  }
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
  return { key: toBase64(raw), chunks, ...archiveCounts(archive), bytes: plaintext.length };
}

/** Decrypts and checks the chunks (in order) under `key`; anything changed is refused whole. */
export async function openArchive(chunks: readonly Uint8Array[], key: string): Promise<HistoryArchive> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (total > ARCHIVE_BYTES_MAX + chunks.length * (NONCE_BYTES + TAG_BYTES)) throw new ArchiveError('tooLarge');
  let cryptoKey: CryptoKey;
  try {
    cryptoKey = await crypto.subtle.importKey('raw', fromBase64(key) as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [
      'decrypt',
    ]);
  } catch {
    throw new ArchiveError('damaged');
  }
  const parts: Uint8Array[] = [];
  for (const [index, chunk] of chunks.entries()) {
    if (chunk.length < NONCE_BYTES + TAG_BYTES) throw new ArchiveError('damaged');
    try {
      parts.push(
        new Uint8Array(
          await crypto.subtle.decrypt(
            {
              name: 'AES-GCM',
              iv: chunk.slice(0, NONCE_BYTES),
              additionalData: associatedData(index, chunks.length),
            },
            cryptoKey,
            chunk.slice(NONCE_BYTES),
          ),
        ),
      );
    } catch {
      throw new ArchiveError('damaged');
    }
  }
  const plaintext = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    plaintext.set(part, at);
    at += part.length;
  }
  return parseArchive(new TextDecoder().decode(plaintext));
}

export interface ImportSummary {
  conversations: number;
  /** Messages this device did not have yet. */
  added: number;
}

/**
 * Merges the archive's messages into this device's history: each conversation's list stays in the
 * server's order, and a message the device already has (the same key or sequence number, as when
 * it also arrived live) is not added twice. The old device's unsent messages show as failed.
 */
export async function importHistory(db: LocalDb, archive: HistoryArchive, accountId: string): Promise<ImportSummary> {
  if (archive.accountId !== accountId) throw new ArchiveError('otherAccount');
  const writes: [string, unknown][] = [];
  let added = 0;
  for (const { conversationId, messages } of archive.conversations) {
    const key = `${HISTORY_PREFIX}${conversationId}`;
    let list = (await db.get<ChatMessage[]>(key)) ?? [];
    for (const message of messages) {
      const status = message.status === 'pending' ? 'failed' : message.status;
      const merged = mergeMessage(list, { ...message, conversationId, status });
      list = merged.list;
      if (merged.added) added++;
    }
    writes.push([key, list]);
  }
  await db.setMany(writes);
  return { conversations: archive.conversations.length, added };
}

function associatedData(index: number, count: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${ARCHIVE_FORMAT}/${ARCHIVE_VERSION}/${index}/${count}`);
}

const CONVERSATION_ID = /^[A-Za-z0-9_.:-]{1,200}$/;
const KINDS = new Set(['text', 'file', 'voice', 'payment', 'system', 'unsupported']);

/** The decrypted JSON, checked: only well-formed message lists of this format are taken. */
function parseArchive(text: string): HistoryArchive {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ArchiveError('malformed');
  }
  const archive = value as Partial<HistoryArchive> | null;
  if (
    !archive ||
    archive.format !== ARCHIVE_FORMAT ||
    archive.version !== ARCHIVE_VERSION ||
    typeof archive.accountId !== 'string' ||
    !Array.isArray(archive.conversations) ||
    archive.conversations.length > ARCHIVE_CONVERSATIONS_MAX
  )
    throw new ArchiveError('malformed');
  for (const conversation of archive.conversations) {
    if (
      !conversation ||
      typeof conversation.conversationId !== 'string' ||
      !CONVERSATION_ID.test(conversation.conversationId) ||
      !Array.isArray(conversation.messages) ||
      !conversation.messages.every(isMessage)
    )
      throw new ArchiveError('malformed');
  }
  return archive as HistoryArchive;
}

function isMessage(value: unknown): value is ChatMessage {
  const message = value as Partial<ChatMessage> | null;
  return (
    !!message &&
    typeof message.key === 'string' &&
    typeof message.senderAccountId === 'string' &&
    typeof message.senderDeviceId === 'string' &&
    typeof message.sentAt === 'number' &&
    (message.seq === undefined || Number.isSafeInteger(message.seq)) &&
    typeof message.kind === 'string' &&
    KINDS.has(message.kind) &&
    (message.text === undefined || typeof message.text === 'string')
  );
}
