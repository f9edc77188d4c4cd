// Sandbox top-up: demo money from the server's funding account, where the operator enabled it.
// The request carries an Idempotency-Key that stays the same while the user retries the same
// amount, so a lost answer never adds the money twice.
import { useRef, useState } from 'preact/hooks';
import type { TopUp } from './wallet-api';
import { Loading, Screen } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { useApp } from '../../state';
import { IdempotentAction } from './idempotency';
import { formatCents, parseCents } from './money';
import { useWalletApi, WalletErrorText } from './common';

const SUGGESTED_CENTS = [1_000, 2_000, 5_000] as const;

export function WalletTopUpScreen() {
  const { t, language } = useApp();
  const walletApi = useWalletApi();
  const wallet = useLoad(() => walletApi.getWallet());
  const action = useAction();
  const topUps = useRef(new IdempotentAction<{ amountCents: number }>());
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [done, setDone] = useState<TopUp | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    const amountCents = parseCents(amount);
    setInvalid(amountCents === null);
    if (amountCents === null) return;
    const result = await action.run(() =>
      topUps.current.run({ amountCents }, (key) => walletApi.sandboxTopUp(amountCents, key)),
    );
    if (result) {
      setDone(result);
      setAmount('');
    }
  };

  return (
    <Screen title={t('wallet.topUpTitle')} back="/me/wallet">
      <WalletErrorText error={wallet.error} />
      {wallet.loading && !wallet.data && <Loading />}
      {wallet.data && !wallet.data.sandboxTopUpEnabled && (
        <p class="notice" role="status" data-testid="top-up-unavailable">
          {t('wallet.topUpUnavailable')}
        </p>
      )}
      {wallet.data?.sandboxTopUpEnabled && (
        <form class="form card padded" onSubmit={submit} data-testid="top-up-form">
          <p class="muted">{t('wallet.topUpExplain')}</p>
          <label>
            {t('wallet.amount')}
            <input
              name="amount"
              inputMode="decimal"
              autocomplete="off"
              required
              value={amount}
              onInput={(e) => setAmount(e.currentTarget.value)}
            />
            <small>{t('wallet.amountHint')}</small>
          </label>
          <div class="inline">
            {SUGGESTED_CENTS.map((cents) => (
              <button key={cents} type="button" class="small" onClick={() => setAmount(String(cents / 100))}>
                {formatCents(cents, language)}
              </button>
            ))}
          </div>
          {invalid && (
            <p class="error" role="alert" data-testid="error">
              {t('wallet.amountInvalid')}
            </p>
          )}
          <WalletErrorText error={action.error} />
          {done && (
            <p class="success" role="status" data-testid="top-up-done">
              {t('wallet.toppedUp', {
                amount: formatCents(done.amountCents, language),
                balance: formatCents(done.balanceCents, language),
              })}
            </p>
          )}
          <button type="submit" class="primary" disabled={action.busy} data-testid="top-up-submit">
            {t('wallet.topUpSubmit')}
          </button>
        </form>
      )}
    </Screen>
  );
}
