import { describe, expect, it } from 'vitest';
import { encodePayload } from './codec';
import { memoryLocalDb } from '../../../store/local-db';
import {
  decodeResendControl,
  encodeResend,
  encodeResendRequest,
  RESEND_AGE_MAX_MILLIS,
  Resends,
  SENT_LOG_MAX,
} from './resend';

function host(now: { value: number }) {
  const sent: Uint8Array[] = [];
  const unavailable: number[] = [];
  const timers: (() => void)[] = [];
  const db = memoryLocalDb();
  let ids = 0;
  const resends = new Resends({
    deviceId: 'me',
    db,
    newId: () => `id${++ids}`,
    now: () => now.value,
    sendControl: async (_, payload) => {
      sent.push(payload);
      return true;
    },
    markUnavailable: async (_, seqs) => {
      unavailable.push(...seqs);
    },
    setTimer: (callback) => {
      timers.push(callback);
    },
  });
  const fire = async () => {
    for (const timer of timers.splice(0)) timer();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { resends, sent, unavailable, db, fire };
}

const text = (id: string, sentAt: number) => encodePayload({ type: 'text', id, sentAt, text: `text ${id}` });

describe('resend payloads', () => {
  it('round-trip, and anything malformed or nested is not a control payload', () => {
    expect(decodeResendControl(encodeResendRequest('r1', 'dev_a', [3, 4]))).toEqual({
      type: 'request',
      deviceId: 'dev_a',
      seqs: [3, 4],
    });
    const resend = decodeResendControl(encodeResend('r2', 7, text('m1', 1)));
    expect(resend?.type === 'resend' && resend.of).toBe(7);
    expect(resend?.type === 'resend' && JSON.parse(new TextDecoder().decode(resend.inner)).text).toBe('text m1');
    expect(decodeResendControl(text('m1', 1))).toBeUndefined();
    expect(decodeResendControl(encodeResendRequest('r1', 'dev_a', []))).toBeUndefined();
    expect(
      decodeResendControl(
        encodeResendRequest(
          'r1',
          'dev_a',
          Array.from({ length: 51 }, (_, i) => i + 1),
        ),
      ),
    ).toBeUndefined();
    expect(decodeResendControl(encodeResendRequest('r1', 'dev a', [1]))).toBeUndefined();
    expect(decodeResendControl(encodeResend('r3', 0, text('m1', 1)))).toBeUndefined();
    expect(decodeResendControl(encodeResend('r4', 2, encodeResend('r5', 1, text('m1', 1))))).toBeUndefined();
    expect(decodeResendControl(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
  });
});

describe('Resends', () => {
  it('answers only seqs it sent, within the age limit, once a minute per requester', async () => {
    const now = { value: 10 * RESEND_AGE_MAX_MILLIS };
    const { resends, sent, db } = host(now);
    const entries = [...(await resends.sentEntries('c', 5, text('m5', now.value - 1000), now.value - 1000))];
    await db.setMany(entries);
    await db.setMany(await resends.sentEntries('c', 6, text('m6', 0), now.value - RESEND_AGE_MAX_MILLIS - 1));
    expect(await resends.answer('c', 'peer', [5, 6, 7])).toBe(1); // 6 is too old, 7 was not ours
    expect(decodeResendControl(sent[0]!)).toMatchObject({ type: 'resend', of: 5 });
    expect(await resends.answer('c', 'peer', [5])).toBe(0); // asked again at once
    now.value += 61_000;
    expect(await resends.answer('c', 'peer', [5])).toBe(1);
    expect(resends.stats.answersRefused).toBe(3);
  });

  it('never sends a recalled message again: forget drops its plaintext from the log', async () => {
    const now = { value: 1_000_000 };
    const { resends, sent, db } = host(now);
    await db.setMany(await resends.sentEntries('c', 5, text('m5', now.value), now.value));
    await db.setMany(await resends.sentEntries('c', 6, text('m6', now.value), now.value));

    await resends.forget('c', 5);

    expect(await resends.answer('c', 'peer', [5, 6])).toBe(1);
    expect(decodeResendControl(sent[0]!)).toMatchObject({ type: 'resend', of: 6 });
    expect((await db.get<{ seq: number }[]>('sentlog:c'))?.map((entry) => entry.seq)).toEqual([6]);
  });

  it('keeps a bounded sent log', async () => {
    const { resends, db } = host({ value: 1 });
    for (let seq = 1; seq <= SENT_LOG_MAX + 5; seq++)
      await db.setMany(await resends.sentEntries('c', seq, text(`m${seq}`, 1), 1));
    const log = (await db.get<{ seq: number }[]>('sentlog:c'))!;
    expect(log).toHaveLength(SENT_LOG_MAX);
    expect(log[0]!.seq).toBe(6);
  });

  it('asks each sender once per request, retries a bounded number of times, then gives up', async () => {
    const now = { value: 1_000_000 };
    const { resends, sent, unavailable, fire } = host(now);
    await resends.want('c', [
      { seq: 3, senderDeviceId: 'a', createdAt: now.value },
      { seq: 4, senderDeviceId: 'a', createdAt: now.value },
      { seq: 5, senderDeviceId: 'b', createdAt: now.value },
      { seq: 6, senderDeviceId: 'b', createdAt: now.value - RESEND_AGE_MAX_MILLIS - 1 },
    ]);
    expect(unavailable).toEqual([6]); // too old to ask for
    await fire();
    expect(sent.map((payload) => decodeResendControl(payload))).toEqual([
      { type: 'request', deviceId: 'a', seqs: [3, 4] },
      { type: 'request', deviceId: 'b', seqs: [5] },
    ]);
    await resends.fulfilled('c', [3]);
    for (let round = 0; round < 3; round++) {
      now.value += 31_000;
      await fire();
    }
    expect(sent.map((payload) => decodeResendControl(payload)).filter((c) => c?.type === 'request').length).toBe(6);
    expect(unavailable.sort()).toEqual([4, 5, 6]);
    expect(await resends.isWaiting('c', 4, 'a')).toBe(false);
  });
});
