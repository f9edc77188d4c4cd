// Why scanning stopped without a code, from what getUserMedia threw; each reason has its own
// message so the user knows whether to allow the camera, plug one in, or just paste instead.
import type { SharedKey } from '../../i18n/strings';

export type ScanFailure = 'unsupported' | 'denied' | 'no-camera' | 'busy' | 'timeout' | 'failed';

/** The reason for an error from getUserMedia or video.play(). */
export function scanFailureOf(error: unknown): ScanFailure {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

const MESSAGES: Record<ScanFailure, SharedKey> = {
  unsupported: 'scan.failure.unsupported',
  denied: 'scan.failure.denied',
  'no-camera': 'scan.failure.noCamera',
  busy: 'scan.failure.busy',
  timeout: 'scan.failure.timeout',
  failed: 'scan.failure.failed',
};

/** The message that says what went wrong; the screen adds how to go on (paste instead). */
export function scanFailureMessage(failure: ScanFailure): SharedKey {
  return MESSAGES[failure];
}
