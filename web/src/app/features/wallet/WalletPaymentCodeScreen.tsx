// "My payment code" (customer-presented mode): after the PIN, a one-time code valid for 60 s that a
// shop's till scans and charges once. The server renders the QR code; the screen counts down and
// offers a fresh code. The PIN stays in this screen's state while it is open so that "new code"
// needs no retyping (the session token lives in the same page anyway); leaving the screen drops it.
import { useEffect, useState } from 'preact/hooks';
import type { PaymentCode } from './pay-api';
import { Screen } from '../../components/shell';
import { useAction } from '../../hooks';
import { useApp } from '../../state';
import { isPin, PinInput } from './common';
import { PayErrorText, SvgQr, usePayApi } from './pay-common';

export function secondsLeft(expiresAt: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(expiresAt) - now) / 1000));
}

export function WalletPaymentCodeScreen() {
  const { t } = useApp();
  const payApi = usePayApi();
  const action = useAction();
  const [pin, setPin] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [code, setCode] = useState<PaymentCode | null>(null);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (!code) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [code]);

  const request = async (event?: Event) => {
    event?.preventDefault();
    setInvalid(!isPin(pin));
    if (!isPin(pin)) return;
    const result = await action.run(() => payApi.createPaymentCode(pin));
    if (result) {
      setCode(result);
      setNow(Date.now());
    } else {
      setPin('');
      setCode(null);
    }
  };

  const left = code ? secondsLeft(code.expiresAt, now) : 0;
  return (
    <Screen title={t('pay.code.title')} back="/me/wallet">
      {!code && (
        <form class="form card padded" onSubmit={request} data-testid="payment-code-form">
          <p class="muted">{t('pay.code.explain')}</p>
          <PinInput name="pin" label={t('pay.pin')} value={pin} onInput={setPin} />
          {invalid && (
            <p class="error" role="alert">
              {t('wallet.pinFormat')}
            </p>
          )}
          <PayErrorText error={action.error} />
          <button type="submit" class="primary" disabled={action.busy} data-testid="payment-code-submit">
            {t('pay.code.show')}
          </button>
        </form>
      )}
      {code && (
        <div class="card padded code">
          {left > 0 ? (
            <>
              <SvgQr
                load={async () => new Blob([code.qrSvg], { type: 'image/svg+xml' })}
                deps={[code.code]}
                alt={t('pay.code.qrAlt')}
                testId="payment-code-qr"
              />
              <code class="link-url" data-testid="payment-code">
                {code.code}
              </code>
              <p role="timer" data-testid="payment-code-seconds">
                {t('pay.code.secondsLeft', { seconds: left })}
              </p>
            </>
          ) : (
            <p class="notice" role="status" data-testid="payment-code-expired">
              {t('pay.code.expired')}
            </p>
          )}
          <PayErrorText error={action.error} />
          <p class="muted">{t('pay.code.once')}</p>
          <button
            type="button"
            class="small"
            disabled={action.busy}
            data-testid="payment-code-refresh"
            onClick={() => void request()}
          >
            {t('pay.code.refresh')}
          </button>
        </div>
      )}
    </Screen>
  );
}
