// Set the payment PIN, or change it with the current PIN (or, when forgotten, the password). With a
// PIN set, the screen says so and opens the change form only when asked.
import { useState } from 'preact/hooks';
import { Loading, Screen } from '../../components/shell';
import { useAction, useLoad } from '../../hooks';
import { useApp } from '../../state';
import { isPin, PinInput, useWalletApi, WalletErrorText } from './common';

export function WalletPinScreen() {
  const { t } = useApp();
  const walletApi = useWalletApi();
  const wallet = useLoad(() => walletApi.getWallet());
  const action = useAction();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [currentPin, setCurrentPin] = useState('');
  const [password, setPassword] = useState('');
  const [forgot, setForgot] = useState(false);
  const [problem, setProblem] = useState<'format' | 'mismatch' | null>(null);
  const [saved, setSaved] = useState(false);
  const [editing, setEditing] = useState(false);
  // Just saved: a PIN is set, even before the wallet has reloaded.
  const changing = (wallet.data?.pinSet ?? false) || saved;

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const badFormat = !isPin(pin) || (changing && !forgot && !isPin(currentPin));
    setProblem(badFormat ? 'format' : pin !== repeat ? 'mismatch' : null);
    if (badFormat || pin !== repeat) return;
    const done = await action.run(async () => {
      await walletApi.setPaymentPin(!changing ? { pin } : forgot ? { pin, password } : { pin, currentPin });
      return true;
    });
    if (done) {
      setSaved(true);
      setEditing(false);
      setForgot(false);
      setPin('');
      setRepeat('');
      setCurrentPin('');
      setPassword('');
      wallet.reload();
    }
  };

  return (
    <Screen
      title={!changing ? t('wallet.setPin') : editing ? t('wallet.changePin') : t('wallet.pinTitle')}
      back="/me/wallet"
    >
      <WalletErrorText error={wallet.error} />
      {wallet.loading && !wallet.data && <Loading />}
      {wallet.data && changing && !editing && (
        <div class="card padded form" data-testid="pin-state">
          {saved ? (
            <p class="success" role="status" data-testid="pin-saved">
              {t('wallet.pinSaved')}
            </p>
          ) : (
            <p class="success" data-testid="pin-set">
              {t('wallet.pinIsSet')}
            </p>
          )}
          <p class="muted">{t('wallet.pinExplain')}</p>
          <div class="inline">
            <button
              type="button"
              data-testid="pin-change"
              onClick={() => {
                setSaved(false);
                setProblem(null);
                action.clearError();
                setEditing(true);
              }}
            >
              {t('wallet.changePin')}
            </button>
            <a class="button-link" href="#/me/wallet" data-testid="pin-to-wallet">
              {t('pay.scan.toWallet')}
            </a>
          </div>
        </div>
      )}
      {wallet.data && (!changing || editing) && (
        <form class="form card padded" onSubmit={submit} data-testid="pin-form">
          <p class="muted">{t('wallet.pinExplain')}</p>
          {changing && !forgot && (
            <PinInput name="currentPin" label={t('wallet.pinCurrent')} value={currentPin} onInput={setCurrentPin} />
          )}
          {changing && forgot && (
            <label>
              {t('wallet.password')}
              <input
                name="password"
                type="password"
                required
                autocomplete="current-password"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </label>
          )}
          <PinInput name="pin" label={t('wallet.pinNew')} value={pin} onInput={setPin} />
          <PinInput name="pinRepeat" label={t('wallet.pinRepeat')} value={repeat} onInput={setRepeat} />
          {problem && (
            <p class="error" role="alert" data-testid="error">
              {problem === 'format' ? t('wallet.pinFormat') : t('wallet.pinMismatch')}
            </p>
          )}
          <WalletErrorText error={action.error} />
          <button type="submit" class="primary" disabled={action.busy} data-testid="pin-submit">
            {t('common.save')}
          </button>
          {changing && (
            <button
              type="button"
              class="link"
              onClick={() => {
                setForgot(!forgot);
                action.clearError();
              }}
            >
              {forgot ? t('wallet.pinUseCurrent') : t('wallet.pinForgot')}
            </button>
          )}
        </form>
      )}
    </Screen>
  );
}
