// What travels inside an MLS application message: a small JSON document, versioned, checked
// strictly on the way in so a malformed or hostile message becomes "unsupported", never a crash.
// The server never sees it; only members of the group can decrypt it.

import type { FileRef } from './attachments';
import { cleanPaymentRef, isPaymentRef, type PaymentRef } from '../../wallet';
import { THUMBNAIL_CHARS_MAX } from '../thumbnail';
import { isVoiceDuration } from '../voice/voice-note';

export const TEXT_CHARS_MAX = 4000;
const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const ATTACHMENT_ID_PATTERN = /^att_[A-Za-z0-9_-]{16,100}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const MIME_PATTERN = /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,64}$/;
const FILE_NAME_CHARS_MAX = 200;

/** A message as its sender wrote it. `id` is the sender's clientMessageId; `sentAt` its clock. */
export type ChatPayload =
  | { type: 'text'; id: string; sentAt: number; text: string; reply?: ReplyRef; mentions?: string[]; forwarded?: true }
  | { type: 'file'; id: string; sentAt: number; file: FileRef; thumbnail?: string; forwarded?: true }
  /** A recorded voice note: an encrypted audio attachment and its length as recorded. */
  | { type: 'voice'; id: string; sentAt: number; file: FileRef; durationMillis: number }
  | { type: 'reaction'; id: string; sentAt: number; target: string; emoji: string }
  | { type: 'payment'; id: string; sentAt: number; payment: PaymentRef }
  | { type: 'edit'; id: string; sentAt: number; target: string; text: string }
  | { type: 'recall'; id: string; sentAt: number; target: string }
  | { type: 'rename'; id: string; sentAt: number; name: string }
  | { type: 'member'; id: string; sentAt: number; change: MemberChange; accountIds: string[] }
  | { type: 'unsupported'; id: string; sentAt: number };

/**
 * A membership change its author announces to the group: created (with the first members),
 * added or removed (after the commit that did it), left (just before leaving).
 */
export type MemberChange = 'created' | 'added' | 'removed' | 'left';
const MEMBER_CHANGES: readonly string[] = ['created', 'added', 'removed', 'left'];
/** Accounts one membership announcement names, at most (a group's members, at most). */
export const MEMBER_ACCOUNTS_MAX = 1000;

export type SendablePayload = Exclude<ChatPayload, { type: 'unsupported' }>;

/** Accounts one message may mention, at most. */
export const MENTIONS_MAX = 50;
const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export { THUMBNAIL_CHARS_MAX };
/** A group name, as the server allows it. */
export const GROUP_NAME_CHARS_MAX = 256;

function isMentions(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= MENTIONS_MAX &&
    value.every((id) => typeof id === 'string' && ACCOUNT_ID_PATTERN.test(id))
  );
}

function isMemberAccounts(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length <= MEMBER_ACCOUNTS_MAX &&
    value.every((id) => typeof id === 'string' && ACCOUNT_ID_PATTERN.test(id))
  );
}

function isThumbnail(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length > 0 && value.length <= THUMBNAIL_CHARS_MAX && BASE64_PATTERN.test(value)
  );
}

function isGroupName(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= GROUP_NAME_CHARS_MAX;
}

/** The message a reply answers: its key (sender device and message id) and a short excerpt. */
export interface ReplyRef {
  key: string;
  excerpt: string;
}

export const REPLY_EXCERPT_CHARS_MAX = 120;
/** A reaction is one emoji (which may be several code points); '' withdraws the reaction. */
const EMOJI_CHARS_MAX = 16;
const MESSAGE_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}:[A-Za-z0-9._:-]{1,64}$/;

function isReplyRef(value: unknown): value is ReplyRef {
  if (!value || typeof value !== 'object') return false;
  const reply = value as Record<string, unknown>;
  return (
    typeof reply.key === 'string' &&
    MESSAGE_KEY_PATTERN.test(reply.key) &&
    typeof reply.excerpt === 'string' &&
    reply.excerpt.length <= REPLY_EXCERPT_CHARS_MAX
  );
}

function isReaction(target: unknown, emoji: unknown): boolean {
  return (
    typeof target === 'string' &&
    MESSAGE_KEY_PATTERN.test(target) &&
    typeof emoji === 'string' &&
    emoji.length <= EMOJI_CHARS_MAX &&
    !/[\s<>]/.test(emoji)
  );
}

export function encodePayload(payload: ChatPayload): Uint8Array {
  if (!ID_PATTERN.test(payload.id)) throw new Error('bad message id');
  const header = { v: 1, t: payload.type, id: payload.id, at: payload.sentAt };
  if (payload.type === 'text') {
    if (payload.text.length === 0 || payload.text.length > TEXT_CHARS_MAX) throw new Error('bad text length');
    if (payload.reply && !isReplyRef(payload.reply)) throw new Error('bad reply');
    if (payload.mentions && !isMentions(payload.mentions)) throw new Error('bad mentions');
    const reply = payload.reply ? { re: { key: payload.reply.key, excerpt: payload.reply.excerpt } } : {};
    const mentions = payload.mentions ? { men: [...new Set(payload.mentions)] } : {};
    return new TextEncoder().encode(
      JSON.stringify({ ...header, text: payload.text, ...reply, ...mentions, ...forwardMark(payload) }),
    );
  }
  if (payload.type === 'edit') {
    if (!MESSAGE_KEY_PATTERN.test(payload.target)) throw new Error('bad edit target');
    if (payload.text.length === 0 || payload.text.length > TEXT_CHARS_MAX) throw new Error('bad text length');
    return new TextEncoder().encode(JSON.stringify({ ...header, target: payload.target, text: payload.text }));
  }
  if (payload.type === 'recall') {
    if (!MESSAGE_KEY_PATTERN.test(payload.target)) throw new Error('bad recall target');
    return new TextEncoder().encode(JSON.stringify({ ...header, target: payload.target }));
  }
  if (payload.type === 'rename') {
    if (!isGroupName(payload.name)) throw new Error('bad group name');
    return new TextEncoder().encode(JSON.stringify({ ...header, name: payload.name }));
  }
  if (payload.type === 'member') {
    if (!MEMBER_CHANGES.includes(payload.change) || !isMemberAccounts(payload.accountIds))
      throw new Error('bad membership change');
    return new TextEncoder().encode(
      JSON.stringify({ ...header, ch: payload.change, acc: [...new Set(payload.accountIds)] }),
    );
  }
  if (payload.type === 'reaction') {
    if (!isReaction(payload.target, payload.emoji)) throw new Error('bad reaction');
    return new TextEncoder().encode(JSON.stringify({ ...header, target: payload.target, emoji: payload.emoji }));
  }
  if (payload.type === 'file') {
    if (!isFileRef(payload.file)) throw new Error('bad file reference');
    if (payload.thumbnail !== undefined && !isThumbnail(payload.thumbnail)) throw new Error('bad thumbnail');
    const thumbnail = payload.thumbnail ? { thumb: payload.thumbnail } : {};
    return new TextEncoder().encode(
      JSON.stringify({ ...header, file: payload.file, ...thumbnail, ...forwardMark(payload) }),
    );
  }
  if (payload.type === 'voice') {
    if (!isFileRef(payload.file) || !payload.file.mime.startsWith('audio/'))
      throw new Error('bad voice file reference');
    if (!isVoiceDuration(payload.durationMillis)) throw new Error('bad voice duration');
    return new TextEncoder().encode(JSON.stringify({ ...header, file: payload.file, ms: payload.durationMillis }));
  }
  if (payload.type === 'payment') {
    if (!isPaymentRef(payload.payment)) throw new Error('bad payment reference');
    return new TextEncoder().encode(JSON.stringify({ ...header, pay: cleanPaymentRef(payload.payment) }));
  }
  throw new Error('unsupported messages are never sent');
}

/**
 * "Forwarded" is one optional field (`fwd`) of a text or file: clients that predate it ignore it
 * and show the message as an ordinary one.
 */
function forwardMark(payload: { forwarded?: true }): { fwd?: true } {
  return payload.forwarded ? { fwd: true } : {};
}

function forwardedOf(record: Record<string, unknown>): { forwarded?: true } {
  return record.fwd === true ? { forwarded: true } : {};
}

export function isFileRef(value: unknown): value is FileRef {
  if (!value || typeof value !== 'object') return false;
  const file = value as Record<string, unknown>;
  return (
    typeof file.attachmentId === 'string' &&
    ATTACHMENT_ID_PATTERN.test(file.attachmentId) &&
    typeof file.key === 'string' &&
    file.key.length === 44 &&
    BASE64_PATTERN.test(file.key) &&
    typeof file.iv === 'string' &&
    file.iv.length === 16 &&
    BASE64_PATTERN.test(file.iv) &&
    typeof file.name === 'string' &&
    file.name.length > 0 &&
    file.name.length <= FILE_NAME_CHARS_MAX &&
    typeof file.mime === 'string' &&
    MIME_PATTERN.test(file.mime) &&
    typeof file.size === 'number' &&
    Number.isSafeInteger(file.size) &&
    file.size >= 0
  );
}

/** Decodes a payload; anything not understood is `unsupported` (or throws when not ours at all). */
export function decodePayload(bytes: Uint8Array): ChatPayload {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error('payload is not JSON');
  }
  if (!value || typeof value !== 'object') throw new Error('payload is not an object');
  const record = value as Record<string, unknown>;
  if (
    record.v !== 1 ||
    typeof record.id !== 'string' ||
    !ID_PATTERN.test(record.id) ||
    typeof record.at !== 'number' ||
    !Number.isFinite(record.at)
  ) {
    throw new Error('payload header is malformed');
  }
  const base = { id: record.id, sentAt: record.at };
  if (
    record.t === 'text' &&
    typeof record.text === 'string' &&
    record.text.length > 0 &&
    record.text.length <= TEXT_CHARS_MAX
  ) {
    const mentions = isMentions(record.men) ? { mentions: [...new Set(record.men)] } : {};
    return isReplyRef(record.re)
      ? {
          type: 'text',
          ...base,
          text: record.text,
          reply: { key: record.re.key, excerpt: record.re.excerpt },
          ...mentions,
          ...forwardedOf(record),
        }
      : { type: 'text', ...base, text: record.text, ...mentions, ...forwardedOf(record) };
  }
  if (
    record.t === 'edit' &&
    typeof record.target === 'string' &&
    MESSAGE_KEY_PATTERN.test(record.target) &&
    typeof record.text === 'string' &&
    record.text.length > 0 &&
    record.text.length <= TEXT_CHARS_MAX
  ) {
    return { type: 'edit', ...base, target: record.target, text: record.text };
  }
  if (record.t === 'recall' && typeof record.target === 'string' && MESSAGE_KEY_PATTERN.test(record.target)) {
    return { type: 'recall', ...base, target: record.target };
  }
  if (record.t === 'rename' && isGroupName(record.name)) {
    return { type: 'rename', ...base, name: record.name };
  }
  if (
    record.t === 'member' &&
    typeof record.ch === 'string' &&
    MEMBER_CHANGES.includes(record.ch) &&
    isMemberAccounts(record.acc)
  ) {
    return { type: 'member', ...base, change: record.ch as MemberChange, accountIds: [...new Set(record.acc)] };
  }
  if (record.t === 'reaction' && isReaction(record.target, record.emoji)) {
    return { type: 'reaction', ...base, target: record.target as string, emoji: record.emoji as string };
  }
  if (record.t === 'file' && isFileRef(record.file)) {
    const { attachmentId, key, iv, name, mime, size } = record.file;
    const file = { attachmentId, key, iv, name, mime, size };
    return isThumbnail(record.thumb) && mime.startsWith('image/')
      ? { type: 'file', ...base, file, thumbnail: record.thumb, ...forwardedOf(record) }
      : { type: 'file', ...base, file, ...forwardedOf(record) };
  }
  if (
    record.t === 'voice' &&
    isFileRef(record.file) &&
    record.file.mime.startsWith('audio/') &&
    isVoiceDuration(record.ms)
  ) {
    const { attachmentId, key, iv, name, mime, size } = record.file;
    return { type: 'voice', ...base, file: { attachmentId, key, iv, name, mime, size }, durationMillis: record.ms };
  }
  if (record.t === 'payment' && isPaymentRef(record.pay)) {
    return { type: 'payment', ...base, payment: cleanPaymentRef(record.pay) };
  }
  return { type: 'unsupported', ...base };
}

/** A new clientMessageId: random, within the server's pattern. */
export function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'm' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
