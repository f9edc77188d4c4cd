// Edits and recalls: a sender changes or withdraws one of its own messages by a later MLS
// application message that names the target by its key. Every receiver checks the rules itself
// — only the account that wrote the message, only within EDIT_WINDOW_MILLIS, only text (edit) or
// text and files (recall) — and ignores anything else, so a member cannot rewrite another's words.
import type { ChatMessage } from './messages';

/** How long after sending a message its sender may still edit or recall it. */
export const EDIT_WINDOW_MILLIS = 2 * 60_000;

export interface MessageChange {
  type: 'edit' | 'recall';
  target: string;
  /** Who sent the change (from the verified MLS credential). */
  accountId: string;
  /** The new text (edits). */
  text?: string;
  /** The sender's clock when it made the change. */
  sentAt: number;
  /** The server's time when it stored the change, when known. */
  serverAt?: number;
}

/** Whether this account may still edit (text) or recall (text, file) its own message now. */
export function canChange(message: ChatMessage, accountId: string, type: 'edit' | 'recall', now = Date.now()): boolean {
  if (message.senderAccountId !== accountId || message.recalled) return false;
  if (message.status === 'failed') return false;
  const kinds = type === 'edit' ? ['text'] : ['text', 'file'];
  return (
    kinds.includes(message.kind) &&
    now - message.sentAt <= EDIT_WINDOW_MILLIS &&
    now - message.sentAt >= -EDIT_WINDOW_MILLIS
  );
}

/**
 * Applies an edit or recall to the list if the rules allow it; returns the same list otherwise.
 * The window is checked on the sender's clocks (change vs. message) and, where the server stored
 * both, on the server's times too, which the sender cannot choose.
 */
export function applyChange(list: ChatMessage[], change: MessageChange): ChatMessage[] {
  const index = list.findIndex((message) => message.key === change.target);
  if (index < 0) return list;
  const target = list[index]!;
  if (target.senderAccountId !== change.accountId || target.recalled) return list;
  if (!(change.type === 'edit' ? target.kind === 'text' : target.kind === 'text' || target.kind === 'file'))
    return list;
  if (change.sentAt < target.sentAt || change.sentAt - target.sentAt > EDIT_WINDOW_MILLIS) return list;
  if (
    change.serverAt !== undefined &&
    target.serverAt !== undefined &&
    change.serverAt - target.serverAt > EDIT_WINDOW_MILLIS
  )
    return list;
  const next = [...list];
  if (change.type === 'edit') {
    if (!change.text) return list;
    next[index] = { ...target, text: change.text, edited: true };
  } else {
    // The content is dropped, not hidden: it is no longer stored here nor found by search.
    const { text: _text, file: _file, thumbnail: _thumbnail, reply: _reply, mentions: _mentions, ...rest } = target;
    next[index] = { ...rest, recalled: true };
    // Replies keep a short excerpt of what they answer: that goes too.
    for (let i = 0; i < next.length; i++) {
      const quoting = next[i]!;
      if (quoting.reply?.key === change.target)
        next[i] = { ...quoting, reply: { key: quoting.reply.key, excerpt: '' } };
    }
  }
  return next;
}

/** Whether the message mentions this account (and was written by someone else). */
export function mentionsMe(message: ChatMessage, accountId: string): boolean {
  return message.senderAccountId !== accountId && (message.mentions ?? []).includes(accountId);
}

/** What the chat list shows for a message: its text or file name, '' once recalled. */
export function previewOf(message: ChatMessage): string {
  if (message.recalled) return '';
  return message.text ?? message.file?.name ?? '';
}

/** Changes held per conversation, at most, while their message has not arrived (the oldest go first). */
export const PENDING_CHANGES_MAX = 100;
/** A held change is forgotten this long after it arrived. */
export const PENDING_CHANGE_MAX_AGE_MILLIS = 24 * 60 * 60_000;

/** A change whose message was not here yet (it may come later: a resend, or an out-of-order catch-up). */
export interface PendingChange {
  change: MessageChange;
  heldAt: number;
}

/**
 * Applies the change if its message is here (rules checked as always); otherwise holds it, so
 * that {@link applyHeld} applies it once the message arrives.
 */
export function applyOrHold(
  list: ChatMessage[],
  pending: PendingChange[],
  change: MessageChange,
  now = Date.now(),
): { list: ChatMessage[]; pending: PendingChange[] } {
  if (list.some((message) => message.key === change.target)) return { list: applyChange(list, change), pending };
  return { list, pending: [...pending, { change, heldAt: now }].slice(-PENDING_CHANGES_MAX) };
}

/** Applies the held changes whose message is now here (in the order they came); drops expired ones. */
export function applyHeld(
  list: ChatMessage[],
  pending: PendingChange[],
  now = Date.now(),
): { list: ChatMessage[]; pending: PendingChange[]; applied: string[] } {
  if (pending.length === 0) return { list, pending, applied: [] };
  const keys = new Set(list.map((message) => message.key));
  const remaining: PendingChange[] = [];
  const applied: string[] = [];
  let next = list;
  for (const held of pending) {
    if (now - held.heldAt > PENDING_CHANGE_MAX_AGE_MILLIS) continue;
    if (!keys.has(held.change.target)) {
      remaining.push(held);
      continue;
    }
    next = applyChange(next, held.change);
    applied.push(held.change.target);
  }
  return { list: next, pending: remaining, applied };
}
