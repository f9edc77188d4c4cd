// Recovering messages this device could not decrypt (it joined while the sender was still on
// the old epoch, its state was lost, the epoch's keys were gone): the placeholder says so, and
// this device asks the sender's device, over the MLS group, to send the message again. The
// sender's device answers from its sent log — the encoded payloads of what it sent recently —
// with a new application message that wraps the original and names the original's sequence
// number; the receiver puts it in the placeholder's place. The message keeps its key (sender
// device and message id), so members who had it already show it once.
//
// Both sides are bounded: seqs per request, requests per conversation and minute, attempts per
// seq, answers per window, and an age past which nothing is asked or answered.
import type { LocalDb } from '../../../store/local-db';

/** Nothing older than this is asked for or answered. */
export const RESEND_AGE_MAX_MILLIS = 7 * 24 * 60 * 60_000;
/** Payloads this device keeps per conversation to answer requests (the newest win). */
export const SENT_LOG_MAX = 300;
/** Sequence numbers named in one request, at most. */
const REQUEST_SEQS_MAX = 50;
/** Waiting placeholders remembered per conversation, at most. */
const WAITING_MAX = 500;
/** Times one seq is asked for before its placeholder says it is unavailable. */
const REQUEST_ATTEMPTS_MAX = 3;
/** Before asking for a seq again. */
const REQUEST_RETRY_MILLIS = 30_000;
/** Requests sent per conversation per minute, at most. */
const REQUESTS_PER_MINUTE_MAX = 6;
/** Resends this device sends per window, at most, and the window. */
const ANSWERS_MAX = 200;
const ANSWERS_WINDOW_MILLIS = 10 * 60_000;
/** The same seq is resent to the same requester at most once per this interval. */
const ANSWER_REPEAT_MILLIS = 60_000;
/** Requests are gathered this long before one is sent (a catch-up produces many placeholders). */
const REQUEST_GATHER_MILLIS = 300;

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
const DEVICE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

interface SentEntry {
  seq: number;
  sentAt: number;
  payload: Uint8Array;
}

interface Waiting {
  seq: number;
  senderDeviceId: string;
  createdAt: number;
  attempts: number;
  lastAskedAt: number;
}

/** What a control payload says, once decrypted. */
export type ResendControl =
  { type: 'request'; deviceId: string; seqs: number[] } | { type: 'resend'; of: number; inner: Uint8Array };

export function encodeResendRequest(id: string, deviceId: string, seqs: number[]): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({ v: 1, t: 'resend_request', id, at: Date.now(), device: deviceId, seqs }),
  );
}

export function encodeResend(id: string, of: number, original: Uint8Array): Uint8Array {
  const inner = JSON.parse(new TextDecoder().decode(original)) as unknown;
  return new TextEncoder().encode(JSON.stringify({ v: 1, t: 'resend', id, at: Date.now(), of, inner }));
}

/** A resend request or a resend, or undefined for every other payload (and anything malformed). */
export function decodeResendControl(bytes: Uint8Array): ResendControl | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (record.v !== 1 || typeof record.id !== 'string' || !ID_PATTERN.test(record.id)) return undefined;
  if (
    record.t === 'resend_request' &&
    typeof record.device === 'string' &&
    DEVICE_PATTERN.test(record.device) &&
    Array.isArray(record.seqs) &&
    record.seqs.length > 0 &&
    record.seqs.length <= REQUEST_SEQS_MAX &&
    record.seqs.every((seq) => Number.isSafeInteger(seq) && (seq as number) > 0)
  ) {
    return { type: 'request', deviceId: record.device, seqs: record.seqs as number[] };
  }
  if (
    record.t === 'resend' &&
    Number.isSafeInteger(record.of) &&
    (record.of as number) > 0 &&
    record.inner &&
    typeof record.inner === 'object' &&
    (record.inner as Record<string, unknown>).t !== 'resend' &&
    (record.inner as Record<string, unknown>).t !== 'resend_request'
  ) {
    return { type: 'resend', of: record.of as number, inner: new TextEncoder().encode(JSON.stringify(record.inner)) };
  }
  return undefined;
}

export interface ResendHost {
  readonly deviceId: string;
  db: LocalDb;
  /** Encrypts and sends a control payload to the conversation's group; true once the server accepted it. */
  sendControl(conversationId: string, payload: Uint8Array): Promise<boolean>;
  /** Marks these placeholders as given up on (their senders did not answer). */
  markUnavailable(conversationId: string, seqs: number[]): Promise<void>;
  newId(): string;
  now?: () => number;
  setTimer?: (callback: () => void, millis: number) => unknown;
}

export class Resends {
  private readonly now: () => number;
  private readonly setTimer: (callback: () => void, millis: number) => unknown;
  private readonly requestTimes = new Map<string, number[]>();
  private readonly answeredAt = new Map<string, number>();
  private answerTimes: number[] = [];
  private readonly scheduled = new Map<string, number>();
  private stopped = false;
  private serialTail: Promise<unknown> = Promise.resolve();
  /** Counters for tests and diagnostics. */
  readonly stats = { requestsSent: 0, resendsSent: 0, answersRefused: 0 };

  constructor(private readonly host: ResendHost) {
    this.now = host.now ?? Date.now;
    this.setTimer = host.setTimer ?? ((callback, millis) => setTimeout(callback, millis));
  }

  stop(): void {
    this.stopped = true;
  }

  // ---- the sender's side ----

  /** Entries recording what this device sent as `seq` (to be saved with the outbox change). */
  async sentEntries(
    conversationId: string,
    seq: number,
    payload: Uint8Array,
    sentAt: number,
  ): Promise<[string, unknown][]> {
    const log = (await this.host.db.get<SentEntry[]>(`sentlog:${conversationId}`)) ?? [];
    const next = [...log.filter((entry) => entry.seq !== seq), { seq, sentAt, payload }]
      .sort((a, b) => a.seq - b.seq)
      .slice(-SENT_LOG_MAX);
    return [[`sentlog:${conversationId}`, next]];
  }

  /** A recalled message must never be sent again: its plaintext leaves the log. */
  async forget(conversationId: string, seq: number): Promise<void> {
    const log = (await this.host.db.get<SentEntry[]>(`sentlog:${conversationId}`)) ?? [];
    if (!log.some((entry) => entry.seq === seq)) return;
    await this.host.db.setMany([[`sentlog:${conversationId}`, log.filter((entry) => entry.seq !== seq)]]);
  }

  /**
   * A member asked this device for `seqs`: sends each it still has, within the bounds, as a
   * resend. Returns how many were sent.
   */
  async answer(conversationId: string, requesterDeviceId: string, seqs: number[]): Promise<number> {
    if (this.stopped) return 0;
    const log = (await this.host.db.get<SentEntry[]>(`sentlog:${conversationId}`)) ?? [];
    let sent = 0;
    for (const seq of seqs.slice(0, REQUEST_SEQS_MAX)) {
      const entry = log.find((candidate) => candidate.seq === seq);
      const now = this.now();
      const repeatKey = `${conversationId}/${requesterDeviceId}/${seq}`;
      this.answerTimes = this.answerTimes.filter((at) => now - at < ANSWERS_WINDOW_MILLIS);
      if (
        !entry ||
        now - entry.sentAt > RESEND_AGE_MAX_MILLIS ||
        this.answerTimes.length >= ANSWERS_MAX ||
        now - (this.answeredAt.get(repeatKey) ?? -Infinity) < ANSWER_REPEAT_MILLIS
      ) {
        this.stats.answersRefused++;
        continue;
      }
      this.answerTimes.push(now);
      this.answeredAt.set(repeatKey, now);
      if (this.answeredAt.size > 5000) this.answeredAt.delete(this.answeredAt.keys().next().value!);
      if (!(await this.host.sendControl(conversationId, encodeResend(this.host.newId(), seq, entry.payload)))) break;
      this.stats.resendsSent++;
      sent++;
    }
    return sent;
  }

  // ---- the receiver's side ----

  /** Placeholders were shown for these envelopes: remember them and ask their senders (soon). */
  want(conversationId: string, envelopes: { seq: number; senderDeviceId: string; createdAt: number }[]): Promise<void> {
    return this.serial(() => this.wantNow(conversationId, envelopes));
  }

  private async wantNow(
    conversationId: string,
    envelopes: { seq: number; senderDeviceId: string; createdAt: number }[],
  ): Promise<void> {
    const now = this.now();
    const fresh = envelopes.filter((envelope) => now - envelope.createdAt <= RESEND_AGE_MAX_MILLIS);
    if (fresh.length > 0) {
      const waiting = await this.waiting(conversationId);
      const known = new Set(waiting.map((entry) => entry.seq));
      const next = [
        ...waiting,
        ...fresh
          .filter((envelope) => !known.has(envelope.seq))
          .map((envelope) => ({
            seq: envelope.seq,
            senderDeviceId: envelope.senderDeviceId,
            createdAt: envelope.createdAt,
            attempts: 0,
            lastAskedAt: 0,
          })),
      ]
        .sort((a, b) => a.seq - b.seq)
        .slice(-WAITING_MAX);
      await this.saveWaiting(conversationId, next);
    }
    const unwanted = envelopes.filter((envelope) => !fresh.includes(envelope)).map((envelope) => envelope.seq);
    if (unwanted.length > 0) await this.host.markUnavailable(conversationId, unwanted);
    if (fresh.length > 0) this.schedule(conversationId, REQUEST_GATHER_MILLIS);
  }

  /** The placeholder at `seq` was filled (by a resend, or a late decryption): stop asking. */
  fulfilled(conversationId: string, seqs: number[]): Promise<void> {
    return this.serial(async () => {
      const waiting = await this.waiting(conversationId);
      const next = waiting.filter((entry) => !seqs.includes(entry.seq));
      if (next.length !== waiting.length) await this.saveWaiting(conversationId, next);
    });
  }

  /** Whether `seq` waits for a resend from `senderDeviceId` (only then is a resend put in its place). */
  async isWaiting(conversationId: string, seq: number, senderDeviceId: string): Promise<boolean> {
    return (await this.waiting(conversationId)).some(
      (entry) => entry.seq === seq && entry.senderDeviceId === senderDeviceId,
    );
  }

  /** The connection is ready: ask again for whatever still waits (each conversation once). */
  async connected(): Promise<void> {
    for (const key of await this.host.db.keys('resend:'))
      this.schedule(key.slice('resend:'.length), REQUEST_GATHER_MILLIS);
  }

  /** This device joined the conversation (again): what waits can be asked for now. */
  joined(conversationId: string): void {
    this.schedule(conversationId, REQUEST_GATHER_MILLIS);
  }

  /** Asks in `millis`, unless an ask is due sooner already. */
  private schedule(conversationId: string, millis: number): void {
    if (this.stopped) return;
    const due = this.now() + millis;
    const pending = this.scheduled.get(conversationId);
    if (pending !== undefined && pending <= due) return;
    this.scheduled.set(conversationId, due);
    this.setTimer(() => {
      if (this.scheduled.get(conversationId) !== due) return; // replaced by a sooner one
      this.scheduled.delete(conversationId);
      this.ask(conversationId).catch((error: unknown) => console.warn('resend request not sent', String(error)));
    }, millis);
  }

  /** Sends one request per sender device for the seqs due, within the per-minute bound. */
  async ask(conversationId: string): Promise<void> {
    if (this.stopped) return;
    const now = this.now();
    const waiting = await this.waiting(conversationId);
    const exhausted = waiting.filter(
      (entry) => entry.attempts >= REQUEST_ATTEMPTS_MAX && now - entry.lastAskedAt >= REQUEST_RETRY_MILLIS,
    );
    if (exhausted.length > 0)
      await this.host.markUnavailable(
        conversationId,
        exhausted.map((entry) => entry.seq),
      );
    let remaining = waiting.filter((entry) => !exhausted.includes(entry));
    const due = remaining.filter(
      (entry) => entry.attempts < REQUEST_ATTEMPTS_MAX && now - entry.lastAskedAt >= REQUEST_RETRY_MILLIS,
    );
    const bySender = new Map<string, Waiting[]>();
    for (const entry of due) bySender.set(entry.senderDeviceId, [...(bySender.get(entry.senderDeviceId) ?? []), entry]);
    const asked = new Set<number>();
    for (const [senderDeviceId, entries] of bySender) {
      const times = (this.requestTimes.get(conversationId) ?? []).filter((at) => now - at < 60_000);
      if (times.length >= REQUESTS_PER_MINUTE_MAX) break;
      const batch = entries.slice(0, REQUEST_SEQS_MAX);
      if (
        !(await this.host.sendControl(
          conversationId,
          encodeResendRequest(
            this.host.newId(),
            senderDeviceId,
            batch.map((entry) => entry.seq),
          ),
        ))
      )
        break;
      this.requestTimes.set(conversationId, [...times, now]);
      this.stats.requestsSent++;
      batch.forEach((entry) => asked.add(entry.seq));
    }
    // Saved against the newest list: a resend may have filled some meanwhile.
    await this.serial(async () => {
      const latest = await this.waiting(conversationId);
      const gone = new Set(exhausted.map((entry) => entry.seq));
      remaining = latest
        .filter((entry) => !gone.has(entry.seq))
        .map((entry) => (asked.has(entry.seq) ? { ...entry, attempts: entry.attempts + 1, lastAskedAt: now } : entry));
      await this.saveWaiting(conversationId, remaining);
    });
    if (remaining.length > 0) this.schedule(conversationId, REQUEST_RETRY_MILLIS);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.serialTail.then(task);
    this.serialTail = result.catch(() => undefined);
    return result;
  }

  private async saveWaiting(conversationId: string, list: Waiting[]): Promise<void> {
    if (list.length === 0) await this.host.db.del(`resend:${conversationId}`);
    else await this.host.db.setMany([[`resend:${conversationId}`, list]]);
  }

  private async waiting(conversationId: string): Promise<Waiting[]> {
    return (await this.host.db.get<Waiting[]>(`resend:${conversationId}`)) ?? [];
  }
}
