// Messages as this device shows them, and the rules that keep a conversation's history free of
// duplicates: delivery is at least once, so an envelope may arrive again after a reconnect, and
// a message may come back after its sender resent it.
import type { FileRef } from './attachments';
import type { MemberChange, ReplyRef } from './codec';
import type { PaymentRef } from '../../wallet';

export interface ChatMessage {
  /** `<sender device>:<sender's message id>`: the same message always has the same key. */
  key: string;
  conversationId: string;
  /** The envelope's sequence number, once known. */
  seq?: number;
  senderAccountId: string;
  senderDeviceId: string;
  kind: 'text' | 'file' | 'voice' | 'payment' | 'system' | 'unsupported' | 'undecryptable';
  text?: string;
  /** Accounts the text mentions (named by its sender, inside the encrypted payload). */
  mentions?: string[];
  /** A small inline preview of an image attachment (base64 JPEG or WebP). */
  thumbnail?: string;
  /** The sender edited the text (within the edit window). */
  edited?: boolean;
  /** The sender recalled the message: its content is gone from this device. */
  recalled?: boolean;
  /**
   * A line about the conversation itself (`kind` 'system'): a rename; a membership change by the
   * sender (who created the group, added, removed or left; on a removed member's device, the
   * commit that removed it); or, on a device that joined after its account (a new device, a
   * login after a logout), that earlier messages are not on it.
   */
  system?:
    | { event: 'rename'; name: string }
    | { event: 'history' }
    | { event: 'member'; change: MemberChange; accountIds: string[] };
  /** The server's time when it stored the envelope (received messages). */
  serverAt?: number;
  file?: FileRef;
  /** A voice note's length as its sender recorded it (`kind` 'voice'; the audio is `file`). */
  durationMillis?: number;
  /** A payment card: the server-side transfer or red packet it points at. */
  payment?: PaymentRef;
  reply?: ReplyRef;
  /** The sender forwarded it from another chat (its sender said so inside the payload). */
  forwarded?: boolean;
  /** accountId -> emoji, one reaction per account. */
  reactions?: Record<string, string>;
  /** The sender's clock when written (ms); the server's time for undecryptable ones. */
  sentAt: number;
  status: 'pending' | 'sent' | 'received' | 'failed';
  /** For undecryptable ones: asked the sender's device to send it again, or it will not come. */
  resend?: 'waiting' | 'unavailable';
}

/** Messages kept per conversation on the device; older ones are dropped first. */
export const MESSAGES_PER_CONVERSATION_MAX = 2000;

export function messageKey(senderDeviceId: string, messageId: string): string {
  return `${senderDeviceId}:${messageId}`;
}

/**
 * Adds or updates a message: the same key or the same sequence number means the same message,
 * so re-delivery changes nothing. Returns the list (a new array) and whether it changed.
 */
export function mergeMessage(list: ChatMessage[], message: ChatMessage): { list: ChatMessage[]; added: boolean } {
  const index = list.findIndex(
    (existing) => existing.key === message.key || (message.seq !== undefined && existing.seq === message.seq),
  );
  if (index >= 0) {
    const existing = list[index]!;
    const merged = {
      ...existing,
      seq: existing.seq ?? message.seq,
      reactions: existing.reactions ?? message.reactions,
      status: existing.status === 'pending' || existing.status === 'failed' ? message.status : existing.status,
    };
    const next = [...list];
    next[index] = merged;
    return { list: merged.seq === existing.seq ? next : bySequence(next), added: false };
  }
  const next = bySequence([...list, message]);
  if (next.length > MESSAGES_PER_CONVERSATION_MAX) next.splice(0, next.length - MESSAGES_PER_CONVERSATION_MAX);
  return { list: next, added: true };
}

/**
 * The server's order (sequence numbers) is the one order every member sees, whatever their
 * clocks say; messages not yet accepted by the server come last, in the order written.
 */
export function bySequence(list: ChatMessage[]): ChatMessage[] {
  return list
    .map((message, index) => ({ message, index }))
    .sort((a, b) => (a.message.seq ?? Infinity) - (b.message.seq ?? Infinity) || a.index - b.index)
    .map(({ message }) => message);
}

/** Sets (or, with '', withdraws) an account's reaction on the message with `targetKey`, if present. */
export function applyReaction(list: ChatMessage[], targetKey: string, accountId: string, emoji: string): ChatMessage[] {
  const index = list.findIndex((message) => message.key === targetKey);
  if (index < 0) return list;
  const target = list[index]!;
  const reactions = { ...target.reactions };
  if (emoji) reactions[accountId] = emoji;
  else delete reactions[accountId];
  const next = [...list];
  next[index] = { ...target, reactions };
  return next;
}

/**
 * The list without the message with `key` ("delete for me": this device's history only). A reply
 * quoting it keeps its excerpt, as the reply's sender wrote it.
 */
export function withoutMessage(list: ChatMessage[], key: string): ChatMessage[] {
  return list.some((message) => message.key === key) ? list.filter((message) => message.key !== key) : list;
}

/** Envelopes not yet processed: after `lastSeq`, each sequence number once, in order. */
export function unseenEnvelopes<T extends { seq: number }>(envelopes: T[], lastSeq: number): T[] {
  const bySeq = new Map<number, T>();
  for (const envelope of envelopes) {
    if (Number.isSafeInteger(envelope.seq) && envelope.seq > lastSeq && !bySeq.has(envelope.seq)) {
      bySeq.set(envelope.seq, envelope);
    }
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
