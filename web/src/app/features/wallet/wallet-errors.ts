// Localised messages for the wallet's refusals, with the details the server sends along (tries
// left before the lock, when the lock ends, which limit and what is still allowed). Anything
// else falls back to the general error messages.
import { ApiError } from '../../api/client';
import { type MessageKey, type Translate } from '../../catalogue';
import { errorMessage } from '../../i18n/i18n';
import { formatCents } from './money';

const PLAIN: Readonly<Record<string, MessageKey>> = {
  insufficient_funds: 'wallet.error.insufficientFunds',
  pin_not_set: 'wallet.error.pinNotSet',
  pin_already_set: 'wallet.error.pinAlreadySet',
  pin_invalid: 'wallet.error.pinInvalid',
  amount_invalid: 'wallet.error.amountInvalid',
  sandbox_disabled: 'wallet.error.sandboxDisabled',
  idempotency_key_reused: 'wallet.error.idempotencyKeyReused',
  idempotency_key_required: 'wallet.error.idempotencyKeyRequired',
  expired: 'wallet.error.expired',
  qr_code_mismatch: 'wallet.error.codeMismatch',
  order_amount_mismatch: 'wallet.error.codeMismatch',
  idempotency_in_progress: 'wallet.error.inProgress',
  already_resolved: 'wallet.error.alreadyResolved',
  already_claimed: 'wallet.error.alreadyClaimed',
  red_packet_empty: 'wallet.error.redPacketEmpty',
  not_allowed: 'wallet.error.notAllowed',
  wallet_balance_not_zero: 'wallet.error.balanceNotZero',
  invalid_credentials: 'wallet.error.passwordWrong',
};

export function walletErrorMessage(t: Translate, language: string, error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(t, error);
  const details = error.details;
  switch (error.code) {
    case 'pin_wrong': {
      const tries = Number(details.triesLeft);
      return Number.isInteger(tries) && tries >= 0
        ? t('wallet.error.pinWrongTries', { tries })
        : t('wallet.error.pinWrong');
    }
    case 'pin_locked': {
      const seconds = Number(details.retryAfterSeconds);
      const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15;
      return t('wallet.error.pinLocked', { minutes });
    }
    case 'limit_exceeded': {
      const limit = Number(details.limitCents);
      const remaining = Number(details.remainingCents);
      if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(remaining)) return t('wallet.error.limitExceeded');
      const amounts = { limit: formatCents(limit, language), remaining: formatCents(remaining, language) };
      return details.limit === 'daily'
        ? t('wallet.error.limitExceededDaily', amounts)
        : t('wallet.error.limitExceededPayment', amounts);
    }
    default: {
      const key = PLAIN[error.code];
      return key ? t(key) : errorMessage(t, error);
    }
  }
}
