import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/strings';
import { scanFailureMessage, scanFailureOf, type ScanFailure } from './scan-failure';

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('scanFailureOf', () => {
  it('tells a refused permission from a missing or busy camera', () => {
    expect(scanFailureOf(domError('NotAllowedError'))).toBe('denied');
    expect(scanFailureOf(domError('SecurityError'))).toBe('denied');
    expect(scanFailureOf(domError('NotFoundError'))).toBe('no-camera');
    expect(scanFailureOf(domError('OverconstrainedError'))).toBe('no-camera');
    expect(scanFailureOf(domError('NotReadableError'))).toBe('busy');
  });

  it('calls anything else a failure', () => {
    expect(scanFailureOf(new TypeError('x'))).toBe('failed');
    expect(scanFailureOf(undefined)).toBe('failed');
    expect(scanFailureOf('NotAllowedError')).toBe('failed');
  });

  it('has an English message for every reason', () => {
    const reasons: ScanFailure[] = ['unsupported', 'denied', 'no-camera', 'busy', 'timeout', 'failed'];
    for (const reason of reasons) expect(en[scanFailureMessage(reason)]).toBeTruthy();
  });
});
