import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { translator } from '../../catalogue';
import { accountErrorMessage, exportFileName, passwordProblem } from './account-rules';

const t = translator('en');

describe('passwordProblem', () => {
  it('accepts a new password of ten characters typed twice the same', () => {
    expect(passwordProblem('old password 1', 'abcdefghij', 'abcdefghij')).toBeNull();
  });

  it('refuses a short one, counting characters, not UTF-16 units', () => {
    expect(passwordProblem('old password 1', 'short', 'short')).toBe('account.password.tooShort');
    expect(passwordProblem('old password 1', '😀😀😀😀😀', '😀😀😀😀😀')).toBe('account.password.tooShort');
  });

  it('refuses two different new passwords, and the current one again', () => {
    expect(passwordProblem('old password 1', 'new password 1', 'new password 2')).toBe('account.password.mismatch');
    expect(passwordProblem('old password 1', 'old password 1', 'old password 1')).toBe('account.password.same');
  });
});

describe('exportFileName', () => {
  it('names the file after the username and the local date', () => {
    expect(exportFileName('ann.example', new Date(2026, 0, 5, 23, 30))).toBe(
      'atrium-export-ann.example-2026-01-05.json',
    );
  });

  it('keeps only safe characters', () => {
    expect(exportFileName('../x', new Date(2026, 11, 7))).toBe('atrium-export-.._x-2026-12-07.json');
    expect(exportFileName('', new Date(2026, 11, 7))).toBe('atrium-export-account-2026-12-07.json');
  });
});

describe('accountErrorMessage', () => {
  it('translates a wrong current password and the refusals of a deletion', () => {
    expect(accountErrorMessage(t, new ApiError(403, 'wrong_password', 'The current password is wrong.'))).toBe(
      'The password is wrong.',
    );
    expect(
      accountErrorMessage(
        translator('de'),
        new ApiError(409, 'wallet_balance_not_zero', 'Your wallet still holds money.'),
      ),
    ).toBe('In deiner Geldbörse ist noch Geld. Zahle es aus oder gib es aus, bevor du das Konto löschst.');
    expect(accountErrorMessage(t, new ApiError(409, 'merchant_balance_not_zero', 'x'))).toContain('shop');
    expect(accountErrorMessage(t, new ApiError(422, 'validation_failed', 'short', 'newPassword'))).toBe(
      'The new password needs at least 10 characters.',
    );
  });

  it('shows the server’s own text for a refusal it does not know', () => {
    expect(accountErrorMessage(t, new ApiError(409, 'loans_open', 'Repay your loan first.'))).toBe(
      'Repay your loan first.',
    );
    expect(accountErrorMessage(t, new ApiError(0, 'network_error', 'offline'))).toBe(
      'The server cannot be reached. Check your connection.',
    );
  });
});
