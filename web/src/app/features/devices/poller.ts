// The new browser's side of logging in by QR code: poll the link every couple of seconds
// until it is approved (the answer carries the session), declined or expired. One request at a
// time; transient failures (offline, a busy server) do not end it, the link's expiry does.
import { ApiError } from '../../api/client';
import type { DeviceLinkPoll } from './device-links';
import type { SessionResponse } from '../../api/types';

export const POLL_INTERVAL_MILLIS = 2_000;
/** How long past the link's expiry the browser still asks, for clocks that disagree. */
const EXPIRY_GRACE_MILLIS = 5_000;
/** The longest a 429's Retry-After is honoured, so polling never stalls for minutes. */
const RETRY_AFTER_MILLIS_MAX = 30_000;

export type PollOutcome =
  | { kind: 'approved'; session: SessionResponse }
  | { kind: 'declined' }
  | { kind: 'expired' }
  | { kind: 'failed'; error: unknown };

export interface PollerOptions {
  poll: () => Promise<DeviceLinkPoll>;
  expiresAtMillis: number;
  /** Called once, when polling ends by itself (not after stop()). */
  onOutcome: (outcome: PollOutcome) => void;
  /** A failure polling will retry; null once a poll succeeds again. */
  onTransientError?: (error: unknown | null) => void;
  intervalMillis?: number;
  now?: () => number;
}

/** Starts polling after the first interval; returns stop(). */
export function pollDeviceLink(options: PollerOptions): () => void {
  const interval = options.intervalMillis ?? POLL_INTERVAL_MILLIS;
  const now = options.now ?? Date.now;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const finish = (outcome: PollOutcome) => {
    if (stopped) return;
    stopped = true;
    options.onOutcome(outcome);
  };
  const schedule = (delayMillis: number) => {
    if (!stopped) timer = setTimeout(() => void tick(), delayMillis);
  };

  const tick = async () => {
    if (stopped) return;
    if (now() > options.expiresAtMillis + EXPIRY_GRACE_MILLIS) return finish({ kind: 'expired' });
    let answer: DeviceLinkPoll;
    try {
      answer = await options.poll();
    } catch (error) {
      if (stopped) return;
      const next = afterFailure(error, interval);
      if (next === 'expired') return finish({ kind: 'expired' });
      if (next === 'failed') return finish({ kind: 'failed', error });
      options.onTransientError?.(error);
      return schedule(next);
    }
    if (stopped) return;
    options.onTransientError?.(null);
    switch (answer.status) {
      case 'approved':
        return finish(answer.session ? { kind: 'approved', session: answer.session } : { kind: 'expired' });
      case 'declined':
        return finish({ kind: 'declined' });
      case 'expired':
        return finish({ kind: 'expired' });
      default:
        return schedule(interval);
    }
  };

  schedule(interval);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}

/** What a failed poll means: the link is gone, polling cannot succeed, or wait this long. */
function afterFailure(error: unknown, interval: number): 'expired' | 'failed' | number {
  if (!(error instanceof ApiError)) return interval;
  // The server forgets a link once it was collected, declined and seen, or swept after expiry.
  if (error.status === 404) return 'expired';
  if (error.status === 429) {
    const seconds = Number(error.details.retryAfterSeconds);
    return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, RETRY_AFTER_MILLIS_MAX) : interval;
  }
  if (error.status === 0 || error.status >= 500) return interval;
  return 'failed';
}
