import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import type { DeviceLinkPoll } from './device-links';
import type { SessionResponse } from '../../api/types';
import { POLL_INTERVAL_MILLIS, pollDeviceLink, type PollOutcome } from './poller';

const SESSION = { token: 'atr_new', device: { id: 'd2' }, account: { id: 'a1' } } as unknown as SessionResponse;
const START = Date.parse('2026-01-01T00:00:00Z');
const EXPIRES = START + 120_000;

function answers(...replies: (DeviceLinkPoll | Error)[]) {
  const poll = vi.fn(async () => {
    const next = replies.length > 1 ? replies.shift()! : replies[0]!;
    if (next instanceof Error) throw next;
    return next;
  });
  return poll;
}
const pending: DeviceLinkPoll = { status: 'pending', expiresAt: new Date(EXPIRES).toISOString() };

describe('pollDeviceLink', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
  });
  afterEach(() => vi.useRealTimers());

  function start(poll: () => Promise<DeviceLinkPoll>, onTransientError?: (error: unknown) => void) {
    const outcomes: PollOutcome[] = [];
    const stop = pollDeviceLink({
      poll,
      expiresAtMillis: EXPIRES,
      onOutcome: (o) => outcomes.push(o),
      onTransientError,
    });
    return { outcomes, stop };
  }

  it('polls every interval until approved, then hands over the session once', async () => {
    const poll = answers(pending, pending, { status: 'approved', expiresAt: '', session: SESSION });
    const { outcomes } = start(poll);
    expect(poll).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS);
    expect(poll).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS * 2);
    expect(poll).toHaveBeenCalledTimes(3);
    expect(outcomes).toEqual([{ kind: 'approved', session: SESSION }]);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS * 10);
    expect(poll).toHaveBeenCalledTimes(3);
  });

  it('ends on declined and on expired', async () => {
    const declined = start(answers(pending, { status: 'declined', expiresAt: '' }));
    const expired = start(answers({ status: 'expired', expiresAt: '' }));
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS * 3);
    expect(declined.outcomes).toEqual([{ kind: 'declined' }]);
    expect(expired.outcomes).toEqual([{ kind: 'expired' }]);
  });

  it('treats a link the server no longer knows (404) as expired', async () => {
    const { outcomes } = start(answers(new ApiError(404, 'not_found', 'gone')));
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS);
    expect(outcomes).toEqual([{ kind: 'expired' }]);
  });

  it('keeps polling through network errors and reports them until a poll succeeds', async () => {
    const transient: unknown[] = [];
    const poll = answers(
      new ApiError(0, 'network_error', 'offline'),
      new ApiError(503, 'overloaded', 'busy'),
      pending,
      { status: 'approved', expiresAt: '', session: SESSION },
    );
    const { outcomes } = start(poll, (error) => transient.push(error));
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS * 4);
    expect(poll).toHaveBeenCalledTimes(4);
    expect(transient.map((error) => (error as ApiError | null)?.code ?? null)).toEqual([
      'network_error',
      'overloaded',
      null,
      null,
    ]);
    expect(outcomes).toEqual([{ kind: 'approved', session: SESSION }]);
  });

  it('waits as long as a 429 asks before the next poll', async () => {
    const poll = answers(new ApiError(429, 'rate_limited', 'slow down', undefined, { retryAfterSeconds: 10 }), pending);
    start(poll);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS);
    expect(poll).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(poll).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it('ends with the error for a refusal polling cannot fix (device limit)', async () => {
    const refusal = new ApiError(409, 'device_limit_reached', 'too many');
    const { outcomes } = start(answers(refusal));
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS);
    expect(outcomes).toEqual([{ kind: 'failed', error: refusal }]);
  });

  it('gives up by itself after the link expired, even when the server cannot be reached', async () => {
    const poll = answers(new ApiError(0, 'network_error', 'offline'));
    const { outcomes } = start(poll);
    await vi.advanceTimersByTimeAsync(EXPIRES - START + 10_000);
    expect(outcomes).toEqual([{ kind: 'expired' }]);
    const calls = poll.mock.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poll.mock.calls.length).toBe(calls);
  });

  it('stops without an outcome when stopped, also while a poll is in flight', async () => {
    let release: (value: DeviceLinkPoll) => void = () => undefined;
    const poll = vi.fn(
      () =>
        new Promise<DeviceLinkPoll>((resolve) => {
          release = resolve;
        }),
    );
    const { outcomes, stop } = start(poll);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS);
    stop();
    release({ status: 'approved', expiresAt: '', session: SESSION });
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS * 5);
    expect(outcomes).toEqual([]);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it('never has two polls in flight when the server is slow', async () => {
    let inFlight = 0;
    let most = 0;
    const poll = vi.fn(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MILLIS * 3));
      inFlight -= 1;
      return pending;
    });
    start(poll);
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MILLIS * 20);
    expect(most).toBe(1);
    expect(poll).toHaveBeenCalledTimes(5);
  });
});
