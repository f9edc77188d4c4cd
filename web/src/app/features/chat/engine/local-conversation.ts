// What a device keeps per conversation (`conv:<id>`), and small rules about it that the
// engine's parts share.
import type { ConversationDetails } from '../../../api/types';
import type { SendablePayload } from './codec';
import type { ChatMessage } from './messages';
import { previewOf } from './message-changes';
import { paymentPreview } from '../../wallet';

export interface LocalConversation {
  state?: Uint8Array;
  lastSeq: number;
  unread: number;
  removed?: boolean;
  /** This account left the group itself (so a commit taking its leaves out is no removal by someone). */
  left?: boolean;
  /** Set when a Welcome could not be used (e.g. a credential did not check out). */
  joinFailed?: boolean;
  lastMessage?: { text: string; sentAt: number; senderAccountId: string; key?: string; recalled?: boolean };
  /** The MLS epoch this device joined at (by its latest Welcome); older messages were not for it. */
  joinedEpoch?: number;
  /** How far other accounts have read (their read marks, when they share them). */
  readUpTo?: Record<string, number>;
  /** How far other accounts have received it (at least one of their devices; from `delivered` frames). */
  deliveredUpTo?: Record<string, number>;
  /** An unread message mentions this account. */
  mentioned?: boolean;
  /**
   * This device lost its place in the group: a commit it could not process, a Welcome it could
   * not use. It has asked the members to add it again (at `rejoinAskedAt`); a Welcome ends it.
   */
  lost?: boolean;
  rejoinAskedAt?: number;
  /**
   * The server's details of the conversation as last seen while a member (name, members and
   * their names), so a removed member still sees whose chat it was: the server no longer shows it.
   */
  about?: ConversationDetails;
  /** Display names of everyone seen as a member (former members too), so lines about them keep their names. */
  names?: Record<string, string>;
}

/** An envelope as the server sends it in an `envelopes` frame. */
export interface WireEnvelope {
  seq: number;
  senderAccountId: string;
  senderDeviceId: string;
  kind: string;
  epoch: number;
  ciphertext: string;
  createdAt: number;
}

/** After an edit or recall: the chat list's preview follows when the changed message is the newest. */
export function withPreviewOf(local: LocalConversation, list: ChatMessage[], targetKey: string): LocalConversation {
  if (!local.lastMessage || local.lastMessage.key !== targetKey) return local;
  const target = list.find((message) => message.key === targetKey);
  if (!target) return local;
  return { ...local, lastMessage: { ...local.lastMessage, text: previewOf(target), recalled: target.recalled } };
}

/**
 * After "delete for me": when the deleted message was the chat list's preview, the newest
 * message left takes its place (or none).
 */
export function withPreviewAfterDeletion(
  local: LocalConversation,
  list: ChatMessage[],
  deletedKey: string,
): LocalConversation {
  if (!local.lastMessage || local.lastMessage.key !== deletedKey) return local;
  const newest = [...list].reverse().find((message) => message.kind !== 'system');
  if (!newest) {
    const { lastMessage: _deleted, ...rest } = local;
    return rest;
  }
  return {
    ...local,
    lastMessage: {
      text: previewOf(newest) || (newest.payment ? paymentPreview(newest.payment) : ''),
      sentAt: newest.sentAt,
      senderAccountId: newest.senderAccountId,
      key: newest.key,
      recalled: newest.recalled,
    },
  };
}

/** Whether this device can read the conversation now (a lost one reads nothing of the current epoch). */
export function canRead(local: LocalConversation): boolean {
  return local.state !== undefined && !local.lost && !local.joinFailed;
}

export function isVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

/** What a message shows of its payload (text, file and thumbnail, payment card, mentions, system line). */
export function messageFields(
  payload: Exclude<SendablePayload, { type: 'reaction' | 'edit' | 'recall' }>,
): Pick<
  ChatMessage,
  | 'kind'
  | 'text'
  | 'file'
  | 'durationMillis'
  | 'thumbnail'
  | 'payment'
  | 'reply'
  | 'mentions'
  | 'system'
  | 'sentAt'
  | 'forwarded'
> {
  const forwarded =
    payload.type === 'text' || payload.type === 'file' ? payload.forwarded && { forwarded: true } : undefined;
  switch (payload.type) {
    case 'text':
      return {
        kind: 'text',
        text: payload.text,
        reply: payload.reply,
        mentions: payload.mentions,
        sentAt: payload.sentAt,
        ...forwarded,
      };
    case 'file':
      return { kind: 'file', file: payload.file, thumbnail: payload.thumbnail, sentAt: payload.sentAt, ...forwarded };
    case 'voice':
      return { kind: 'voice', file: payload.file, durationMillis: payload.durationMillis, sentAt: payload.sentAt };
    case 'payment':
      return { kind: 'payment', payment: payload.payment, sentAt: payload.sentAt };
    case 'rename':
      return { kind: 'system', system: { event: 'rename', name: payload.name }, sentAt: payload.sentAt };
    case 'member':
      return {
        kind: 'system',
        system: { event: 'member', change: payload.change, accountIds: payload.accountIds },
        sentAt: payload.sentAt,
      };
  }
}

/** User Timing measures kept at most; older ones are cleared (they show in DevTools' timeline). */
const MEASURES_MAX = 500;
let measures = 0;

/** Runs `task` and records how long it took as a User Timing measure named `name`. */
export async function timed<T>(name: string, task: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await task();
  } finally {
    if (++measures > MEASURES_MAX) {
      performance.clearMeasures();
      measures = 0;
    }
    performance.measure(name, { start: started, end: performance.now() });
  }
}
