// The pure parts of changing the password, exporting the account's data and deleting the
// account: what is wrong with the form before asking the server, the export's file name, and the
// text for the server's refusals.
import { ApiError } from '../../api/client';
import { type MessageKey, type Translate } from '../../catalogue';
import { errorMessage } from '../../i18n/i18n';

/** The server's minimum (IdentityRules.PASSWORD_LENGTH_MIN), checked here so the form says it at once. */
export const PASSWORD_CHARS_MIN = 10;

export type PasswordProblem = 'account.password.tooShort' | 'account.password.mismatch' | 'account.password.same';

/** What is wrong with a new password typed twice, if anything; the current one is the server's to check. */
export function passwordProblem(current: string, next: string, repeat: string): PasswordProblem | null {
  if ([...next].length < PASSWORD_CHARS_MIN) return 'account.password.tooShort';
  if (next !== repeat) return 'account.password.mismatch';
  if (next === current) return 'account.password.same';
  return null;
}

/** `atrium-export-<username>-<YYYY-MM-DD>.json`, the date in the person's own time zone. */
export function exportFileName(username: string, date: Date): string {
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part, index) => String(part).padStart(index === 0 ? 4 : 2, '0'))
    .join('-');
  const safe = username.replace(/[^a-z0-9_.]/gi, '_') || 'account';
  return `atrium-export-${safe}-${day}.json`;
}

const REFUSALS: Readonly<Record<string, MessageKey>> = {
  wrong_password: 'account.error.wrongPassword',
  wallet_balance_not_zero: 'account.error.walletNotEmpty',
  withdrawals_open: 'account.error.withdrawalsOpen',
  merchant_balance_not_zero: 'account.error.shopNotEmpty',
  'validation_failed.newPassword': 'account.password.tooShort',
};

/**
 * The text for a refusal of a password change or a deletion: ours for the codes we know; for
 * another refusal of the deletion (a feature added later) the server's own message, which says
 * what to settle first better than a generic "something went wrong".
 */
export function accountErrorMessage(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(t, error);
  const key = REFUSALS[error.field ? `${error.code}.${error.field}` : error.code] ?? REFUSALS[error.code];
  if (key) return t(key);
  if (error.status === 409 && error.message) return error.message;
  return errorMessage(t, error);
}
